package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// FeedState is what pactwatch knows of a feed's health and its last fetch.
type FeedState struct {
	ID                  string
	ETag, LastModified  string // validators for the next conditional GET
	FirstPolledAt       time.Time
	LastPolledAt        time.Time
	LastSuccessAt       time.Time
	LastError           string
	LastErrorAt         time.Time
	ConsecutiveFailures int
	ItemsSeen           int
	NextPollAt          time.Time
	Broken              bool // a feed_broken alert was raised and the feed has not recovered since
	// Title is the feed's own title as last fetched ("The Hill"); kept when
	// a fetch has none.
	Title string
}

const feedSelect = `SELECT id, etag, last_modified, first_polled_at, last_polled_at, last_success_at, last_error,
	last_error_at, consecutive_failures, items_seen, next_poll_at, broken, title FROM feeds`

func scanFeed(sc interface{ Scan(...any) error }) (FeedState, error) {
	var f FeedState
	var first, polled, ok, errAt, next int64
	err := sc.Scan(&f.ID, &f.ETag, &f.LastModified, &first, &polled, &ok, &f.LastError, &errAt,
		&f.ConsecutiveFailures, &f.ItemsSeen, &next, &f.Broken, &f.Title)
	f.FirstPolledAt, f.LastPolledAt, f.LastSuccessAt = fromMillis(first), fromMillis(polled), fromMillis(ok)
	f.LastErrorAt, f.NextPollAt = fromMillis(errAt), fromMillis(next)
	return f, err
}

// FeedState returns a feed's state; a feed never polled has a zero state
// with only its ID set.
func (s *Store) FeedState(ctx context.Context, id string) (FeedState, error) {
	f, err := scanFeed(s.db.QueryRowContext(ctx, feedSelect+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return FeedState{ID: id}, nil
	}
	if err != nil {
		return f, fmt.Errorf("feed %s: %w", id, err)
	}
	return f, nil
}

// FeedStates returns every feed's state, by id.
func (s *Store) FeedStates(ctx context.Context) (map[string]FeedState, error) {
	rows, err := s.db.QueryContext(ctx, feedSelect)
	if err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	defer rows.Close()
	out := map[string]FeedState{}
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("feed states: %w", err)
		}
		out[f.ID] = f
	}
	return out, rows.Err()
}

// SaveFeedState writes a feed's state inside the transaction that recorded
// the items of the same fetch, so validators never run ahead of the items.
func (tx *Tx) SaveFeedState(f FeedState) error {
	_, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO feeds (id, etag, last_modified, first_polled_at, last_polled_at,
		last_success_at, last_error, last_error_at, consecutive_failures, items_seen, next_poll_at, broken, title)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
		first_polled_at = excluded.first_polled_at, last_polled_at = excluded.last_polled_at,
		last_success_at = excluded.last_success_at, last_error = excluded.last_error,
		last_error_at = excluded.last_error_at, consecutive_failures = excluded.consecutive_failures,
		items_seen = excluded.items_seen, next_poll_at = excluded.next_poll_at, broken = excluded.broken,
		title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE feeds.title END`,
		f.ID, f.ETag, f.LastModified, millis(f.FirstPolledAt), millis(f.LastPolledAt), millis(f.LastSuccessAt),
		f.LastError, millis(f.LastErrorAt), f.ConsecutiveFailures, f.ItemsSeen, millis(f.NextPollAt), f.Broken, f.Title)
	if err != nil {
		return fmt.Errorf("save feed %s: %w", f.ID, err)
	}
	return nil
}

// FeedState returns a feed's state inside the transaction.
func (tx *Tx) FeedState(id string) (FeedState, error) {
	f, err := scanFeed(tx.tx.QueryRowContext(tx.ctx, feedSelect+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return FeedState{ID: id}, nil
	}
	if err != nil {
		return f, fmt.Errorf("feed %s: %w", id, err)
	}
	return f, nil
}
