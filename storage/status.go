package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Where a status change came from.
const (
	SourceConfig   = "config"   // the starting status in the config file
	SourceDetected = "detected" // a status rule fired on an item
	SourceAdmin    = "admin"    // an admin set it with /pact set or a button
)

// AgreementState is an agreement's current status.
type AgreementState struct {
	ID         string
	Status     string
	Since      time.Time // when pactwatch recorded the change
	EvidenceAt time.Time // when the evidence was published; later evidence alone may move it
	Last       Change    // the history entry that set it
}

// Change is one entry of an agreement's status history.
type Change struct {
	ID          int64
	AgreementID string
	RecordedAt  time.Time // when pactwatch recorded it
	EffectiveAt time.Time // when it became true: the evidence's publication time, or RecordedAt
	Previous    string
	Status      string
	Source      string // SourceConfig, SourceDetected or SourceAdmin
	ItemGUID    string
	FeedID      string
	Link        string
	Title       string
	Sentence    string // the sentence that fired
	Rule        string // the status rule's query
	UserID      string // the admin, for SourceAdmin
	Note        string
	Retracted   bool   // an admin reverted it: it never held
	Party       string // one party's status, in an agreement of more than two
	Sources     int    // independent outlets it rests on, for a detected change
}

// EnsureAgreement records an agreement's starting status the first time it
// is seen, as of since: the config's `since`, or zero when it is not known,
// and the status then holds from the beginning, before any news. An
// agreement already in the database keeps its status: after the first
// start, history (not the config file) is the truth.
func (tx *Tx) EnsureAgreement(id, status string, since time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO agreements (id, status, since) VALUES (?, ?, ?)
		ON CONFLICT (id) DO NOTHING`, id, status, millis(tx.now))
	if err != nil {
		return fmt.Errorf("ensure agreement %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	c := Change{AgreementID: id, Status: status, Source: SourceConfig, EffectiveAt: since,
		Note: "starting status from the config"}
	return tx.insertChange(&c, true)
}

// SetStartDates dates the configured starting status of the agreements in
// since (by id; zero: not known) as the config now says, for agreements
// recorded before their `since` was written, changed or removed. While the
// starting status still holds, the agreement's evidence time moves with it:
// news older than it is then older evidence, and no longer moves the status.
// It reads the starting entries in one query and writes only those that
// changed, and returns how many did.
func (tx *Tx) SetStartDates(since map[string]time.Time) (int, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, `SELECT id, agreement_id, effective_at FROM status_history
		WHERE source = ? AND previous = ''`, SourceConfig)
	if err != nil {
		return 0, fmt.Errorf("start dates: %w", err)
	}
	type move struct {
		id     int64
		ag     string
		millis int64
	}
	var moves []move
	for rows.Next() {
		var m move
		var at int64
		if err := rows.Scan(&m.id, &m.ag, &at); err != nil {
			rows.Close()
			return 0, fmt.Errorf("start dates: %w", err)
		}
		if want, ok := since[m.ag]; ok && millis(want) != at {
			m.millis = millis(want)
			moves = append(moves, m)
		}
	}
	if err := rows.Close(); err != nil {
		return 0, fmt.Errorf("start dates: %w", err)
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("start dates: %w", err)
	}
	for _, m := range moves {
		if _, err := tx.tx.ExecContext(tx.ctx, "UPDATE status_history SET effective_at = ? WHERE id = ?", m.millis, m.id); err != nil {
			return 0, fmt.Errorf("date the starting status of %s: %w", m.ag, err)
		}
		if _, err := tx.tx.ExecContext(tx.ctx, "UPDATE agreements SET evidence_at = ? WHERE id = ? AND history_id = ?",
			m.millis, m.ag, m.id); err != nil {
			return 0, fmt.Errorf("date the starting status of %s: %w", m.ag, err)
		}
	}
	return len(moves), nil
}

// KnownAgreements returns which of ids the database already has, so that a
// start with many agreements calls EnsureAgreement only for the new ones
// (one statement each) rather than for all of them.
func (tx *Tx) KnownAgreements(ids []string) (map[string]bool, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, "SELECT id FROM agreements")
	if err != nil {
		return nil, fmt.Errorf("known agreements: %w", err)
	}
	defer rows.Close()
	pos := make(map[string]int, len(ids))
	for i, id := range ids {
		pos[id] = i
	}
	known := make(map[string]bool, len(ids))
	for rows.Next() {
		var id sql.RawBytes // valid until Next: looked up, not kept
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("known agreements: %w", err)
		}
		if i, ok := pos[string(id)]; ok {
			known[ids[i]] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("known agreements: %w", err)
	}
	return known, nil
}

// AgreementState returns the agreement's current status, or ErrNotFound.
func (tx *Tx) AgreementState(id string) (AgreementState, error) {
	return agreementState(tx.ctx, tx.tx, id)
}

// AgreementState returns the agreement's current status, or ErrNotFound.
func (s *Store) AgreementState(ctx context.Context, id string) (AgreementState, error) {
	return agreementState(ctx, s.db, id)
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func agreementState(ctx context.Context, q querier, id string) (AgreementState, error) {
	st := AgreementState{ID: id}
	var since, evidence, hid int64
	err := q.QueryRowContext(ctx, "SELECT status, since, evidence_at, history_id FROM agreements WHERE id = ?", id).
		Scan(&st.Status, &since, &evidence, &hid)
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("agreement %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return st, fmt.Errorf("agreement %s: %w", id, err)
	}
	st.Since, st.EvidenceAt = fromMillis(since), fromMillis(evidence)
	if hid != 0 {
		rows, err := q.QueryContext(ctx, changeSelect+" WHERE id = ?", hid)
		if err != nil {
			return st, fmt.Errorf("agreement %s: %w", id, err)
		}
		list, err := scanChanges(rows)
		if err != nil {
			return st, fmt.Errorf("agreement %s: %w", id, err)
		}
		if len(list) == 1 {
			st.Last = list[0]
		}
	}
	return st, nil
}

// SetStatus records a change of status and makes it current. c.Previous is
// filled in from the current state.
func (tx *Tx) SetStatus(c *Change) error {
	cur, err := tx.AgreementState(c.AgreementID)
	if err != nil {
		return err
	}
	c.Previous = cur.Status
	return tx.insertChange(c, true)
}

// RecordEvidence keeps a change in the history without making it current:
// for evidence older than what set the current status, which must not move
// it back but still tells when a status held (forecasts are judged on it).
func (tx *Tx) RecordEvidence(c *Change) error { return tx.insertChange(c, false) }

func (tx *Tx) insertChange(c *Change, current bool) error {
	c.RecordedAt = tx.now
	if c.EffectiveAt.IsZero() && c.Source != SourceConfig { // the starting status may hold from the beginning
		c.EffectiveAt = tx.now
	}
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO status_history
		(agreement_id, recorded_at, effective_at, previous, status, source, item_guid, feed_id, link, title, sentence, rule, user_id, note, party)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.AgreementID, millis(c.RecordedAt), millis(c.EffectiveAt), c.Previous, c.Status, c.Source,
		c.ItemGUID, c.FeedID, c.Link, c.Title, c.Sentence, c.Rule, c.UserID, c.Note, c.Party)
	if err != nil {
		return fmt.Errorf("record status of %s: %w", c.AgreementID, err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if !current {
		return nil
	}
	evidence := c.EffectiveAt // zero for a starting status of no known date: any news may move it
	_, err = tx.tx.ExecContext(tx.ctx, `UPDATE agreements SET status = ?, since = ?, evidence_at = ?, history_id = ? WHERE id = ?`,
		c.Status, millis(c.RecordedAt), millis(evidence), c.ID, c.AgreementID)
	if err != nil {
		return fmt.Errorf("set status of %s: %w", c.AgreementID, err)
	}
	return nil
}

const changeSelect = `SELECT id, agreement_id, recorded_at, effective_at, previous, status, source,
	item_guid, feed_id, link, title, sentence, rule, user_id, note, retracted, party FROM status_history`

func scanChanges(rows *sql.Rows) ([]Change, error) {
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var rec, eff int64
		if err := rows.Scan(&c.ID, &c.AgreementID, &rec, &eff, &c.Previous, &c.Status, &c.Source,
			&c.ItemGUID, &c.FeedID, &c.Link, &c.Title, &c.Sentence, &c.Rule, &c.UserID, &c.Note, &c.Retracted, &c.Party); err != nil {
			return nil, err
		}
		c.RecordedAt, c.EffectiveAt = fromMillis(rec), fromMillis(eff)
		out = append(out, c)
	}
	return out, rows.Err()
}

// History returns an agreement's status history, oldest first by when each
// status became true.
func (s *Store) History(ctx context.Context, agreementID string) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, changeSelect+" WHERE agreement_id = ? ORDER BY effective_at, id", agreementID)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", agreementID, err)
	}
	return scanChanges(rows)
}

// History returns an agreement's status history inside the transaction.
func (tx *Tx) History(agreementID string) ([]Change, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, changeSelect+" WHERE agreement_id = ? ORDER BY effective_at, id", agreementID)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", agreementID, err)
	}
	return scanChanges(rows)
}

// Retract marks a history entry as reverted by an admin: it stays in the
// history, but no forecast is judged on it any more.
func (tx *Tx) Retract(changeID int64) error {
	res, err := tx.tx.ExecContext(tx.ctx, "UPDATE status_history SET retracted = 1 WHERE id = ?", changeID)
	if err != nil {
		return fmt.Errorf("retract change %d: %w", changeID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("retract change %d: %w", changeID, ErrNotFound)
	}
	return nil
}

// HeldAt reports whether the agreement held one of statuses at time t
// (see StatusAt), and returns the history entry that set it. A forecast is
// met when this holds at its due time: an earlier status that no longer
// held then does not meet it.
func (tx *Tx) HeldAt(agreementID string, statuses []string, t time.Time) (Change, bool, error) {
	list, err := tx.History(agreementID)
	if err != nil {
		return Change{}, false, err
	}
	held, found := StatusAt(list, t)
	if !found {
		return held, false, nil
	}
	for _, s := range statuses {
		if held.Status == s {
			return held, true, nil
		}
	}
	return held, false, nil
}

// setsStatus reports whether the entry says what the agreement's status
// was from its time on: not one reverted by an admin, not one party's own,
// not an admin's confirmation of what already held.
func (c Change) setsStatus() bool {
	return !c.Retracted && c.Party == "" && !(c.Source == SourceAdmin && c.Previous == c.Status)
}

// HeldSince returns the entry since which status has held without a
// break: the first of the run of entries of that status that ends the
// history (counted as StatusAt counts them). After a revert the status is
// again the one older evidence gave, since then, not since the revert. It
// is false when the history does not end in status.
func HeldSince(history []Change, status string) (Change, bool) {
	var start Change
	run := ""
	for _, c := range history {
		if !c.setsStatus() {
			continue
		}
		if c.Status != run {
			start, run = c, c.Status
		}
	}
	return start, run == status && status != ""
}

// StatusAt returns the history entry that set the status held at time t:
// the latest with evidence from before t (reverted ones, one party's own
// and an admin's confirmation of what held do not count). The configured
// starting status is dated by the config's `since`, or holds from the
// beginning when that is not known; before its date, with no evidence
// older than t, it still counts. history is as History returns it.
func StatusAt(history []Change, t time.Time) (Change, bool) {
	var held Change
	found, fallback := false, false // fallback: held is a starting status dated after t
	for _, c := range history {
		if !c.setsStatus() {
			continue
		}
		if !c.EffectiveAt.Before(t) && !(c.Source == SourceConfig && c.EffectiveAt.IsZero()) {
			if c.Source == SourceConfig && !found {
				held, found, fallback = c, true, true
			}
			continue
		}
		if !found || fallback || !c.EffectiveAt.Before(held.EffectiveAt) {
			held, found, fallback = c, true, false
		}
	}
	return held, found
}
