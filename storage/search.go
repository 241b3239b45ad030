package storage

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// Found is a stored item a search found.
type Found struct {
	ID         int64
	FeedID     string
	GUID       string
	Link       string
	Title      string
	Published  time.Time
	FirstSeen  time.Time
	Agreements []string // the agreements it is a mention of
}

// At is when the item's news happened: its publication, or when it was
// first seen.
func (f Found) At() time.Time {
	if f.Published.IsZero() {
		return f.FirstSeen
	}
	return f.Published
}

// Search bounds.
const (
	// searchPage is how many candidates one round reads, newest stored
	// first.
	searchPage = 500
	// MaxSearchScan is how many of the newest items a query that the index
	// cannot narrow (every term negated, or words in scripts without
	// spaces) is tried on.
	MaxSearchScan = 100000
)

// Search returns up to limit stored items whose title matches q, newest
// first, and whether more match. The full-text index finds candidates
// (every word q requires, from the most recently stored back); q itself
// decides, with its word boundaries, phrases, NEAR and NOT. Candidates are
// read a page at a time, so a query matching many items reads only the
// newest pages. Results are ordered by when their news happened (At).
func (s *Store) Search(ctx context.Context, q *query.Query, limit int) ([]Found, bool, error) {
	if err := s.IndexForSearch(ctx); err != nil {
		return nil, false, err
	}
	match := FTSMatch(q)
	var out []Found
	before := int64(-1) // the lowest id read so far; -1 before the first page
	scanned := 0
	for len(out) <= limit {
		page, err := s.searchPage(ctx, match, before)
		if err != nil {
			return nil, false, fmt.Errorf("search %q: %w", q.String(), err)
		}
		for _, f := range page {
			if q.Match(query.NewDocument(f.Title)) {
				out = append(out, f)
			}
		}
		scanned += len(page)
		if len(page) < searchPage || (match == "" && scanned >= MaxSearchScan) {
			break
		}
		before = page[len(page)-1].ID
	}
	slices.SortStableFunc(out, func(a, b Found) int {
		if c := b.At().Compare(a.At()); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	if err := s.foundAgreements(ctx, out); err != nil {
		return nil, false, err
	}
	return out, more, nil
}

// indexBatch is how many items one IndexForSearch transaction indexes, so
// that a large backlog (a database from before the index) does not hold
// the write lock for long.
const indexBatch = 20000

// IndexForSearch adds the items stored since the last call to the
// full-text index, in batches, and returns once every stored item is
// indexed. Search calls it first, so results are never stale; calling it
// after a poll keeps that cheap.
func (s *Store) IndexForSearch(ctx context.Context) error {
	for {
		var added int64
		err := s.InTx(ctx, func(tx *Tx) error {
			var upto int64
			if err := tx.tx.QueryRowContext(ctx, "SELECT upto FROM search_index WHERE id = 1").Scan(&upto); err != nil {
				return err
			}
			var top sql.NullInt64
			if err := tx.tx.QueryRowContext(ctx, "SELECT MAX(id) FROM (SELECT id FROM items WHERE id > ? ORDER BY id LIMIT ?)",
				upto, indexBatch).Scan(&top); err != nil {
				return err
			}
			if !top.Valid {
				return nil
			}
			res, err := tx.tx.ExecContext(ctx, "INSERT INTO items_fts(docid, title) SELECT id, title FROM items WHERE id > ? AND id <= ?",
				upto, top.Int64)
			if err != nil {
				return err
			}
			added, _ = res.RowsAffected()
			_, err = tx.tx.ExecContext(ctx, "UPDATE search_index SET upto = ? WHERE id = 1", top.Int64)
			return err
		})
		if err != nil {
			return fmt.Errorf("index items for search: %w", err)
		}
		if added == 0 {
			return nil
		}
	}
}

// searchPage reads the next page of candidates, highest id first, below
// the id before (all when before is -1).
func (s *Store) searchPage(ctx context.Context, match string, before int64) ([]Found, error) {
	cols := `SELECT i.id, i.feed_id, i.guid, i.link, i.title, i.published, i.first_seen FROM items i`
	var q string
	var args []any
	if before < 0 {
		before = 1<<63 - 1
	}
	if match != "" {
		q = cols + ` JOIN (SELECT docid FROM items_fts WHERE items_fts MATCH ? AND docid < ? ORDER BY docid DESC LIMIT ?) c
			ON c.docid = i.id ORDER BY i.id DESC`
		args = []any{match, before, searchPage}
	} else {
		q = cols + ` WHERE i.id < ? ORDER BY i.id DESC LIMIT ?`
		args = []any{before, searchPage}
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Found
	for rows.Next() {
		var f Found
		var pub, seen int64
		if err := rows.Scan(&f.ID, &f.FeedID, &f.GUID, &f.Link, &f.Title, &pub, &seen); err != nil {
			return nil, err
		}
		f.Published, f.FirstSeen = fromMillis(pub), fromMillis(seen)
		out = append(out, f)
	}
	return out, rows.Err()
}

// foundAgreements fills in the agreements each found item mentions.
func (s *Store) foundAgreements(ctx context.Context, list []Found) error {
	for i := range list {
		rows, err := s.db.QueryContext(ctx, "SELECT agreement_id FROM mentions WHERE item_id = ? ORDER BY agreement_id", list[i].ID)
		if err != nil {
			return fmt.Errorf("search: mentions of item %d: %w", list[i].ID, err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			list[i].Agreements = append(list[i].Agreements, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// ftsWord is an anchor the index's tokenizer reads as one token the same
// way the query language does: plain ASCII letters and digits. Others
// (accents, scripts without spaces, punctuation inside a word) may be cut
// differently, so they do not narrow the search: it stays a superset.
var ftsWord = regexp.MustCompile(`^[a-z0-9]+$`)

// maxFTSClauses bounds the index lookups of one query, the cheapest (most
// selective) clauses first.
const maxFTSClauses = 4

// FTSMatch is the FTS4 MATCH expression that every title q matches also
// matches: an AND of q's required clauses, each an OR of its words
// ("china OR chinese", "cyber*"). It is "" when q requires no word the
// index can look up.
func FTSMatch(q *query.Query) string {
	var clauses []string
	for _, c := range q.Required() {
		var words []string
		for _, a := range c {
			if !ftsWord.MatchString(a.Text) {
				words = nil
				break
			}
			words = append(words, a.String())
		}
		if len(words) == 0 {
			continue
		}
		if len(words) == 1 {
			clauses = append(clauses, words[0])
		} else {
			clauses = append(clauses, "("+strings.Join(words, " OR ")+")")
		}
		if len(clauses) == maxFTSClauses {
			break
		}
	}
	return strings.Join(clauses, " ")
}
