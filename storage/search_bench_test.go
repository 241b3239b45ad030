package storage

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bench/gen"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// BenchmarkSearch measures /pact search's storage side over a database of
// generated coverage (PACTWATCH_SEARCH_ITEMS items, default 1,000,000; one
// in ten about one of 50 agreements): the p50 and p99 of a search for the
// 20 newest matches of agreement queries and single words, and how much
// the full-text index adds to the database (both VACUUMed):
//
//	go test ./storage -run '^$' -bench Search -benchtime 1x -timeout 30m
func BenchmarkSearch(b *testing.B) {
	n := 1000000
	if s := os.Getenv("PACTWATCH_SEARCH_ITEMS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "pw.db")
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	agreements := gen.Agreements(1, 50)
	news := gen.NewNews(7)
	start := time.Now()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const batch = 5000
	for lo := 0; lo < n; lo += batch {
		items := make([]Item, 0, batch)
		for i := lo; i < min(lo+batch, n); i++ {
			var about *gen.Agreement
			if i%10 == 0 {
				about = &agreements[(i/10)%len(agreements)]
			}
			published := now.Add(-time.Duration(n-i) * time.Minute)
			items = append(items, Item{FeedID: fmt.Sprintf("feed%03d", i%500), Key: strconv.Itoa(i), GUID: strconv.Itoa(i),
				Link: fmt.Sprintf("https://news%03d.example/%d", i%500, i), Title: news.Headline(about),
				Published: published, FirstSeen: published.Add(5 * time.Minute)})
		}
		if err := s.InTx(ctx, func(tx *Tx) error { _, err := tx.InsertSeen(items); return err }); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("stored %d items in %s", n, time.Since(start).Round(time.Second))
	start = time.Now()
	if err := s.IndexForSearch(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("indexed them in %s", time.Since(start).Round(time.Millisecond))

	var queries []*query.Query
	for _, a := range agreements[:20] {
		queries = append(queries, mustParse(b, a.Match))
	}
	for _, w := range []string{"china", "cyber*", `"working group"`, "russia NOT sanctions", "talks", "brazil argentina trade"} {
		queries = append(queries, mustParse(b, w))
	}
	var took []time.Duration
	for b.Loop() {
		for round := 0; round < 10; round++ {
			for _, q := range queries {
				t0 := time.Now()
				found, _, err := s.Search(ctx, q, 20)
				if err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t0))
				_ = found
			}
		}
	}
	slices.Sort(took)
	p := func(f float64) float64 { return float64(took[int(f*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(p(0.5), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
	b.ReportMetric(p(1), "max-ms")
	s.Close()

	with := vacuumedSize(b, path, "")
	without := vacuumedSize(b, path, `DROP TRIGGER items_fts_delete; DROP TRIGGER items_fts_upto;
		DROP TRIGGER items_fts_update_before; DROP TRIGGER items_fts_update_after; DROP TABLE items_fts;`)
	b.ReportMetric(float64(with)/1e6, "db-MB")
	b.ReportMetric(100*float64(with-without)/float64(without), "index-%")
	b.Logf("%d searches: p50 %.1f ms, p99 %.1f ms; database %.0f MB with the index, %.0f MB without (+%.1f%%)",
		len(took), p(0.5), p(0.99), float64(with)/1e6, float64(without)/1e6, 100*float64(with-without)/float64(without))
}

func mustParse(b *testing.B, src string) *query.Query {
	q, err := query.Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	return q
}

// vacuumedSize runs sqlText on the database at path, VACUUMs it and returns
// its size.
func vacuumedSize(b *testing.B, path, sqlText string) int64 {
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if sqlText != "" {
		if _, err := db.Exec(sqlText); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE); VACUUM"); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return st.Size()
}

// BenchmarkInsertSeen measures what the full-text index costs a poll:
// inserting unmatched items 32 rows a statement, then indexing them in
// bulk (fts) or not (no-fts).
//
//	go test ./storage -run '^$' -bench InsertSeen
func BenchmarkInsertSeen(b *testing.B) {
	for _, withIndex := range []bool{true, false} {
		b.Run(map[bool]string{true: "fts", false: "no-fts"}[withIndex], func(b *testing.B) {
			ctx := context.Background()
			path := filepath.Join(b.TempDir(), "pw.db")
			s, err := Open(ctx, path)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			news := gen.NewNews(3)
			n := 0
			for b.Loop() {
				items := make([]Item, 1000)
				for i := range items {
					items[i] = Item{FeedID: "f", Key: strconv.Itoa(n), Link: "https://x.example/" + strconv.Itoa(n), Title: news.Headline(nil)}
					n++
				}
				if err := s.InTx(ctx, func(tx *Tx) error { _, err := tx.InsertSeen(items); return err }); err != nil {
					b.Fatal(err)
				}
				if withIndex {
					if err := s.IndexForSearch(ctx); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n), "µs/item")
		})
	}
}
