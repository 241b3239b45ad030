package watchers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers/claims"
	"github.com/pactwatch/pactwatch/watchers/feed"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// FeedResult is what one poll of one feed did.
type FeedResult struct {
	FeedID      string
	Err         error // why the feed could not be read; the others go on
	NotModified bool
	Items       int // items in the feed
	New         int // items never seen before
	Matches     int // (new item, agreement) pairs that matched
	Alerts      int // alerts enqueued
	Elapsed     time.Duration
}

// Report is what a poll round did, feed by feed.
type Report struct{ Feeds []FeedResult }

// Alerts counts the alerts the round enqueued.
func (r Report) Alerts() int {
	n := 0
	for _, f := range r.Feeds {
		n += f.Alerts
	}
	return n
}

// Failed lists the feeds that could not be read.
func (r Report) Failed() []FeedResult {
	var out []FeedResult
	for _, f := range r.Feeds {
		if f.Err != nil {
			out = append(out, f)
		}
	}
	return out
}

// fetched is one feed after its fetch: its stored state, what came back,
// and its new items, analysed.
type fetched struct {
	feed   *config.Feed
	state  storage.FeedState
	resp   feed.Response
	fresh  []fresh
	result FeedResult
	title  string // the feed's own title, when it was parsed
}

// fresh is an item not seen before, prepared for recording. Only what
// recording needs of it is kept: the text of an item that matched nothing
// is let go as soon as it is matched.
type fresh struct {
	fe      *fetched
	it      *feed.Item
	matched []*tracked                // in config order; empty for most items
	found   map[string]claims.Finding // by agreement id, for matched
	body    []byte                    // its text as stored (storage.EncodeText), for replay
}

// Poll fetches the given feeds (every feed when none is named) and records
// their new items. The work is a pipeline so that no core waits for
// another: up to Concurrency feeds are fetched, parsed, matched and
// analysed at once, while one writer records the items that matched
// nothing as feeds finish. Items that matched are recorded after every
// fetch is done, oldest first across feeds, so that a round over several
// feeds judges status changes and threads stories in the order the news
// happened. A feed's validators are saved only after all its items are
// recorded: a round cut short fetches the feed in full again.
func (w *Watcher) Poll(ctx context.Context, feedIDs ...string) Report {
	p := w.plan.Load()
	var feeds []*config.Feed
	if len(feedIDs) == 0 {
		for i := range p.cfg.Feeds {
			feeds = append(feeds, &p.cfg.Feeds[i])
		}
	}
	for _, id := range feedIDs {
		if f, ok := p.cfg.Feed(id); ok {
			feeds = append(feeds, f)
		}
	}
	done := make(chan *fetched, len(feeds)) // never blocks a fetch on the writer
	written := make(chan struct{})
	go func() {
		defer close(written)
		w.recordUnmatched(ctx, done)
	}()
	start := time.Now()
	all := w.fetchAll(ctx, p, feeds, done)
	close(done)
	fetched := time.Since(start)
	<-written
	unmatched := time.Since(start)
	w.recordMatched(ctx, p, all)
	matched := time.Since(start)
	w.saveHealthAll(ctx, p, all)
	w.opts.Log.Debug("poll round", "feeds", len(all), "fetched", fetched, "unmatched_written", unmatched,
		"matched_written", matched, "health_saved", time.Since(start))
	rep := Report{}
	for _, f := range all {
		rep.Feeds = append(rep.Feeds, f.result)
		if f.result.Err != nil {
			w.opts.Log.Warn("feed failed", "feed", f.feed.ID, "url", feed.Redact(f.feed.URL), "err", f.result.Err)
		}
	}
	if w.opts.OnPoll != nil {
		w.opts.OnPoll(rep)
	}
	if rep.Alerts() > 0 {
		w.wake()
	}
	return rep
}

// fetchAll fetches and prepares every feed, Concurrency at once, handing
// each to done when it is ready to record.
func (w *Watcher) fetchAll(ctx context.Context, p *plan, feeds []*config.Feed, done chan<- *fetched) []*fetched {
	out := make([]*fetched, len(feeds))
	sem := make(chan struct{}, w.opts.Concurrency)
	var wg sync.WaitGroup
	for i, f := range feeds {
		out[i] = &fetched{feed: f, result: FeedResult{FeedID: f.ID}}
		wg.Add(1)
		go func(fe *fetched) {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			case <-ctx.Done():
				fe.result.Err = ctx.Err()
				return
			}
			w.fetchOne(ctx, p, fe)
			done <- fe
		}(out[i])
	}
	wg.Wait()
	return out
}

