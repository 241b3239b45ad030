package storage

import (
	"context"
	"strings"
	"testing"
)

// TestLookupsUseIndexes checks that the lookups made for every new item,
// and the joins pruning makes, are searches of an index, not scans of a
// table that grows with every item ever seen.
func TestLookupsUseIndexes(t *testing.T) {
	s, _, _ := openTest(t)
	queries := []string{
		// Tx.Story, by link and by title.
		"SELECT id FROM stories WHERE link_key = ? ORDER BY id LIMIT 1",
		`SELECT id FROM stories WHERE title_key = ? AND (published = 0 OR published BETWEEN ? AND ?) ORDER BY id LIMIT 1`,
		// SeenKeys, before a feed's items are matched.
		"SELECT key FROM items WHERE feed_id = ? AND key IN (?, ?, ?)",
		// AlertRefByDedupeKey, to thread a later source of a story.
		"SELECT seq, channel FROM alerts WHERE dedupe_key = ?",
		// PruneItems: a story's items, an item's mentions (ON DELETE CASCADE).
		"SELECT 1 FROM items WHERE items.story_id = ?",
		"SELECT 1 FROM mentions WHERE item_id = ?",
		// LatestMentions.
		`SELECT i.id FROM mentions m JOIN items i ON i.id = m.item_id
			WHERE m.agreement_id = ? ORDER BY m.at DESC, i.id DESC LIMIT ?`,
	}
	for _, q := range queries {
		args := make([]any, strings.Count(q, "?"))
		for i := range args {
			args[i] = "x"
		}
		rows, err := s.db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN ") {
				t.Errorf("%s\nscans a table: %s", q, strings.Join(plan, "; "))
			}
		}
	}
}
