package bot

import (
	"context"
	"sync"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// FeedNamer names a feed for people: "The Hill" rather than
// "thehill-cyber".
type FeedNamer func(ctx context.Context, feedID string) string

// FeedNames returns the FeedNamer of pactwatch: a feed's `name` in the
// config in force, else its own title as last fetched, else its id. Titles
// read from the database are kept for titleTTL: delivering a round's
// alerts asks for the same few feeds thousands of times.
func FeedNames(cfg func() *config.Config, store *storage.Store) FeedNamer {
	var mu sync.Mutex
	type title struct {
		text string
		at   time.Time
	}
	titles := map[string]title{}
	return func(ctx context.Context, id string) string {
		if c := cfg(); c != nil {
			if f, ok := c.Feed(id); ok && f.Name != "" {
				return f.Name
			}
		}
		if store == nil {
			return id
		}
		mu.Lock()
		t, ok := titles[id]
		mu.Unlock()
		if !ok || time.Since(t.at) > titleTTL {
			t = title{at: time.Now()}
			if st, err := store.FeedState(ctx, id); err == nil {
				t.text = st.Title
			}
			mu.Lock()
			titles[id] = t
			mu.Unlock()
		}
		if t.text != "" {
			return t.text
		}
		return id
	}
}

// titleTTL is how long FeedNames trusts a feed title it read.
const titleTTL = time.Minute

// named returns a with the names of its feeds filled in where they are
// missing. It copies what it changes: a's item may be shared.
func named(ctx context.Context, a storage.Alert, names FeedNamer) storage.Alert {
	if names == nil {
		return a
	}
	if a.Item != nil && a.Item.FeedName == "" && a.Item.Feed != "" {
		it := *a.Item
		it.FeedName = names(ctx, it.Feed)
		a.Item = &it
	}
	if a.FeedName == "" && a.Feed != "" {
		a.FeedName = names(ctx, a.Feed)
	}
	if a.Digest != nil {
		d := *a.Digest
		d.Groups = make([]storage.DigestGroup, len(a.Digest.Groups))
		for i, g := range a.Digest.Groups {
			g.Stories = append([]storage.DigestStory(nil), g.Stories...)
			for j := range g.Stories {
				if it := &g.Stories[j].Item; it.FeedName == "" && it.Feed != "" {
					it.FeedName = names(ctx, it.Feed)
				}
			}
			d.Groups[i] = g
		}
		a.Digest = &d
	}
	return a
}

// feedName is the item's publication name, or its feed id when unnamed.
func feedName(it *storage.ItemRef) string {
	if it.FeedName != "" {
		return it.FeedName
	}
	return it.Feed
}
