package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Mute sets mention alerts of an agreement off until the given time.
func (s *Store) Mute(ctx context.Context, agreementID string, until time.Time, userID string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO mutes (agreement_id, until, user_id, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (agreement_id) DO UPDATE SET until = excluded.until, user_id = excluded.user_id,
		created_at = excluded.created_at`, agreementID, millis(until), userID, millis(s.now()))
	if err != nil {
		return fmt.Errorf("mute %s: %w", agreementID, err)
	}
	return nil
}

// MutedUntil returns when the agreement's mute ends; the zero time when it
// is not muted at t.
func (tx *Tx) MutedUntil(agreementID string, t time.Time) (time.Time, error) {
	return mutedUntil(tx.ctx, tx.tx, agreementID, t)
}

// MutedUntil returns when the agreement's mute ends; the zero time when it
// is not muted at t.
func (s *Store) MutedUntil(ctx context.Context, agreementID string, t time.Time) (time.Time, error) {
	return mutedUntil(ctx, s.db, agreementID, t)
}

func mutedUntil(ctx context.Context, q querier, agreementID string, t time.Time) (time.Time, error) {
	var until int64
	err := q.QueryRowContext(ctx, "SELECT until FROM mutes WHERE agreement_id = ? AND until > ?", agreementID, millis(t)).Scan(&until)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("mute of %s: %w", agreementID, err)
	}
	return fromMillis(until), nil
}
