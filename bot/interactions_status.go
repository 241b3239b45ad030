package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// confirmNote marks the history entry of an admin's confirmation.
const confirmNote = "confirmed the detected change"

// actionResult is what a click did: nothing because the status moved on
// (moved is the status now), nothing because it was done already (already
// is who did it), or, with both empty, what was asked.
type actionResult struct {
	moved, already string
	back           string // the status a revert went back to
}

// confirm records that an admin confirmed a detected change: a history
// entry of the same status from the same evidence and time, which leaves
// the current status (and what may move it) as it is.
func (a *App) confirm(ctx context.Context, al storage.Alert, user string) (actionResult, error) {
	var res actionResult
	err := a.Store.InTx(ctx, func(tx *storage.Tx) error {
		cur, ok, err := unmoved(tx, al, &res)
		if err != nil || !ok {
			return err
		}
		history, err := tx.History(al.Agreement)
		if err != nil {
			return err
		}
		c := storage.Change{AgreementID: al.Agreement, Previous: al.Status, Status: al.Status,
			Source: storage.SourceAdmin, UserID: user, Note: confirmNote, EffectiveAt: cur.EvidenceAt}
		if it := al.Item; it != nil {
			c.ItemGUID, c.FeedID, c.Link, c.Title = it.GUID, it.Feed, it.Link, it.Title
		}
		for _, h := range history {
			switch {
			case h.Source == storage.SourceAdmin && h.Note == confirmNote && h.Status == c.Status && h.ItemGUID == c.ItemGUID:
				res.already = h.UserID
				return nil
			case h.Source == storage.SourceDetected && h.Status == c.Status && h.ItemGUID == c.ItemGUID:
				c.EffectiveAt = h.EffectiveAt // the confirmation dates from the evidence
			}
		}
		return tx.RecordEvidence(&c)
	})
	if err != nil {
		return res, fmt.Errorf("confirm alert %s: %w", al.ID, err)
	}
	return res, nil
}

// revert sets the status back to what it was before the detected change,
// as an admin's change, marks the detection retracted (so no forecast is
// judged on it), and enqueues the status_change alert that says so, in one
// transaction.
func (a *App) revert(ctx context.Context, al storage.Alert, user string) (actionResult, error) {
	var res actionResult
	err := a.Store.InTx(ctx, func(tx *storage.Tx) error {
		cur, ok, err := unmoved(tx, al, &res)
		if err != nil || !ok {
			return err
		}
		note := "reverted the detected change to " + al.Status
		if al.Item != nil && al.Item.Title != "" {
			note += " (" + cutPlain(oneLine(al.Item.Title), maxTitle) + ")"
		}
		res.back = al.PreviousStatus
		if cur.Last.Source == storage.SourceDetected {
			// The detection was wrong: keep it, but judge no forecast on it,
			// and re-judge the status from the evidence that remains (a
			// stored article may have moved it since the alert's "before").
			if err := tx.Retract(cur.Last.ID); err != nil {
				return err
			}
			history, err := tx.History(al.Agreement)
			if err != nil {
				return err
			}
			if held, ok := storage.StatusAt(history, latest(history)); ok && held.Status != al.Status {
				res.back = held.Status
			}
		}
		// An admin's entry, as of now: news published before the revert
		// does not move the status back by itself.
		c := &storage.Change{AgreementID: al.Agreement, Status: res.back, Source: storage.SourceAdmin,
			UserID: user, Note: note}
		if err := tx.SetStatus(c); err != nil {
			return err
		}
		_, err = tx.Enqueue(&storage.Alert{
			Kind: storage.KindStatusChange, Agreement: al.Agreement, AgreementName: al.AgreementName,
			Channel: al.Channel, Status: res.back, PreviousStatus: al.Status, UserID: user, Note: note,
		})
		return err
	})
	if err != nil {
		return res, fmt.Errorf("revert alert %s: %w", al.ID, err)
	}
	return res, nil
}

// unmoved loads the agreement's state and reports whether it still has the
// status the alert announced; when it has moved on, it notes the status now
// held in res, and the button does nothing.
func unmoved(tx *storage.Tx, al storage.Alert, res *actionResult) (storage.AgreementState, bool, error) {
	cur, err := tx.AgreementState(al.Agreement)
	if err != nil {
		return cur, false, err
	}
	if cur.Status != al.Status {
		res.moved = cur.Status
		return cur, false, nil
	}
	return cur, true, nil
}

// latest is an instant after every entry of history: StatusAt there is the
// status the whole history gives.
func latest(history []storage.Change) time.Time {
	var t time.Time
	for _, c := range history {
		if c.EffectiveAt.After(t) {
			t = c.EffectiveAt
		}
	}
	return t.Add(time.Millisecond)
}
