package bot

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// TestFeedNames: a feed is named by its `name`, else by its own title as
// last fetched (kept when a later fetch has none), else by its id.
func TestFeedNames(t *testing.T) {
	ctx := context.Background()
	store, err := storage.Open(ctx, filepath.Join(t.TempDir(), "pactwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	save := func(st storage.FeedState) {
		if err := store.InTx(ctx, func(tx *storage.Tx) error { return tx.SaveFeedState(st) }); err != nil {
			t.Fatal(err)
		}
	}
	save(storage.FeedState{ID: "hill", Title: "The Hill - Cybersecurity"})
	save(storage.FeedState{ID: "wire", Title: "Wire Feed"})
	save(storage.FeedState{ID: "wire", ItemsSeen: 3}) // a fetch without a title keeps the old one
	cfg := &config.Config{Feeds: []config.Feed{{ID: "hill", Name: "The Hill"}, {ID: "wire"}, {ID: "new"}}}
	names := FeedNames(func() *config.Config { return cfg }, store)
	for id, want := range map[string]string{"hill": "The Hill", "wire": "Wire Feed", "new": "new", "gone": "gone"} {
		if got := names(ctx, id); got != want {
			t.Errorf("name of %s = %q, want %q", id, got, want)
		}
	}
	// named fills the names in a copy: the alert's own item is untouched.
	it := &storage.ItemRef{Feed: "hill"}
	a := named(ctx, storage.Alert{Item: it, Feed: "wire"}, names)
	if a.Item.FeedName != "The Hill" || a.FeedName != "Wire Feed" || it.FeedName != "" {
		t.Errorf("named: item %q, feed %q, original %q", a.Item.FeedName, a.FeedName, it.FeedName)
	}
}
