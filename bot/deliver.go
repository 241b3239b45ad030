package bot

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// Defaults for the Deliverer's tunables.
const (
	// DefaultPace is the least time between two posts to one channel:
	// Slack allows about one message a second per channel.
	DefaultPace         = time.Second
	defaultPollInterval = time.Second
	defaultMaxAttempts  = 10
	// inFlightTimeout bounds one alert's post and bookkeeping, which go on
	// after shutdown begins so that no post is left half done.
	inFlightTimeout = time.Minute
)

// Deliverer drains the alert outbox into Slack: for each alert due, mark it
// sending, post it, then mark it delivered with its channel and ts (or
// schedule a retry, or fail it for good). Alerts of one channel go out in
// the order they were enqueued. Its methods may be called concurrently;
// they take turns.
type Deliverer struct {
	Store  *storage.Store
	Poster Poster
	// History is asked whether an alert whose post may have reached Slack
	// (left "sending" by a crash, or cut off by a timeout) is there already.
	// When nil such alerts are posted again.
	History History
	// Now is the clock; it defaults to the Store's, which decides what is due.
	Now func() time.Time
	// Sleep waits for pacing; it defaults to a timer that ctx can cut short.
	Sleep func(ctx context.Context, d time.Duration) error
	Log   *slog.Logger
	// AdminChannel hears about alerts that failed for good; it defaults to
	// DefaultChannel.
	AdminChannel string
	// DefaultChannel receives the alerts that name no channel.
	DefaultChannel string
	// Names names feeds in messages (FeedNames); nil shows their ids.
	Names FeedNamer
	// Pace is the least time between two posts to one channel (use
	// DefaultPace; 0 turns pacing off, for tests).
	Pace time.Duration
	// PollInterval is how often Run looks at the outbox when not woken
	// (default 1s).
	PollInterval time.Duration
	// MaxAttempts is how often an alert is tried on API errors this package
	// does not know before it is failed (default 10).
	MaxAttempts int
	// Printing says that Poster only prints the alerts (there is no bot
	// token): each is marked printed, not delivered, and kept for Slack.
	Printing bool
	// Backfill bounds the printed alerts a Deliverer that posts to Slack
	// sends when it starts: those made within its window, or all.
	Backfill config.Backfill

	mu             sync.Mutex
	lastPost       map[string]time.Time // per channel, for pacing
	lock           *storage.DeliveryLock
	waitingForLock bool                // another process delivers; logged once
	random         func() float64      // backoff jitter; nil is math/rand
	caught         map[string]*catchUp // per channel: alerts posted after the database's last delivery
	lastDelivered  *time.Time          // that delivery, less a margin; read once
}

// DeliverDue posts every alert that is due, and the ones that fall due
// behind them, until nothing is due now. It returns how many were
// delivered, and an error when the store fails, ctx is done, Slack
// rejects the token (the alert is then kept for later), or another process
// delivers from the same database (storage.ErrDeliveryLocked). A post
// under way when ctx is done is finished first.
func (d *Deliverer) DeliverDue(ctx context.Context) (delivered int, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.claim(ctx); err != nil {
		return 0, err
	}
	for {
		if err := ctx.Err(); err != nil {
			return delivered, err
		}
		due, err := d.Store.DueIn(ctx, d.DefaultChannel)
		if err != nil {
			return delivered, fmt.Errorf("deliver alerts: %w", err)
		}
		if len(due) == 0 {
			return delivered, nil
		}
		acted, wait := false, time.Duration(0)
		stopped := map[string]bool{} // channels whose next alert must wait
		for _, a := range due {
			if err := ctx.Err(); err != nil {
				return delivered, err
			}
			ch := d.channel(a)
			if stopped[ch] {
				continue
			}
			if w := d.paceWait(ch); w > 0 {
				if wait == 0 || w < wait {
					wait = w
				}
				stopped[ch] = true
				continue
			}
			ok, err := d.deliver(ctx, a)
			if ok {
				delivered++
			} else {
				stopped[ch] = true // retried or failed: what is behind it goes on the next turn
			}
			if err != nil {
				return delivered, err
			}
			acted = true
		}
		if !acted {
			if err := d.sleep(ctx, wait); err != nil {
				return delivered, err
			}
		}
	}
}

// Run delivers alerts until ctx is done: DeliverDue, then wait for a
// wake-up (an alert was enqueued) or the poll interval, which also brings
// retries whose time has come. Errors are logged, not returned; Run returns
// nil once ctx is done and the post in flight is finished.
func (d *Deliverer) Run(ctx context.Context, wake <-chan struct{}) error {
	for {
		if _, err := d.DeliverDue(ctx); err != nil && ctx.Err() == nil && !d.busy(err) {
			d.log().Error("deliver alerts", "err", err)
		}
		t := time.NewTimer(d.pollInterval())
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-wake:
		case <-t.C:
		}
		t.Stop()
	}
}

func (d *Deliverer) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return d.Store.Now()
}

func (d *Deliverer) log() *slog.Logger {
	if d.Log != nil {
		return d.Log
	}
	return slog.New(slog.DiscardHandler)
}

func (d *Deliverer) pollInterval() time.Duration {
	if d.PollInterval > 0 {
		return d.PollInterval
	}
	return defaultPollInterval
}

func (d *Deliverer) maxAttempts() int {
	if d.MaxAttempts > 0 {
		return d.MaxAttempts
	}
	return defaultMaxAttempts
}

// channel is where an alert goes when it is not a reply.
func (d *Deliverer) channel(a storage.Alert) string {
	if a.Channel != "" {
		return a.Channel
	}
	return d.DefaultChannel
}

func (d *Deliverer) adminChannel() string {
	if d.AdminChannel != "" {
		return d.AdminChannel
	}
	return d.DefaultChannel
}
