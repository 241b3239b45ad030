package storage

import (
	"context"
	"fmt"
	"time"
)

// DeliveryHealth says whether the outbox is moving: how many alerts have
// been due for delivery since before overdueAt, and when an alert was last
// delivered. Alerts waiting out a retry are not due, so Slack being down
// does not count; due alerts that nobody delivers do.
func (s *Store) DeliveryHealth(ctx context.Context, overdueAt time.Time) (overdue int, lastDelivered time.Time, err error) {
	var last int64
	err = s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM alerts WHERE state IN ('pending', 'sending') AND next_attempt_at < ?),
		(SELECT COALESCE(MAX(delivered_at), 0) FROM alerts)`, millis(overdueAt)).Scan(&overdue, &last)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("delivery health: %w", err)
	}
	return overdue, fromMillis(last), nil
}
