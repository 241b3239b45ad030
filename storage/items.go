package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Item is the record of one feed item pactwatch has seen.
type Item struct {
	ID        int64
	FeedID    string
	Key       string // identity within the feed
	GUID      string
	Link      string
	Title     string
	Published time.Time
	FirstSeen time.Time
	StoryID   int64
	Body      []byte // EncodeText of what it said besides its title; nil if nothing
}

// InsertItem records an item as seen. It reports false, and changes nothing,
// when the feed already had an item with the same key: first-seen is decided
// by this one statement, never by a read before it.
func (tx *Tx) InsertItem(it *Item) (bool, error) {
	if it.FirstSeen.IsZero() {
		it.FirstSeen = tx.now
	}
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO items
		(feed_id, key, guid, link, title, published, first_seen, story_id, body)
		VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?)
		ON CONFLICT (feed_id, key) DO NOTHING`,
		it.FeedID, it.Key, it.GUID, it.Link, it.Title, millis(it.Published), millis(it.FirstSeen), it.StoryID, it.Body)
	if err != nil {
		return false, fmt.Errorf("insert item %s/%s: %w", it.FeedID, it.Key, err)
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return false, err
	}
	it.ID, err = res.LastInsertId()
	return true, err
}

// InsertSeen records items as seen, as InsertItem does, many rows a
// statement, and returns how many were new. It is for items nothing else
// will point to (their IDs are not read back).
func (tx *Tx) InsertSeen(items []Item) (int, error) {
	added := 0
	for len(items) > 0 {
		n := 1 // rows a statement: few sizes, so each is prepared once
		for _, size := range []int{32, 8} {
			if len(items) >= size {
				n = size
				break
			}
		}
		args := make([]any, 0, 8*n)
		for i := range items[:n] {
			it := &items[i]
			if it.FirstSeen.IsZero() {
				it.FirstSeen = tx.now
			}
			args = append(args, it.FeedID, it.Key, it.GUID, it.Link, it.Title, millis(it.Published), millis(it.FirstSeen), it.Body)
		}
		res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO items (feed_id, key, guid, link, title, published, first_seen, body)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`+strings.Repeat(", (?, ?, ?, ?, ?, ?, ?, ?)", n-1)+`
			ON CONFLICT (feed_id, key) DO NOTHING`, args...)
		if err != nil {
			return added, fmt.Errorf("insert items of %s: %w", items[0].FeedID, err)
		}
		k, err := res.RowsAffected()
		if err != nil {
			return added, err
		}
		added += int(k)
		items = items[n:]
	}
	return added, nil
}

// SeenKeys returns which of keys the feed already has items for. It is a
// read, for skipping work on items seen before; whether an item is new is
// still decided by InsertItem.
func (s *Store) SeenKeys(ctx context.Context, feedID string, keys []string) (map[string]bool, error) {
	seen := map[string]bool{}
	const chunk = 500 // well under SQLite's limit on bound parameters
	for len(keys) > 0 {
		part := keys[:min(len(keys), chunk)]
		keys = keys[len(part):]
		args := make([]any, 0, len(part)+1)
		args = append(args, feedID)
		for _, k := range part {
			args = append(args, k)
		}
		q := "SELECT key FROM items WHERE feed_id = ? AND key IN (?" + strings.Repeat(", ?", len(part)-1) + ")"
		if err := s.collectKeys(ctx, seen, q, args); err != nil {
			return nil, fmt.Errorf("items seen in %s: %w", feedID, err)
		}
	}
	return seen, nil
}

func (s *Store) collectKeys(ctx context.Context, into map[string]bool, q string, args []any) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return err
		}
		into[k] = true
	}
	return rows.Err()
}

// StoryWindow is how far apart two items with the same title may be published
// and still count as one story. Links identify a story at any distance.
const StoryWindow = 7 * 24 * time.Hour

