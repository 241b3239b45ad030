package watchers

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// TestPlanReaders checks each feed's readers: every agreement that reads
// it, once, in config order, whether it reads every feed (no `feeds`, or
// all of them as config.Load fills them in) or some.
func TestPlanReaders(t *testing.T) {
	q, err := query.Parse("pact")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &config.Config{Feeds: []config.Feed{{ID: "f1"}, {ID: "f2"}, {ID: "f3"}}}
	for _, a := range []struct {
		id    string
		feeds []string
	}{
		{"all-implicit", nil},
		{"f2-only", []string{"f2"}},
		{"f1-f3", []string{"f1", "f3"}},
		{"all-listed", []string{"f1", "f2", "f3"}},
		{"f2-twice", []string{"f2", "f2"}},
		{"all-reordered", []string{"f3", "f2", "f1"}},
	} {
		cfg.Agreements = append(cfg.Agreements, config.Agreement{ID: a.id, Kind: "pact", Query: q, Feeds: a.feeds})
	}
	p := newPlan(cfg)
	got := map[string][]string{}
	for id, list := range p.byFeed {
		got[id] = ids(list)
	}
	want := map[string][]string{
		"f1": {"all-implicit", "f1-f3", "all-listed", "all-reordered"},
		"f2": {"all-implicit", "f2-only", "all-listed", "f2-twice", "all-reordered"},
		"f3": {"all-implicit", "f1-f3", "all-listed", "all-reordered"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("readers by feed (-want +got):\n%s", diff)
	}
	for id, list := range p.byFeed {
		if len(list) != cap(list) {
			t.Errorf("feed %s: readers have room to grow (len %d, cap %d): an append would write into a shared list", id, len(list), cap(list))
		}
	}
}

// TestReloadAddsFeedToEveryFeedReaders checks, on configs as config.Load
// makes them (agreements without `feeds` share one list of every feed),
// that such an agreement reads every feed, and after a reload that adds a
// feed reads that one too, while one that names its feeds does not.
func TestReloadAddsFeedToEveryFeedReaders(t *testing.T) {
	const agreements = `
agreements:
  - {id: all-1, name: All one, kind: pact, match: pact}
  - {id: only-b, name: Only b, kind: pact, match: pact, feeds: [b]}
  - {id: all-2, name: All two, kind: pact, match: pact}
`
	load := func(feeds string) *config.Config {
		t.Helper()
		path := filepath.Join(t.TempDir(), "pactwatch.yaml")
		if err := os.WriteFile(path, []byte("feeds:\n"+feeds+agreements), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg, err := config.Load(path, nil)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		return cfg
	}
	readers := func(w *Watcher) map[string][]string {
		got := map[string][]string{}
		for id, list := range w.plan.Load().byFeed {
			got[id] = ids(list)
		}
		return got
	}
	const ab = `  - {id: a, url: https://example.com/a}
  - {id: b, url: https://example.com/b}
`
	w := New(load(ab), nil, Options{})
	want := map[string][]string{
		"a": {"all-1", "all-2"},
		"b": {"all-1", "only-b", "all-2"},
	}
	if diff := cmp.Diff(want, readers(w)); diff != "" {
		t.Errorf("readers by feed (-want +got):\n%s", diff)
	}
	w.Reload(load(ab + "  - {id: c, url: https://example.com/c}\n"))
	want["c"] = []string{"all-1", "all-2"}
	if diff := cmp.Diff(want, readers(w)); diff != "" {
		t.Errorf("readers by feed after adding feed c (-want +got):\n%s", diff)
	}
}
