package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// AlertByID returns the alert with the given id (the one its message
// metadata carries and its buttons name), or ErrNotFound.
func (s *Store) AlertByID(ctx context.Context, id string) (Alert, error) {
	rows, err := s.db.QueryContext(ctx, alertSelect+" WHERE a.id = ?", id)
	if err != nil {
		return Alert{}, fmt.Errorf("alert %s: %w", id, err)
	}
	list, err := scanAlerts(rows)
	if err != nil {
		return Alert{}, fmt.Errorf("alert %s: %w", id, err)
	}
	if len(list) == 0 {
		return Alert{}, fmt.Errorf("alert %s: %w", id, ErrNotFound)
	}
	return list[0], nil
}

// LastDeliveredAt is when the newest delivered alert was delivered, zero
// when none was. After a restore from a replica, Slack may hold alerts
// posted later that this database never recorded.
func (s *Store) LastDeliveredAt(ctx context.Context) (time.Time, error) {
	var ms sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT MAX(delivered_at) FROM alerts WHERE state = 'delivered'").Scan(&ms); err != nil {
		return time.Time{}, fmt.Errorf("last delivery: %w", err)
	}
	return fromMillis(ms.Int64), nil
}
