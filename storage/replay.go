package storage

import (
	"context"
	"fmt"
	"time"
)

// StoredItem is an item as stored, with its text, for judging it again.
type StoredItem struct {
	Item
	Text    ItemText
	HasText bool // false for items stored before texts were kept: title only
}

// At is when the item's news happened: its publication, or when it was
// first seen.
func (it *StoredItem) At() time.Time {
	if it.Published.IsZero() {
		return it.FirstSeen
	}
	return it.Published
}

// ScanItems calls fn with every stored item, in the order their news
// happened (then as stored), until fn returns an error. It reads one
// snapshot of the database on a connection of its own: fn may write in
// transactions meanwhile. The StoredItem is reused from call to call.
func (s *Store) ScanItems(ctx context.Context, fn func(*StoredItem) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, feed_id, key, guid, link, title, published, first_seen,
		COALESCE(story_id, 0), body FROM items
		ORDER BY CASE WHEN published > 0 THEN published ELSE first_seen END, id`)
	if err != nil {
		return fmt.Errorf("read stored items: %w", err)
	}
	defer rows.Close()
	var it StoredItem
	for rows.Next() {
		var pub, seen int64
		it.Body = it.Body[:0]
		if err := rows.Scan(&it.ID, &it.FeedID, &it.Key, &it.GUID, &it.Link, &it.Title, &pub, &seen, &it.StoryID,
			&it.Body); err != nil {
			return fmt.Errorf("read stored items: %w", err)
		}
		it.Published, it.FirstSeen = fromMillis(pub), fromMillis(seen)
		it.HasText = len(it.Body) > 0
		if it.Text, err = DecodeText(it.Body); err != nil {
			// One damaged row costs its text, not the replay.
			it.Text, it.HasText = ItemText{}, false
		}
		if err := fn(&it); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read stored items: %w", err)
	}
	return nil
}

// Judged is what an admin decided about an agreement's evidence, kept
// when what items said of it is judged again.
type Judged struct {
	// Admin holds the admin's entries of its history (/pact set, Revert,
	// Confirm), oldest first: they are made current again at their time.
	Admin []Change
	// Rejected holds the items whose word an admin rejected (a reverted
	// detection, a dismissed claim), by ItemKey: they still mention the
	// agreement, but claim nothing.
	Rejected map[string]bool
}

// ItemKey names an item across history entries and claims: its feed and
// its guid, else its link.
func ItemKey(feedID, guid, link string) string {
	if guid == "" {
		return feedID + "\x00link:" + link
	}
	return feedID + "\x00" + guid
}

// ClearJudged removes what items said of an agreement, so that the stored
// items can be judged again: its mentions, claims and parties' statuses,
// and the entries of its history that items set (those an admin reverted
// stay, the record of a decision). Its status goes back to the configured
// start. Events stay: they thread later reports under alerts already
// posted. It returns what admins decided, to be applied again.
func (tx *Tx) ClearJudged(agreementID string) (Judged, error) {
	j := Judged{Rejected: map[string]bool{}}
	fail := func(err error) (Judged, error) {
		return Judged{}, fmt.Errorf("clear what items said of %s: %w", agreementID, err)
	}
	history, err := tx.History(agreementID)
	if err != nil {
		return fail(err)
	}
	var start Change
	for _, c := range history {
		switch {
		case c.Source == SourceAdmin:
			j.Admin = append(j.Admin, c)
		case c.Source == SourceDetected && c.Retracted:
			j.Rejected[ItemKey(c.FeedID, c.ItemGUID, c.Link)] = true
		case c.Source == SourceConfig && start.ID == 0:
			start = c
		}
	}
	if start.ID == 0 {
		return fail(fmt.Errorf("no configured starting status"))
	}
	rows, err := tx.tx.QueryContext(tx.ctx, `SELECT i.feed_id, i.guid, i.link FROM claims c JOIN items i ON i.id = c.item_id
		WHERE c.agreement_id = ? AND c.dismissed = 1`, agreementID)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var feed, guid, link string
		if err := rows.Scan(&feed, &guid, &link); err != nil {
			rows.Close()
			return fail(err)
		}
		j.Rejected[ItemKey(feed, guid, link)] = true
	}
	if err := rows.Close(); err != nil {
		return fail(err)
	}
	for _, q := range []string{
		"DELETE FROM mentions WHERE agreement_id = ?",
		"DELETE FROM claims WHERE agreement_id = ? AND dismissed = 0", // the dismissed ones keep saying so
		"DELETE FROM party_status WHERE agreement_id = ?",
		"DELETE FROM status_history WHERE agreement_id = ? AND source = '" + SourceDetected + "' AND retracted = 0",
	} {
		if _, err := tx.tx.ExecContext(tx.ctx, q, agreementID); err != nil {
			return fail(err)
		}
	}
	if err := tx.MakeCurrent(start); err != nil {
		return fail(err)
	}
	return j, nil
}

// MakeCurrent makes an entry already in the history the agreement's
// current status again, as of its own time.
func (tx *Tx) MakeCurrent(c Change) error {
	_, err := tx.tx.ExecContext(tx.ctx, `UPDATE agreements SET status = ?, since = ?, evidence_at = ?, history_id = ?
		WHERE id = ?`, c.Status, millis(c.RecordedAt), millis(c.EffectiveAt), c.ID, c.AgreementID)
	if err != nil {
		return fmt.Errorf("set status of %s: %w", c.AgreementID, err)
	}
	return nil
}

// WatchDigests returns the digest each agreement was last judged under
// (see SetWatchDigest), by id.
func (tx *Tx) WatchDigests() (map[string]string, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, "SELECT agreement_id, digest FROM watch_versions")
	if err != nil {
		return nil, fmt.Errorf("watch digests: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, d string
		if err := rows.Scan(&id, &d); err != nil {
			return nil, fmt.Errorf("watch digests: %w", err)
		}
		out[id] = d
	}
	return out, rows.Err()
}

// SetWatchDigests records the digests the agreements are now judged
// under: a digest is what reading an agreement depends on in the config
// (its match, status rules, aliases…), so that a change is noticed when
// the config loads.
func (tx *Tx) SetWatchDigests(digests map[string]string) error {
	for id, d := range digests {
		if _, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO watch_versions (agreement_id, digest, judged_at) VALUES (?, ?, ?)
			ON CONFLICT (agreement_id) DO UPDATE SET digest = excluded.digest, judged_at = excluded.judged_at`,
			id, d, millis(tx.now)); err != nil {
			return fmt.Errorf("record the watch of %s: %w", id, err)
		}
	}
	return nil
}

// ItemStats is how much the stored items take.
type ItemStats struct {
	Items     int64
	WithText  int64
	TextBytes int64 // stored (compressed) text
}

// ItemStats counts the stored items and their text.
func (s *Store) ItemStats(ctx context.Context) (ItemStats, error) {
	var st ItemStats
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(body), COALESCE(SUM(LENGTH(body)), 0) FROM items`).
		Scan(&st.Items, &st.WithText, &st.TextBytes)
	if err != nil {
		return st, fmt.Errorf("count items: %w", err)
	}
	return st, nil
}

// HasItems reports whether any item is stored.
func (tx *Tx) HasItems() (bool, error) {
	var yes bool
	if err := tx.tx.QueryRowContext(tx.ctx, "SELECT EXISTS (SELECT 1 FROM items)").Scan(&yes); err != nil {
		return false, fmt.Errorf("any item stored: %w", err)
	}
	return yes, nil
}

// MentionCount counts the stored items that mention an agreement.
func (s *Store) MentionCount(ctx context.Context, agreementID string) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM mentions WHERE agreement_id = ?", agreementID).Scan(&n); err != nil {
		return 0, fmt.Errorf("mentions of %s: %w", agreementID, err)
	}
	return n, nil
}
