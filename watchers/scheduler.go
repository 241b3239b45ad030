package watchers

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/pactwatch/pactwatch/config"
)

// DeadlineSchedule is how often deadlines are checked besides after every
// poll.
const DeadlineSchedule = "@every 5m"

// digestEntry keys the digest job among the entries, which are keyed by
// feed id ("" is the deadline check); no slug starts with a space.
const digestEntry = " digest"

// Scheduler runs each feed's poll on its cron schedule, and the deadline
// check on its own. Jobs never overlap themselves, a panicking job is
// recovered and logged, and each run gets its own timeout under the
// scheduler's context.
type Scheduler struct {
	w       *Watcher
	ctx     context.Context
	cancel  context.CancelFunc
	cron    *cron.Cron
	mu      sync.Mutex
	entries map[string]cron.EntryID // by feed id; "" is the deadline check, digestEntry the digests
	timeout time.Duration
	lastRun time.Time
}

// Start schedules every feed of the watcher's config and the deadline check,
// and starts running them. Stop it with Stop.
func (w *Watcher) Start(ctx context.Context) (*Scheduler, error) {
	ctx, cancel := context.WithCancel(ctx)
	logger := cronLogger{w.opts.Log}
	s := &Scheduler{w: w, ctx: ctx, cancel: cancel, timeout: 10 * time.Minute}
	s.cron = cron.New(
		cron.WithParser(config.CronParser),
		cron.WithLocation(w.Config().Timezone),
		cron.WithChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)),
		cron.WithLogger(logger),
	)
	if err := s.schedule(w.Config()); err != nil {
		cancel()
		return nil, err
	}
	s.cron.Start()
	return s, nil
}

// schedule replaces every entry with those of cfg.
func (s *Scheduler) schedule(cfg *config.Config) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	added := map[string]cron.EntryID{}
	add := func(key, spec string, run func(context.Context)) error {
		sched, err := config.CronParser.Parse(spec)
		if err != nil {
			return fmt.Errorf("schedule %q: %w", spec, err)
		}
		// A spec without CRON_TZ is read in the config's timezone, which a
		// reload may change: the cron's own location is fixed at start.
		if spec, ok := sched.(*cron.SpecSchedule); ok && spec.Location == time.Local {
			spec.Location = cfg.Timezone
		}
		added[key] = s.cron.Schedule(sched, cron.FuncJob(s.wrap(run)))
		return nil
	}
	err := add("", DeadlineSchedule, func(ctx context.Context) {
		if _, err := s.w.CheckDeadlines(ctx); err != nil {
			s.w.opts.Log.Error("deadline check failed", "err", err)
		}
	})
	if d := cfg.Digest; d != nil && err == nil {
		err = add(digestEntry, d.Schedule, func(ctx context.Context) {
			if n, err := s.w.GatherDigests(ctx); err != nil {
				s.w.opts.Log.Error("digest failed", "err", err)
			} else if n > 0 {
				s.w.opts.Log.Info("digests gathered", "messages", n)
			}
		})
	}
	for _, f := range cfg.Feeds {
		if err != nil {
			break
		}
		id := f.ID
		err = add(id, f.Schedule, func(ctx context.Context) { s.w.pollScheduled(ctx, id) })
	}
	if err != nil {
		for _, a := range added {
			s.cron.Remove(a)
		}
		return err
	}
	for _, old := range s.entries {
		s.cron.Remove(old)
	}
	s.entries = added
	return nil
}

func (s *Scheduler) wrap(run func(context.Context)) func() {
	return func() {
		ctx, cancel := context.WithTimeout(s.ctx, s.timeout)
		defer cancel()
		s.mu.Lock()
		s.lastRun = time.Now()
		s.mu.Unlock()
		run(ctx)
	}
}

// Reload swaps the watcher's config and the schedules together: the old
// entries go only once every new one was added.
func (s *Scheduler) Reload(cfg *config.Config) error {
	s.w.Reload(cfg)
	return s.schedule(cfg)
}

// Alive reports whether the scheduler is running and has entries to run.
func (s *Scheduler) Alive() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ctx.Err() == nil && len(s.entries) > 0
}

// Next returns when each feed's poll runs next, by feed id.
func (s *Scheduler) Next() map[string]time.Time {
	out := map[string]time.Time{}
	s.mu.Lock()
	defer s.mu.Unlock()
	for feed, id := range s.entries {
		if feed != "" && feed != digestEntry {
			out[feed] = s.cron.Entry(id).Next
		}
	}
	return out
}

// Stop stops scheduling, cancels the jobs' context and waits for running
// jobs to return or ctx to end.
func (s *Scheduler) Stop(ctx context.Context) {
	done := s.cron.Stop()
	s.cancel()
	select {
	case <-done.Done():
	case <-ctx.Done():
	}
}

// pollScheduled is a feed's cron job: poll it unless it is backing off after
// failures, then check deadlines.
func (w *Watcher) pollScheduled(ctx context.Context, feedID string) {
	st, err := w.store.FeedState(ctx, feedID)
	if err != nil {
		w.opts.Log.Error("feed state", "feed", feedID, "err", err)
		return
	}
	if w.opts.Now().Before(st.NextPollAt) {
		w.opts.Log.Debug("feed backing off", "feed", feedID, "until", st.NextPollAt)
		return
	}
	rep := w.Poll(ctx, feedID)
	for _, f := range rep.Feeds {
		w.opts.Log.Info("polled", "feed", f.FeedID, "items", f.Items, "new", f.New, "alerts", f.Alerts,
			"not_modified", f.NotModified, "ok", f.Err == nil)
	}
	// Index the new items for /pact search now, off the poll's path, so
	// that a search does not wait for it.
	if err := w.store.IndexForSearch(ctx); err != nil {
		w.opts.Log.Error("index for search", "err", err)
	}
	if _, err := w.CheckDeadlines(ctx); err != nil {
		w.opts.Log.Error("deadline check failed", "err", err)
	}
}

// cronLogger sends cron's messages to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

// PollDue polls, in one round, every feed that is not backing off after
// failures, then checks deadlines. The daemon runs it once at start so that
// downtime does not wait for each feed's next tick.
func (w *Watcher) PollDue(ctx context.Context) Report {
	states, err := w.store.FeedStates(ctx)
	if err != nil {
		w.opts.Log.Error("feed states", "err", err)
		return Report{}
	}
	now := w.opts.Now()
	var due []string
	for _, f := range w.Config().Feeds {
		if !now.Before(states[f.ID].NextPollAt) {
			due = append(due, f.ID)
		}
	}
	var rep Report
	if len(due) > 0 {
		rep = w.Poll(ctx, due...)
	}
	if _, err := w.GatherDueDigests(ctx); err != nil {
		w.opts.Log.Error("digest failed", "err", err)
	}
	if _, err := w.CheckDeadlines(ctx); err != nil {
		w.opts.Log.Error("deadline check failed", "err", err)
	}
	return rep
}
