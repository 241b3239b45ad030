package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/watchers/query"
)

func TestSearch(t *testing.T) {
	s, c, _ := openTest(t)
	ctx := context.Background()
	base := time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC)
	titles := []string{
		"Russia and China sign cyber pact",            // 0
		"Chinatown merchants hit by card skimmers",    // 1: China only as part of a word
		"Moscow and Beijing near a cyber accord",      // 2
		"China, Russia cyber talks stall",             // 3
		"Russia–China information security agreement", // 4: an en dash between the names
		"中俄签署网络安全协议",                                  // 5: no spaces
		"Russia and China: no cyber pact after all",   // 6
	}
	err := s.InTx(ctx, func(tx *Tx) error {
		for i, title := range titles {
			it := &Item{FeedID: "wire", Key: fmt.Sprint(i), Link: fmt.Sprintf("https://wire.example/%d", i), Title: title,
				Published: base.Add(time.Duration(i) * time.Hour)}
			if i == 3 {
				it.Published = base.Add(-48 * time.Hour) // old news stored late: it sorts by its date
			}
			if _, err := tx.InsertItem(it); err != nil {
				return err
			}
			if i == 0 {
				if err := tx.AddMention("ru-cn", it.ID, it.Published, ""); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	search := func(src string, limit int) ([]string, bool) {
		t.Helper()
		q, err := query.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		found, more, err := s.Search(ctx, q, limit)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range found {
			out = append(out, f.Title)
		}
		return out, more
	}
	for _, tt := range []struct {
		query string
		want  []int
	}{
		{"russia china", []int{6, 4, 0, 3}},               // newest first by publication; not Chinatown
		{`russia china -"no cyber pact"`, []int{4, 0, 3}}, // NOT is the query language's
		{"cyber* NEAR/2 pact", []int{6, 0}},               // NEAR decided exactly
		{"moscow OR beijing", []int{2}},
		{"网络安全", []int{5}}, // no spaces: a substring, found by a scan
		{"title:chinatown", []int{1}},
	} {
		got, _ := search(tt.query, 20)
		var want []string
		for _, i := range tt.want {
			want = append(want, titles[i])
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("search %q = %q, want %q", tt.query, got, want)
		}
	}
	if got, more := search("russia china", 2); len(got) != 2 || !more {
		t.Errorf("limit 2: %q more=%v", got, more)
	}
	q, _ := query.Parse("russia china")
	found, _, _ := s.Search(ctx, q, 20)
	if a := found[len(found)-2].Agreements; len(a) != 1 || a[0] != "ru-cn" {
		t.Errorf("agreements of the mention: %v", a)
	}
	// Pruned items leave the index with them.
	if _, err := s.PruneItems(ctx, c.t.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, _ := search("russia china", 20); len(got) != 0 {
		t.Errorf("after pruning: %q", got)
	}
	// Every item went, so ids start again from 1: the new items are
	// indexed, not taken for indexed ones.
	inTx(t, s, func(tx *Tx) error {
		_, err := tx.InsertItem(&Item{FeedID: "wire", Key: "again", Title: "Russia and China talk again"})
		return err
	})
	if got, _ := search("russia china", 20); len(got) != 1 {
		t.Errorf("after pruning and a new item: %q", got)
	}
	if _, err := s.db.Exec("INSERT INTO items_fts(items_fts) VALUES ('integrity-check')"); err != nil {
		t.Errorf("index integrity: %v", err)
	}
}

func TestFTSMatch(t *testing.T) {
	for _, tt := range []struct{ query, want string }{
		{"russia china", "russia china"},                           // every required word (cheapest first)
		{"(china OR chinese) cyber*", "(china OR chinese) cyber*"}, // ORs and prefixes kept
		{`"working group" NOT stalled`, "working group"},           // a phrase needs its words; NOT narrows nothing
		{"café pact", "pact"},                                      // words the tokenizer may cut otherwise do not narrow
		{"网络安全", ""},                                               // nothing to look up: a scan
	} {
		q, err := query.Parse(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if got := FTSMatch(q); got != tt.want {
			t.Errorf("FTSMatch(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}
