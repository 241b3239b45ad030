package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Claim is what one item said of an agreement's status.
type Claim struct {
	AgreementID string
	ItemID      int64
	Status      string
	Party       string // one party's status, in an agreement of more than two
	Strong      bool
	Host        string // the outlet: independent sources are different hosts
	At          time.Time
}

// AddClaim records a claim.
func (tx *Tx) AddClaim(c Claim) error {
	_, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO claims (agreement_id, item_id, status, party, strong, host, at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, c.AgreementID, c.ItemID, c.Status, c.Party, c.Strong, c.Host, millis(c.At))
	if err != nil {
		return fmt.Errorf("record claim on %s: %w", c.AgreementID, err)
	}
	return nil
}

// Sources counts the independent sources (distinct hosts) that made a
// strong claim of status (for party, or the whole agreement when "") on
// the agreement with evidence from from to to.
func (tx *Tx) Sources(agreementID, status, party string, from, to time.Time) (int, error) {
	var n int
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT COUNT(DISTINCT host) FROM claims
		WHERE agreement_id = ? AND status = ? AND party = ? AND strong = 1 AND dismissed = 0 AND at >= ? AND at <= ?`,
		agreementID, status, party, millis(from), millis(to)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sources of %s %s: %w", agreementID, status, err)
	}
	return n, nil
}

// DismissClaims marks the claims an item (by feed and guid) made about an
// agreement as dismissed by an admin: they no longer count towards
// corroboration. It reports how many it marked.
func (tx *Tx) DismissClaims(agreementID, feedID, guid string) (int, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE claims SET dismissed = 1 WHERE agreement_id = ? AND dismissed = 0
		AND item_id IN (SELECT id FROM items WHERE feed_id = ? AND guid = ?)`, agreementID, feedID, guid)
	if err != nil {
		return 0, fmt.Errorf("dismiss claims on %s: %w", agreementID, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Event is one happening reported by one or more outlets, and the alert
// that told it.
type Event struct {
	ID          int64
	AgreementID string
	Status      string
	Party       string
	At          time.Time
	Alert       AlertRef
	Sketch      uint64   // a SimHash of the alert's text; 0 when none
	Words       []string // the headline's and lead's words that say what happened
}

// FindEvent returns the latest event of the agreement with that claim
// whose evidence is within window of at, or ErrNotFound.
func (tx *Tx) FindEvent(agreementID, status, party string, at time.Time, window time.Duration) (Event, error) {
	e := Event{AgreementID: agreementID, Status: status, Party: party}
	var ms int64
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT id, at, alert_seq, channel FROM events
		WHERE agreement_id = ? AND status = ? AND party = ? AND at >= ? AND at <= ? ORDER BY id DESC LIMIT 1`,
		agreementID, status, party, millis(at.Add(-window)), millis(at.Add(window))).Scan(&e.ID, &ms, &e.Alert.Seq, &e.Alert.Channel)
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("event %s %s: %w", agreementID, status, ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("event %s %s: %w", agreementID, status, err)
	}
	e.At = fromMillis(ms)
	return e, nil
}

// AddEvent records an event and the top-level alert that told it.
func (tx *Tx) AddEvent(e *Event) error {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO events (agreement_id, status, party, at, alert_seq, channel, sketch, words)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, e.AgreementID, e.Status, e.Party, millis(e.At), e.Alert.Seq, e.Alert.Channel, int64(e.Sketch),
		strings.Join(e.Words, " "))
	if err != nil {
		return fmt.Errorf("record event on %s: %w", e.AgreementID, err)
	}
	e.ID, err = res.LastInsertId()
	return err
}

// RecentEvents returns the agreement's events whose evidence is within
// window of at, newest first.
func (tx *Tx) RecentEvents(agreementID string, at time.Time, window time.Duration) ([]Event, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, `SELECT id, status, party, at, alert_seq, channel, sketch, words FROM events
		WHERE agreement_id = ? AND at >= ? AND at <= ? ORDER BY id DESC LIMIT 200`,
		agreementID, millis(at.Add(-window)), millis(at.Add(window)))
	if err != nil {
		return nil, fmt.Errorf("recent events of %s: %w", agreementID, err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		e := Event{AgreementID: agreementID}
		var ms, sketch int64
		var words string
		if err := rows.Scan(&e.ID, &e.Status, &e.Party, &ms, &e.Alert.Seq, &e.Alert.Channel, &sketch, &words); err != nil {
			return nil, fmt.Errorf("recent events of %s: %w", agreementID, err)
		}
		e.At, e.Sketch, e.Words = fromMillis(ms), uint64(sketch), strings.Fields(words)
		out = append(out, e)
	}
	return out, rows.Err()
}

// PartyState is one party's own status in an agreement.
type PartyState struct {
	AgreementID, Party, Status string
	Since, EvidenceAt          time.Time
}

// PartyStatus returns a party's status in an agreement, or ErrNotFound.
func (tx *Tx) PartyStatus(agreementID, party string) (PartyState, error) {
	st := PartyState{AgreementID: agreementID, Party: party}
	var since, ev int64
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT status, since, evidence_at FROM party_status WHERE agreement_id = ? AND party = ?`,
		agreementID, party).Scan(&st.Status, &since, &ev)
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("party %s of %s: %w", party, agreementID, ErrNotFound)
	}
	if err != nil {
		return st, fmt.Errorf("party %s of %s: %w", party, agreementID, err)
	}
	st.Since, st.EvidenceAt = fromMillis(since), fromMillis(ev)
	return st, nil
}

// SetPartyStatus records a change of one party's status: in the history
// (with its party) and as the party's current status.
func (tx *Tx) SetPartyStatus(c *Change) error {
	if c.Party == "" {
		return fmt.Errorf("set party status of %s: no party", c.AgreementID)
	}
	if cur, err := tx.PartyStatus(c.AgreementID, c.Party); err == nil {
		c.Previous = cur.Status
	}
	if err := tx.insertChange(c, false); err != nil {
		return err
	}
	_, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO party_status (agreement_id, party, status, since, evidence_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (agreement_id, party) DO UPDATE SET status = excluded.status,
		since = excluded.since, evidence_at = excluded.evidence_at`,
		c.AgreementID, c.Party, c.Status, millis(tx.now), millis(c.EffectiveAt))
	if err != nil {
		return fmt.Errorf("set party status of %s: %w", c.AgreementID, err)
	}
	return nil
}

// PartyStatuses returns the parties' own statuses in an agreement.
func (s *Store) PartyStatuses(ctx context.Context, agreementID string) ([]PartyState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT party, status, since, evidence_at FROM party_status
		WHERE agreement_id = ? ORDER BY party`, agreementID)
	if err != nil {
		return nil, fmt.Errorf("party statuses of %s: %w", agreementID, err)
	}
	defer rows.Close()
	var out []PartyState
	for rows.Next() {
		st := PartyState{AgreementID: agreementID}
		var since, ev int64
		if err := rows.Scan(&st.Party, &st.Status, &since, &ev); err != nil {
			return nil, fmt.Errorf("party statuses of %s: %w", agreementID, err)
		}
		st.Since, st.EvidenceAt = fromMillis(since), fromMillis(ev)
		out = append(out, st)
	}
	return out, rows.Err()
}