func (w *Watcher) fetchOne(ctx context.Context, p *plan, fe *fetched) {
	start := time.Now()
	defer func() { fe.result.Elapsed = time.Since(start) }()
	defer func() {
		if r := recover(); r != nil {
			fe.fresh = nil
			fe.result.Err = fmt.Errorf("feed %s: panic: %v", fe.feed.ID, r)
		}
	}()
	var err error
	if fe.state, err = w.store.FeedState(ctx, fe.feed.ID); err != nil {
		fe.result.Err = err
		return
	}
	// The fetcher enforces FetchTimeout with a clear error of its own; this
	// outer bound, a little longer, also covers reading the feed state.
	fctx, cancel := context.WithTimeout(ctx, w.opts.FetchTimeout+5*time.Second)
	defer cancel()
	prev := feed.Validators{ETag: fe.state.ETag, LastModified: fe.state.LastModified}
	fe.resp, err = w.opts.Fetcher.Fetch(fctx, fe.feed.URL, prev)
	if err != nil {
		fe.result.Err = err
		return
	}
	if fe.resp.NotModified {
		fe.result.NotModified = true
		return
	}
	parsed, err := feed.Parse(fe.resp.Body)
	if err != nil {
		fe.result.Err = fmt.Errorf("%s: %w", feed.Redact(fe.feed.URL), err)
		return
	}
	fe.resp.Body = nil // parsed: let it go
	fe.title = parsed.Title
	fe.result.Items = len(parsed.Items)
	if err := w.prepare(ctx, p, fe, parsed.Items); err != nil {
		fe.result.Err = err
	}
}

// prepare keeps the items of a feed not seen before, each matched against
// the agreements that read the feed and, when it matched, analysed for the
// status it reports. An item repeated in the feed counts once.
func (w *Watcher) prepare(ctx context.Context, p *plan, fe *fetched, items []feed.Item) error {
	keys := make([]string, 0, len(items))
	for i := range items {
		keys = append(keys, items[i].Key)
	}
	seen, err := w.store.SeenKeys(ctx, fe.feed.ID, keys)
	if err != nil {
		return err
	}
	readers := p.byFeed[fe.feed.ID]
	b := builders.Get().(*query.Builder) // each document is done with once matched
	defer builders.Put(b)
	for i := range items {
		it := &items[i]
		if seen[it.Key] {
			continue
		}
		seen[it.Key] = true
		f := fresh{fe: fe, it: it, body: storage.EncodeText(storage.ItemText{Summary: it.Summary, Content: it.Content,
			Categories: it.Categories})}
		var doc *query.Document
		if len(readers) > 0 {
			doc = buildDocument(b, it)
			f.matched = matchAll(readers, doc)
		}
		if len(f.matched) > 0 {
			if f.found, err = readClaims(it, doc, f.matched); err != nil {
				w.opts.Log.Error("claims not read; the item is kept as a mention", "feed", fe.feed.ID, "err", err)
			}
			kept := *it                // kept to the end of the round, apart from the feed's other items
			kept.Summary = summary(it) // all an alert shows of the text
			kept.Content, kept.Categories = "", nil
			f.it = &kept
		} else {
			it.Summary, it.Content, it.Categories = "", "", nil
		}
		fe.fresh = append(fe.fresh, f)
	}
	return nil
}

// writeBatch is about how many items the writer records in one transaction.
const writeBatch = 512

// recordUnmatched records, as feeds come in, their new items that matched
// no agreement: each is only remembered as seen. Feeds that are ready
// together are written in one transaction.
func (w *Watcher) recordUnmatched(ctx context.Context, in <-chan *fetched) {
	for fe := range in {
		batch, n := []*fetched{fe}, len(fe.fresh)
	more:
		for n < writeBatch {
			select {
			case fe, ok := <-in:
				if !ok {
					break more
				}
				batch, n = append(batch, fe), n+len(fe.fresh)
			default:
				break more
			}
		}
		if err := w.insertUnmatched(ctx, batch); err != nil && len(batch) > 1 {
			for _, fe := range batch { // find which feed it was
				w.insertUnmatched(ctx, []*fetched{fe})
			}
		}
	}
}

