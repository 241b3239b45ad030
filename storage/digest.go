package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// DigestRef is what a digest message gathers: a channel's held mentions,
// grouped by agreement. A long digest is posted in parts, the first in the
// channel and the others in its thread.
type DigestRef struct {
	From   time.Time     `json:"from"` // the oldest gathered mention
	To     time.Time     `json:"to"`   // when it was gathered
	Part   int           `json:"part"` // 1-based
	Parts  int           `json:"parts"`
	Total  int           `json:"total"` // stories in the whole digest
	Groups []DigestGroup `json:"groups"`
}

// DigestGroup is one agreement's stories in a digest part.
type DigestGroup struct {
	Agreement     string        `json:"agreement"`
	AgreementName string        `json:"agreement_name"`
	Status        string        `json:"status"`
	Total         int           `json:"total"` // its stories in the whole digest
	Stories       []DigestStory `json:"stories"`
}

// DigestStory is one story: its first report, how many outlets carried it
// while it was held, and the status it may report.
type DigestStory struct {
	Item     ItemRef `json:"item"`
	Outlets  int     `json:"outlets"`
	Possible string  `json:"possible,omitempty"`
}

// Held returns the alerts held for digests, oldest first, by channel as
// stored ("" for the default channel).
func (tx *Tx) Held() (map[string][]Alert, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, alertSelect+" WHERE a.state = ? ORDER BY a.seq", StateHeld)
	if err != nil {
		return nil, fmt.Errorf("held alerts: %w", err)
	}
	list, err := scanAlerts(rows)
	if err != nil {
		return nil, fmt.Errorf("held alerts: %w", err)
	}
	out := map[string][]Alert{}
	for _, a := range list {
		out[a.Channel] = append(out[a.Channel], a)
	}
	return out, nil
}

// MarkDigested records that the held alerts seqs were gathered into the
// digest digestSeq (0: into none). Only held alerts change.
func (tx *Tx) MarkDigested(seqs []int64, digestSeq int64) error {
	var digest any
	if digestSeq != 0 {
		digest = digestSeq
	}
	for len(seqs) > 0 {
		n := min(len(seqs), 500)
		args := []any{StateDigested, digest, StateHeld}
		for _, s := range seqs[:n] {
			args = append(args, s)
		}
		q := "UPDATE alerts SET state = ?, digest_seq = ? WHERE state = ? AND seq IN (" +
			strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
		if _, err := tx.tx.ExecContext(tx.ctx, q, args...); err != nil {
			return fmt.Errorf("mark digested: %w", err)
		}
		seqs = seqs[n:]
	}
	return nil
}

// LastDigest returns when digests were last gathered, and false when
// never.
func (tx *Tx) LastDigest() (time.Time, bool, error) {
	var ms int64
	err := tx.tx.QueryRowContext(tx.ctx, "SELECT last_at FROM digest_state WHERE id = 1").Scan(&ms)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("last digest: %w", err)
	}
	return fromMillis(ms), true, nil
}

// SetLastDigest records when digests were gathered.
func (tx *Tx) SetLastDigest(at time.Time) error {
	_, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO digest_state (id, last_at) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET last_at = excluded.last_at`, millis(at))
	if err != nil {
		return fmt.Errorf("set last digest: %w", err)
	}
	return nil
}
