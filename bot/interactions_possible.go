package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/storage"
)

// possibleAction confirms or dismisses the possible status a mention
// carries, and returns what to tell the admin who clicked.
func (a *App) possibleAction(ctx context.Context, ic slack.InteractionCallback, action string, al storage.Alert) Answer {
	user := ic.User.ID
	if possibleActions(al) == nil {
		return notice("This alert has no possible status to confirm or dismiss.")
	}
	name := "*" + escLine(agreementName(al), maxName) + "*"
	label := "*" + escLine(al.DetectedStatus, maxShort) + "*"
	if al.Party != "" {
		label = escLine(al.Party, maxShort) + " " + label
	}
	var line, text string
	date := a.now().Format(dateFmt)
	switch action {
	case ActionConfirmPossible:
		res, err := a.confirmPossible(ctx, al, user)
		switch {
		case err != nil:
			a.log().Error("confirm a possible status", "alert", al.ID, "err", err)
			return notice(":warning: Sorry, that did not work; nothing changed. Try again in a minute.")
		case res.already:
			return notice(fmt.Sprintf("%s is %s already; nothing changed.", name, label))
		}
		line = fmt.Sprintf(":white_check_mark: %s confirmed by %s on %s", label, userMention(user), date)
		text = fmt.Sprintf(":white_check_mark: Confirmed: %s is %s now; a status_change alert follows.", name, label)
		if !res.newer.IsZero() {
			text = fmt.Sprintf(":white_check_mark: Confirmed as evidence of %s on %s. %s stays *%s*, on newer evidence of %s; "+
				"the history and forecasts count it from its day.", label, al.Item.Published.Format(dateFmt), name,
				escLine(res.held, maxShort), res.newer.Format(dateFmt))
		}
	default:
		var n int
		err := a.Store.InTx(ctx, func(tx *storage.Tx) error {
			var err error
			if al.Item != nil {
				n, err = tx.DismissClaims(al.Agreement, al.Item.Feed, al.Item.GUID)
			}
			return err
		})
		if err != nil {
			a.log().Error("dismiss a possible status", "alert", al.ID, "err", err)
			return notice(":warning: Sorry, that did not work; nothing changed. Try again in a minute.")
		}
		line = fmt.Sprintf(":heavy_multiplication_x: Possible %s dismissed by %s on %s", label, userMention(user), date)
		text = fmt.Sprintf(":heavy_multiplication_x: Dismissed: this report of %s no longer counts towards %s.", label, name)
		a.log().Info("dismissed a possible status", "alert", al.ID, "claims", n)
	}
	a.wake()
	a.log().Info("status button", "action", action, "alert", al.ID, "agreement", al.Agreement, "user", user)
	if err := a.updateAlert(ctx, al, ic, resolvedMessage(al, line)); err != nil {
		a.log().Warn("update the alert message after a click", "alert", al.ID, "err", err)
	}
	return Answer{Text: text, Blocks: blocksOf(sectionBlock(text))}
}

// confirmed is what confirming a possible status did: nothing, as the
// status was that already; or, when the item is older than the evidence of
// the agreement's current status, kept it in the history as evidence of its
// day (newer is that evidence's time, held the status it gave), moving
// nothing; else it moved the status.
type confirmed struct {
	already bool
	newer   time.Time
	held    string
}

// confirmPossible makes the possible status a mention carries the
// agreement's (or its party's), as an admin's change dated from the item's
// publication, and enqueues the status_change alert that says so, in one
// transaction. An item older than the evidence of the current status only
// adds to the history: the status stays what the newer evidence says.
func (a *App) confirmPossible(ctx context.Context, al storage.Alert, user string) (res confirmed, err error) {
	already := false
	err = a.Store.InTx(ctx, func(tx *storage.Tx) error {
		cur, err := tx.AgreementState(al.Agreement)
		if err != nil {
			return err
		}
		previous := cur.Status
		if al.Party != "" {
			ps, err := tx.PartyStatus(al.Agreement, al.Party)
			if err != nil && !errors.Is(err, storage.ErrNotFound) {
				return err
			}
			previous = ps.Status
		}
		if previous == al.DetectedStatus {
			already = true
			return nil
		}
		c := &storage.Change{AgreementID: al.Agreement, Status: al.DetectedStatus, Party: al.Party, Source: storage.SourceAdmin,
			UserID: user, Sentence: al.Sentence, Note: "confirmed the possible status an item reported"}
		if it := al.Item; it != nil {
			c.ItemGUID, c.FeedID, c.Link, c.Title, c.EffectiveAt = it.GUID, it.Feed, it.Link, it.Title, it.Published
		}
		if al.Party == "" && !c.EffectiveAt.IsZero() && c.EffectiveAt.Before(cur.EvidenceAt) {
			res.newer, res.held = cur.EvidenceAt, cur.Status
			return tx.RecordEvidence(c)
		}
		if al.Party != "" {
			err = tx.SetPartyStatus(c)
		} else {
			err = tx.SetStatus(c)
		}
		if err != nil {
			return err
		}
		next := &storage.Alert{Kind: storage.KindStatusChange, Agreement: al.Agreement, AgreementName: al.AgreementName,
			Channel: al.Channel, Status: al.DetectedStatus, PreviousStatus: previous, DetectedStatus: al.DetectedStatus,
			Party: al.Party, Confidence: "confirmed", Item: al.Item, UserID: user, Note: c.Note}
		if al.Party != "" {
			next.Status = cur.Status
		}
		_, err = tx.Enqueue(next)
		return err
	})
	if err != nil {
		return confirmed{}, fmt.Errorf("confirm possible status of alert %s: %w", al.ID, err)
	}
	res.already = already
	return res, nil
}
