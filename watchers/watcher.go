// Package watchers is the cron side of pactwatch: it fetches feeds, matches
// their items against each agreement's query, detects status changes, checks
// forecast deadlines, and writes the alerts all of that causes into the
// storage outbox, each in the same transaction as its cause.
package watchers

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers/feed"
)

// Options tune a Watcher; the zero value is usable.
type Options struct {
	Now          func() time.Time // the clock; default time.Now
	Log          *slog.Logger     // default slog.Default()
	Fetcher      *feed.Fetcher    // default feed.NewFetcher with the config's folder
	Concurrency  int              // feeds fetched at once; default 8
	FetchTimeout time.Duration    // a whole fetch of one feed; default the Fetcher's (60s)
	// BrokenAfter is how many failed polls in a row make a feed_broken alert;
	// default 3.
	BrokenAfter int
	// OnPoll, when set, is called with the report of every poll round (for
	// metrics).
	OnPoll func(Report)
	// Wake, when set, is signalled (without blocking) after new alerts were
	// enqueued, so that delivery does not wait for its next tick.
	Wake chan<- struct{}
}

// Watcher polls feeds and enqueues alerts. Its config can be swapped while
// it runs (Reload); a poll in progress finishes on the config it began with.
type Watcher struct {
	store *storage.Store
	opts  Options
	plan  atomic.Pointer[plan]
	// judging is held while items are judged against agreements' status
	// (a poll's matched items, a replay): a replay's batches and a poll's
	// do not interleave, nor wait on each other's database lock.
	judging sync.Mutex
}

// New returns a Watcher over cfg and store.
func New(cfg *config.Config, store *storage.Store, opts Options) *Watcher {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.Fetcher == nil {
		opts.Fetcher = feed.NewFetcher(cfg.Dir)
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = 8
	}
	if opts.FetchTimeout <= 0 {
		opts.FetchTimeout = opts.Fetcher.Timeout
	}
	if opts.FetchTimeout <= 0 {
		opts.FetchTimeout = 60 * time.Second
	}
	opts.Fetcher.Timeout = opts.FetchTimeout
	if opts.BrokenAfter <= 0 {
		opts.BrokenAfter = 3
	}
	w := &Watcher{store: store, opts: opts}
	w.plan.Store(newPlan(cfg))
	return w
}

// Config returns the config the watcher currently runs on.
func (w *Watcher) Config() *config.Config { return w.plan.Load().cfg }

// Reload makes the watcher use cfg from its next poll on. It changes
// nothing the fetches under way read: the config gives every local feed
// path already made absolute, so the Fetcher's BaseDir is set once, in New.
func (w *Watcher) Reload(cfg *config.Config) {
	w.plan.Store(newPlan(cfg))
}

func (w *Watcher) wake() {
	if w.opts.Wake == nil {
		return
	}
	select {
	case w.opts.Wake <- struct{}{}:
	default:
	}
}

// removedWatch is the digest recorded for a watch taken out of the config.
const removedWatch = "removed"

// Prepare records each agreement's starting status the first time it is
// seen, so that status answers have something to say before any news, and
// judges the stored items again for every watch that is new or whose
// reading changed (match, status rules, aliases…; see watchDigest): their
// history and status are rebuilt silently, and what was found is returned,
// one Replayed a watch. It runs on every start and reload: agreements the
// database already has are found with one query and only have their
// starting status dated as the config's `since` now says.
func (w *Watcher) Prepare(ctx context.Context) ([]Replayed, error) {
	p := w.plan.Load()
	ids := make([]string, len(p.all))
	for i, t := range p.all {
		ids[i] = t.ID
	}
	var replay []*tracked
	isNew, returned := map[string]bool{}, map[string]bool{}
	err := w.store.InTx(ctx, func(tx *storage.Tx) error {
		known, err := tx.KnownAgreements(ids)
		if err != nil {
			return err
		}
		digests, err := tx.WatchDigests()
		if err != nil {
			return err
		}
		stored, err := tx.HasItems()
		if err != nil {
			return err
		}
		since := make(map[string]time.Time, len(known))
		first := map[string]string{} // digests recorded without a replay
		inConfig := make(map[string]bool, len(p.all))
		for _, t := range p.all {
			inConfig[t.ID] = true
			digest := watchDigest(t.Agreement)
			old, judged := digests[t.ID]
			switch {
			case !stored || !judged && known[t.ID]:
				// Nothing stored to judge, or judged before digests were kept.
				if old != digest {
					first[t.ID] = digest
				}
			case !judged:
				replay, isNew[t.ID] = append(replay, t), true
			case old == removedWatch:
				replay, returned[t.ID] = append(replay, t), true
			case old != digest:
				replay = append(replay, t)
			}
			if known[t.ID] {
				since[t.ID] = t.Since
				continue
			}
			if err := tx.EnsureAgreement(t.ID, t.Status, t.Since); err != nil {
				return err
			}
		}
		for id, d := range digests {
			if !inConfig[id] && d != removedWatch {
				// Taken out of the config: the items stored from now on are
				// not judged for it, so it is judged again if it comes back.
				first[id] = removedWatch
			}
		}
		if err := tx.SetWatchDigests(first); err != nil {
			return err
		}
		if len(since) == 0 {
			return nil
		}
		n, err := tx.SetStartDates(since)
		if n > 0 {
			w.opts.Log.Info("starting statuses dated as the config says", "agreements", n)
		}
		return err
	})
	if err != nil || len(replay) == 0 {
		return nil, err
	}
	w.judging.Lock()
	defer w.judging.Unlock()
	start := time.Now()
	out, err := w.replay(ctx, p, replay, isNew)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Returned = returned[out[i].Agreement]
	}
	for _, r := range out {
		w.opts.Log.Info("watch judged over the stored items", "agreement", r.Agreement, "new", r.New, "items", r.Items,
			"status", r.Status, "was", r.Before, "elapsed", time.Since(start))
	}
	return out, nil
}