// Story returns the story an item belongs to: the one with the same canonical
// link, else one with the same normalised title published within StoryWindow,
// else a new one. The boolean is true when the story is new.
func (tx *Tx) Story(linkKey, titleKey string, published time.Time) (int64, bool, error) {
	var id int64
	var err error
	if linkKey != "" {
		err = tx.tx.QueryRowContext(tx.ctx, "SELECT id FROM stories WHERE link_key = ? ORDER BY id LIMIT 1", linkKey).Scan(&id)
		if err == nil {
			return id, false, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, false, fmt.Errorf("find story: %w", err)
		}
	}
	if titleKey != "" {
		lo, hi := int64(0), int64(1)<<62
		if !published.IsZero() {
			lo, hi = millis(published.Add(-StoryWindow)), millis(published.Add(StoryWindow))
		}
		err = tx.tx.QueryRowContext(tx.ctx, `SELECT id FROM stories WHERE title_key = ?
			AND (published = 0 OR published BETWEEN ? AND ?) ORDER BY id LIMIT 1`, titleKey, lo, hi).Scan(&id)
		if err == nil {
			return id, false, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, false, fmt.Errorf("find story: %w", err)
		}
	}
	res, err := tx.tx.ExecContext(tx.ctx, "INSERT INTO stories (link_key, title_key, published, first_seen) VALUES (?, ?, ?, ?)",
		linkKey, titleKey, millis(published), millis(tx.now))
	if err != nil {
		return 0, false, fmt.Errorf("create story: %w", err)
	}
	id, err = res.LastInsertId()
	return id, true, err
}

// SetItemStory attaches an item to its story.
func (tx *Tx) SetItemStory(itemID, storyID int64) error {
	_, err := tx.tx.ExecContext(tx.ctx, "UPDATE items SET story_id = ? WHERE id = ?", storyID, itemID)
	return err
}

// AddMention records that an item is about an agreement, with the status it
// reported (if any).
func (tx *Tx) AddMention(agreementID string, itemID int64, at time.Time, detected string) error {
	_, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO mentions (agreement_id, item_id, at, detected)
		VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, agreementID, itemID, millis(at), detected)
	if err != nil {
		return fmt.Errorf("add mention %s: %w", agreementID, err)
	}
	return nil
}

// Mention is an item about an agreement, for "latest mentions" answers.
type Mention struct {
	Item
	Detected string
}

// LatestMentions returns up to n items about the agreement, newest first.
func (s *Store) LatestMentions(ctx context.Context, agreementID string, n int) ([]Mention, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT i.id, i.feed_id, i.key, i.guid, i.link, i.title, i.published, i.first_seen,
		COALESCE(i.story_id, 0), m.detected
		FROM mentions m JOIN items i ON i.id = m.item_id
		WHERE m.agreement_id = ? ORDER BY m.at DESC, i.id DESC LIMIT ?`, agreementID, n)
	if err != nil {
		return nil, fmt.Errorf("latest mentions of %s: %w", agreementID, err)
	}
	defer rows.Close()
	var out []Mention
	for rows.Next() {
		var m Mention
		var pub, seen int64
		if err := rows.Scan(&m.ID, &m.FeedID, &m.Key, &m.GUID, &m.Link, &m.Title, &pub, &seen, &m.StoryID, &m.Detected); err != nil {
			return nil, err
		}
		m.Published, m.FirstSeen = fromMillis(pub), fromMillis(seen)
		out = append(out, m)
	}
	return out, rows.Err()
}

// PruneItems deletes items first seen before cutoff, with their mentions
// and the stories left without items, and returns how many items went.
// Status history and alerts (delivered or not) are never pruned: alerts
// carry their own copy of what they show, and their dedupe keys are what
// keeps a deadline from being alerted twice. Keep cutoff well past any
// feed's length: an item pruned while a feed still carries it is new again.
func (s *Store) PruneItems(ctx context.Context, cutoff time.Time) (int64, error) {
	var n int64
	err := s.InTx(ctx, func(tx *Tx) error {
		res, err := tx.tx.ExecContext(ctx, `DELETE FROM items WHERE first_seen < ?`, millis(cutoff))
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		_, err = tx.tx.ExecContext(ctx, `DELETE FROM stories WHERE first_seen < ?
			AND NOT EXISTS (SELECT 1 FROM items WHERE items.story_id = stories.id)`, millis(cutoff))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune items: %w", err)
	}
	return n, nil
}
