package bot

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
	"github.com/pactwatch/pactwatch/storage"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is a Deliverer wired to a real SQLite outbox and a fake Slack, all
// on one fake clock.
type env struct {
	t      *testing.T
	ctx    context.Context
	clock  *fakeClock
	store  *storage.Store
	slack  *fakeslack.Server
	poster *SlackPoster
	d      *Deliverer
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := t.Context()
	clock := &fakeClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	store, err := storage.Open(ctx, filepath.Join(t.TempDir(), "pactwatch.db"), storage.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	fs := fakeslack.New(t, fakeslack.WithClock(clock.Now))
	e := &env{t: t, ctx: ctx, clock: clock, store: store, slack: fs,
		poster: &SlackPoster{Client: NewSlackClient("xoxb-test", fs.URL())}}
	e.d = e.deliverer()
	return e
}

// deliverer returns a fresh Deliverer, as after a restart.
func (e *env) deliverer() *Deliverer {
	return &Deliverer{
		Store: e.store, Poster: e.poster, History: e.poster, Now: e.clock.Now,
		Log:            slog.New(slog.NewTextHandler(e.t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug})),
		DefaultChannel: "C0POLICY", AdminChannel: "C0ADMIN",
		random: func() float64 { return 0 },
	}
}

// enqueue adds an alert (a mention in C0CYBER unless a says otherwise).
func (e *env) enqueue(a storage.Alert) storage.Alert {
	e.t.Helper()
	if a.Kind == "" {
		a.Kind = storage.KindMention
	}
	if a.Agreement == "" {
		a.Agreement, a.AgreementName, a.Status = "ru-cn-cyber", "Russia–China cyber pact", "rumored"
	}
	if a.Item == nil && a.Kind != storage.KindFeedBroken {
		a.Item = fixtureItem
	}
	if ok, err := e.store.Enqueue(e.ctx, &a); err != nil || !ok {
		e.t.Fatalf("enqueue: %v, %v", ok, err)
	}
	return a
}

// alert reads an alert back from the store.
func (e *env) alert(seq int64) storage.Alert {
	e.t.Helper()
	a, err := e.store.Alert(e.ctx, seq)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// deliver runs DeliverDue and fails the test on an error.
func (e *env) deliver() int {
	e.t.Helper()
	n, err := e.d.DeliverDue(e.ctx)
	if err != nil {
		e.t.Fatalf("DeliverDue: %v", err)
	}
	return n
}

// deliverOne delivers what is due, which must be one alert, and returns
// that alert as delivered.
func (e *env) deliverOne() storage.Alert {
	e.t.Helper()
	if n := e.deliver(); n != 1 {
		e.t.Fatalf("delivered %d alerts, want 1", n)
	}
	list, err := e.store.Alerts(e.ctx, storage.StateDelivered)
	if err != nil {
		e.t.Fatal(err)
	}
	return list[len(list)-1]
}

// due reports whether the alert is among those due now.
func (e *env) due(seq int64) bool {
	e.t.Helper()
	due, err := e.store.Due(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, a := range due {
		if a.Seq == seq {
			return true
		}
	}
	return false
}
