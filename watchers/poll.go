package watchers

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers/feed"
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

// fetched is one feed after its fetch: its stored state and what came back.
type fetched struct {
	feed   *config.Feed
	state  storage.FeedState
	resp   feed.Response
	items  []feed.Item
	result FeedResult
}

// Poll fetches the given feeds (every feed when none is named) at once, then
// records their new items oldest first, so that a round over several feeds
// judges status changes in the order the news happened.
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
	all := w.fetchAll(ctx, feeds)
	w.ingestAll(ctx, p, all)
	rep := Report{}
	for _, f := range all {
		if err := w.saveHealth(ctx, p, f); err != nil && f.result.Err == nil {
			f.result.Err = err
		}
		rep.Feeds = append(rep.Feeds, f.result)
		if f.result.Err != nil {
			w.opts.Log.Warn("feed failed", "feed", f.feed.ID, "url", f.feed.URL, "err", f.result.Err)
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

func (w *Watcher) fetchAll(ctx context.Context, feeds []*config.Feed) []*fetched {
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
			w.fetchOne(ctx, fe)
		}(out[i])
	}
	wg.Wait()
	return out
}

func (w *Watcher) fetchOne(ctx context.Context, fe *fetched) {
	start := time.Now()
	defer func() { fe.result.Elapsed = time.Since(start) }()
	defer func() {
		if r := recover(); r != nil {
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
	ctx, cancel := context.WithTimeout(ctx, w.opts.FetchTimeout+5*time.Second)
	defer cancel()
	prev := feed.Validators{ETag: fe.state.ETag, LastModified: fe.state.LastModified}
	fe.resp, err = w.opts.Fetcher.Fetch(ctx, fe.feed.URL, prev)
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
		fe.result.Err = fmt.Errorf("%s: %w", fe.feed.URL, err)
		return
	}
	fe.resp.Body = nil // parsed: let it go
	fe.items = parsed.Items
	fe.result.Items = len(parsed.Items)
}

// ingestAll records every fetched item, oldest first across feeds. Items
// without a date keep their feed's order and come after dated ones.
func (w *Watcher) ingestAll(ctx context.Context, p *plan, all []*fetched) {
	type queued struct {
		fe *fetched
		it *feed.Item
	}
	var q []queued
	for _, fe := range all {
		for i := range fe.items {
			q = append(q, queued{fe, &fe.items[i]})
		}
	}
	slices.SortStableFunc(q, func(a, b queued) int {
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
	now := w.opts.Now()
	for _, e := range q {
		if e.fe.result.Err != nil {
			continue // a database error stopped this feed: fetch it again next time
		}
		cutoff := backfillCutoff(p.cfg.Backfill, e.fe.state, now)
		n, matches, isNew, err := w.ingest(ctx, p, e.fe.feed, e.it, cutoff)
		if err != nil {
			e.fe.result.Err = fmt.Errorf("record item %q: %w", e.it.Title, err)
			continue
		}
		if isNew {
			e.fe.result.New++
		}
		e.fe.result.Matches += matches
		e.fe.result.Alerts += n
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