// insertUnmatched records the unmatched new items of feeds in one
// transaction and counts them as new. When it fails for a single feed,
// the feed is marked with the error (recordUnmatched tries a failed batch
// of several feeds again a feed at a time).
func (w *Watcher) insertUnmatched(ctx context.Context, batch []*fetched) error {
	added := make([]int, len(batch))
	err := w.store.InTx(ctx, func(tx *storage.Tx) error {
		for i, fe := range batch {
			added[i] = 0
			if fe.result.Err != nil {
				continue
			}
			rows := make([]storage.Item, 0, len(fe.fresh))
			for _, f := range fe.fresh {
				if len(f.matched) == 0 {
					it := f.it
					rows = append(rows, storage.Item{FeedID: fe.feed.ID, Key: it.Key, GUID: it.GUID, Link: it.Link,
						Title: it.Title, Published: it.Published, Body: f.body})
				}
			}
			n, err := tx.InsertSeen(rows)
			if err != nil {
				return err
			}
			added[i] = n
		}
		return nil
	})
	for i, fe := range batch {
		switch {
		case err != nil && len(batch) == 1:
			fe.result.Err = fmt.Errorf("record items: %w", err)
		case err == nil:
			fe.result.New += added[i]
			// Only the matched items wait for the end of the round: let
			// the others, and the feed's parsed items, go.
			fe.fresh = slices.DeleteFunc(fe.fresh, func(f fresh) bool { return len(f.matched) == 0 })
		}
	}
	return err
}

// recordMatched records the new items that matched an agreement, oldest
// first across feeds (items without a date keep their feed's order and
// come after dated ones), many in a transaction.
func (w *Watcher) recordMatched(ctx context.Context, p *plan, all []*fetched) {
	var q []*fresh
	for _, fe := range all {
		if fe.result.Err != nil {
			continue
		}
		for i := range fe.fresh {
			if len(fe.fresh[i].matched) > 0 {
				q = append(q, &fe.fresh[i])
			}
		}
	}
	slices.SortStableFunc(q, func(a, b *fresh) int {
		ta, tb := a.it.Published, b.it.Published
		switch {
		case ta.IsZero() && tb.IsZero():
			return 0
		case ta.IsZero():
			return 1
		case tb.IsZero():
			return -1
		}
		return ta.Compare(tb)
	})
	if len(q) == 0 {
		return
	}
	w.judging.Lock()
	defer w.judging.Unlock()
	now := w.opts.Now()
	for len(q) > 0 {
		n := min(len(q), writeBatch/8) // each costs about ten statements
		w.recordBatch(ctx, p, q[:n], now)
		q = q[n:]
	}
}

// recordBatch records items in one transaction. When that fails, it
// records them again one transaction each, to find the item at fault: its
// feed stops there (a database error: the feed is fetched in full again
// next time), and the others go on.
func (w *Watcher) recordBatch(ctx context.Context, p *plan, batch []*fresh, now time.Time) {
	type tally struct{ alerts, matches, isNew int }
	got := make([]tally, len(batch))
	err := w.store.InTx(ctx, func(tx *storage.Tx) error {
		for i, f := range batch {
			got[i] = tally{}
			if f.fe.result.Err != nil {
				continue
			}
			cutoff := backfillCutoff(p.cfg.Backfill, f.fe.state, now)
			alerts, err := w.record(tx, p, f, cutoff)
			switch {
			case errors.Is(err, errSeen):
				continue // recorded meanwhile by another poll
			case err != nil:
				return fmt.Errorf("record item %q: %w", f.it.Title, err)
			}
			got[i] = tally{alerts, len(f.matched), 1}
		}
		return nil
	})
	if err != nil && len(batch) > 1 {
		for _, f := range batch {
			w.recordBatch(ctx, p, []*fresh{f}, now)
		}
		return
	}
	if err != nil {
		batch[0].fe.result.Err = err
		return
	}
	alerts := 0
	for i, f := range batch {
		f.fe.result.Alerts += got[i].alerts
		f.fe.result.Matches += got[i].matches
		f.fe.result.New += got[i].isNew
		alerts += got[i].alerts
	}
	if alerts > 0 {
		w.wake() // deliver these while the rest of the round is recorded
	}
}

// saveHealthAll records how each feed's poll went, in one transaction (a
// feed at a time only if that fails, so that one bad row costs only its
// own feed).
func (w *Watcher) saveHealthAll(ctx context.Context, p *plan, all []*fetched) {
	err := w.store.InTx(ctx, func(tx *storage.Tx) error {
		for _, fe := range all {
			if err := w.saveHealth(tx, p, fe); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		return
	}
	for _, fe := range all {
		err := w.store.InTx(ctx, func(tx *storage.Tx) error { return w.saveHealth(tx, p, fe) })
		if err != nil && fe.result.Err == nil {
			fe.result.Err = err
		}
	}
}

// backfillCutoff says which items of a feed's first poll are only
// remembered: those published before the cutoff. The zero time alerts all.
func backfillCutoff(b config.Backfill, st storage.FeedState, now time.Time) time.Time {
	if b.All || !st.FirstPolledAt.IsZero() {
		return time.Time{}
	}
	return now.Add(-b.Window)
}
