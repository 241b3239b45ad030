package storage

import (
	"context"
	"fmt"
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
