package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers"
)

func cmdPoll(ctx context.Context, e *env, args []string) int {
	fs, c := newFlags(e, "poll", "", "Poll every feed once, check deadlines, deliver what is due, then exit.\n"+
		"Exits 0 even when some feed is broken (each is reported); non-zero only when the config or the database is unusable.")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	cfg, store, log, ok := c.open(ctx, e)
	if !ok {
		return exitFailed
	}
	defer store.Close()
	// Alerts are delivered as the poll enqueues them, not after it.
	d := newDeliverer(cfg, store, e, log)
	if err := d.Reconcile(ctx); err != nil && !errors.Is(err, storage.ErrDeliveryLocked) {
		log.Warn("reconcile", "err", err)
	}
	wake := make(chan struct{}, 1)
	delivered, derr := 0, error(nil)
	delivering := make(chan struct{})
	go func() {
		defer close(delivering)
		for range wake {
			if derr == nil {
				n, err := d.DeliverDue(ctx)
				delivered, derr = delivered+n, err
			}
		}
	}()
	w := watchers.New(cfg, store, watchers.Options{Now: e.now, Log: log, Wake: wake})
	replayed, err := w.Prepare(ctx)
	if err != nil {
		close(wake)
		<-delivering
		fmt.Fprintln(e.stderr, "pactwatch:", err)
		return exitFailed
	}
	for _, r := range replayed {
		fmt.Fprintln(e.stderr, r.String())
	}
	rep := w.Poll(ctx)
	for _, f := range rep.Failed() {
		fmt.Fprintf(e.stderr, "feed %s: %v\n", f.FeedID, f.Err)
	}
	deadlines, err := w.CheckDeadlines(ctx)
	if err == nil {
		_, err = w.GatherDueDigests(ctx) // when digest.schedule passed since the last
	}
	close(wake) // the watcher sends nothing more
	<-delivering
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch:", err)
		return exitFailed
	}
	if derr == nil { // what is left: feed health notices, deadlines
		n, err := d.DeliverDue(ctx)
		delivered, derr = delivered+n, err
	}
	newItems := 0
	for _, f := range rep.Feeds {
		newItems += f.New
	}
	done := "delivered"
	if d.Printing {
		done = "printed (kept for Slack)"
	}
	fmt.Fprintf(e.stderr, "polled %d feeds (%d failed): %d new items, %d alerts, %d deadline alerts, %d %s\n",
		len(rep.Feeds), len(rep.Failed()), newItems, rep.Alerts(), deadlines, delivered, done)
	if derr != nil {
		fmt.Fprintf(e.stderr, "delivery stopped: %v (undelivered alerts stay queued for the next run)\n", derr)
	}
	return exitOK
}
