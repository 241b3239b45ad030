package storage

import (
	"context"
	"fmt"
	"time"
)

// RememberSignature records the signature of an accepted Slack request
// until expires, and reports false when it was recorded already: the
// request is a replay. Signatures past their time are dropped on the way,
// so the table holds only what Slack sent in the last few minutes.
func (s *Store) RememberSignature(ctx context.Context, sig string, expires time.Time) (bool, error) {
	fresh := false
	err := s.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.tx.ExecContext(ctx, "DELETE FROM seen_signatures WHERE expires_at < ?", millis(tx.now)); err != nil {
			return err
		}
		res, err := tx.tx.ExecContext(ctx, "INSERT INTO seen_signatures (signature, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
			sig, millis(expires))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		fresh = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("remember request signature: %w", err)
	}
	return fresh, nil
}
