package storage

import (
	"context"
	"fmt"
)

// ChangeMark is a cheap summary of what status answers show: the newest
// status history entry and the newest mention. When it is unchanged,
// nothing an agreement's status, history or latest mention shows has
// changed either.
type ChangeMark struct {
	LastChange  int64
	LastMention int64
}

// ChangeMark returns the current ChangeMark.
func (s *Store) ChangeMark(ctx context.Context) (ChangeMark, error) {
	var m ChangeMark
	err := s.db.QueryRowContext(ctx, `SELECT
		COALESCE((SELECT MAX(id) FROM status_history), 0),
		COALESCE((SELECT MAX(rowid) FROM mentions), 0)`).Scan(&m.LastChange, &m.LastMention)
	if err != nil {
		return m, fmt.Errorf("change mark: %w", err)
	}
	return m, nil
}
