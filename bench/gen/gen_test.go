package gen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/watchers/feed"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// TestWorld checks that what the harness measures on is what it claims: the
// config loads, the feeds parse, news of an agreement matches its query,
// and other news mostly does not.
func TestWorld(t *testing.T) {
	agreements := Agreements(1, 200)
	byID := map[string]*Agreement{}
	for i := range agreements {
		byID[agreements[i].ID] = &agreements[i]
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "pactwatch.yaml")
	if err := os.WriteFile(path, Config("pactwatch.db", "127.0.0.1:0", []string{"http://127.0.0.1:1/a.xml", "http://127.0.0.1:1/b.xml"}, agreements), 0o600); err != nil {
		t.Fatal(err)
	}
	// The bench runs pactwatch without a bot token (alerts are printed).
	cfg, err := config.Load(path, nil)
	if err != nil {
		t.Fatalf("the generated config does not load: %v", err)
	}
	if len(cfg.Agreements) != len(agreements) {
		t.Fatalf("config has %d agreements, want %d", len(cfg.Agreements), len(agreements))
	}

	news := NewNews(2)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	var items []Item
	for i := range 400 {
		var about *Agreement
		if i%4 == 0 {
			about = &agreements[i%len(agreements)]
		}
		items = append(items, news.Item(7, i, about, now.Add(-time.Duration(i)*time.Minute)))
	}
	parsed, err := feed.Parse(RSS(7, items, now))
	if err != nil {
		t.Fatalf("the generated feed does not parse: %v", err)
	}
	if len(parsed.Items) != len(items) {
		t.Fatalf("parsed %d items, want %d", len(parsed.Items), len(items))
	}
	stray := 0
	for i, it := range parsed.Items {
		doc := query.NewDocument(it.Title, it.Summary, it.Content, strings.Join(it.Categories, " · "))
		if a := items[i].About; a != "" {
			q, _ := query.Parse(byID[a].Match)
			if !q.Match(doc) {
				t.Errorf("item %q is about %s but does not match %s", it.Title+" "+it.Summary, a, byID[a].Match)
			}
			continue
		}
		for _, a := range cfg.Agreements {
			if a.Query.Match(doc) {
				stray++
			}
		}
	}
	if stray > len(items)/20 {
		t.Errorf("%d matches among %d items about nothing: the background news is too close to the agreements", stray, len(items))
	}
}
