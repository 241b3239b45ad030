package bot

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
	"github.com/pactwatch/pactwatch/storage"
)

// gatedPoster holds every post until the test lets it through.
type gatedPoster struct {
	Poster
	started chan struct{}
	release chan struct{}
}

func (p *gatedPoster) Post(ctx context.Context, channel, threadTS string, m Message) (string, error) {
	p.started <- struct{}{}
	<-p.release
	return p.Poster.Post(ctx, channel, threadTS, m)
}

// TestRunFinishesThePostInFlight runs the real loop on the wall clock: an
// alert enqueued after a wake-up is posted, and cancelling while the post
// is under way still records it as delivered.
func TestRunFinishesThePostInFlight(t *testing.T) {
	ctx := t.Context()
	store, err := storage.Open(ctx, filepath.Join(t.TempDir(), "pactwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	fs := fakeslack.New(t)
	gate := &gatedPoster{
		Poster:  &SlackPoster{Client: NewSlackClient("xoxb-test", fs.URL())},
		started: make(chan struct{}), release: make(chan struct{}),
	}
	d := &Deliverer{Store: store, Poster: gate, DefaultChannel: "C1", PollInterval: time.Hour}
	runCtx, stop := context.WithCancel(ctx)
	wake := make(chan struct{}, 1)
	done := make(chan error, 1)
	go func() { done <- d.Run(runCtx, wake) }()

	a := &storage.Alert{Kind: storage.KindMention, Agreement: "ru-cn-cyber", Status: "rumored", Item: fixtureItem}
	if _, err := store.Enqueue(ctx, a); err != nil {
		t.Fatal(err)
	}
	wake <- struct{}{}
	select {
	case <-gate.started:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not post after a wake-up")
	}
	stop()
	close(gate.release)
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	got, err := store.Alert(ctx, a.Seq)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != storage.StateDelivered || len(fs.Messages("C1")) != 1 {
		t.Errorf("alert %s with %d messages, want delivered once", got.State, len(fs.Messages("C1")))
	}
}
