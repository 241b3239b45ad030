package storage

import (
	"context"
	"fmt"
)

// Follow records that userID follows the agreement: a copy of each of its
// status changes and deadline alerts goes to channel (the user's direct
// message channel). It reports false when the user followed it already
// (the channel is updated).
func (s *Store) Follow(ctx context.Context, userID, agreementID, channel string) (bool, error) {
	var existed int
	err := s.InTx(ctx, func(tx *Tx) error {
		if err := tx.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM follows WHERE agreement_id = ? AND user_id = ?",
			agreementID, userID).Scan(&existed); err != nil {
			return err
		}
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO follows (user_id, agreement_id, channel, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (agreement_id, user_id) DO UPDATE SET channel = excluded.channel`,
			userID, agreementID, channel, millis(tx.now))
		return err
	})
	if err != nil {
		return false, fmt.Errorf("follow %s for %s: %w", agreementID, userID, err)
	}
	return existed == 0, nil
}

// Unfollow stops userID following the agreement; it reports false when
// they did not.
func (s *Store) Unfollow(ctx context.Context, userID, agreementID string) (bool, error) {
	res, err := s.db.ExecContext(ctx, "DELETE FROM follows WHERE agreement_id = ? AND user_id = ?", agreementID, userID)
	if err != nil {
		return false, fmt.Errorf("unfollow %s for %s: %w", agreementID, userID, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// Following returns the ids of the agreements userID follows, in the
// order they were followed.
func (s *Store) Following(ctx context.Context, userID string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT agreement_id FROM follows WHERE user_id = ? ORDER BY created_at, agreement_id", userID)
	if err != nil {
		return nil, fmt.Errorf("follows of %s: %w", userID, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// followedKinds are the alerts a follower gets a copy of.
var followedKinds = map[string]bool{KindStatusChange: true, KindDeadlinePassed: true, KindDeadlineApproaching: true}

// enqueueFollowers enqueues, in the transaction that enqueued a, one copy
// of a for each follower of its agreement, to their direct messages: the
// copies go through the outbox like a, delivered once each.
func (tx *Tx) enqueueFollowers(a *Alert) error {
	if !followedKinds[a.Kind] || a.Follower != "" || a.Agreement == "" || a.ParentSeq != 0 {
		return nil
	}
	rows, err := tx.tx.QueryContext(tx.ctx, "SELECT user_id, channel FROM follows WHERE agreement_id = ? ORDER BY user_id", a.Agreement)
	if err != nil {
		return fmt.Errorf("followers of %s: %w", a.Agreement, err)
	}
	type follower struct{ user, channel string }
	var list []follower
	for rows.Next() {
		var f follower
		if err := rows.Scan(&f.user, &f.channel); err != nil {
			rows.Close()
			return err
		}
		list = append(list, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, f := range list {
		c := *a
		c.Seq, c.ID, c.Channel, c.Follower, c.Hold = 0, "", f.channel, f.user, false
		c.DedupeKey = "follow:" + a.ID + ":" + f.user
		if _, err := tx.Enqueue(&c); err != nil {
			return err
		}
	}
	return nil
}
