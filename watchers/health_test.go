package watchers

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/watchers/feed"
)

// TestFeedBrokenAndRecovered checks that a feed failing three polls in a
// row raises one feed_broken alert to the admin channel, backs off, and
// raises one more when it recovers.
func TestFeedBrokenAndRecovered(t *testing.T) {
	r := newRig(t, "all", item("a1", mayDate, "Weather", "Sunny."))
	path := filepath.Join(r.dir, "f1.xml")
	good, _ := os.ReadFile(path)
	os.WriteFile(path, []byte("<rss><channel><item><title>cut"), 0o644)
	for i := 0; i < 4; i++ {
		r.now = r.now.Add(time.Hour)
		rep := r.w.Poll(context.Background())
		if rep.Feeds[0].Err == nil {
			t.Fatalf("poll %d of a truncated feed did not fail", i)
		}
	}
	st, _ := r.store.FeedState(context.Background(), "f1")
	if st.ConsecutiveFailures != 4 || !st.Broken || st.LastError == "" {
		t.Errorf("feed state after 4 failures = %+v", st)
	}
	if want := r.now.Add(backoff(4)); !st.NextPollAt.Equal(want) {
		t.Errorf("next poll %v, want backoff to %v", st.NextPollAt, want)
	}
	os.WriteFile(path, good, 0o644)
	later := time.Now().Add(time.Minute)
	os.Chtimes(path, later, later)
	r.now = r.now.Add(time.Hour)
	r.poll()
	r.poll()
	list, _ := r.store.Alerts(context.Background())
	var got []string
	for _, a := range list {
		if a.Kind == "feed_broken" {
			got = append(got, a.Channel+" "+a.Feed+" error="+map[bool]string{true: "yes", false: "no"}[a.Error != ""])
		}
	}
	want := []string{"C1 f1 error=yes", "C1 f1 error=no"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("feed_broken alerts = %q, want %q", got, want)
	}
	// The feed's own title is recorded once a fetch parses, for Slack to
	// name the publication by.
	if st, _ := r.store.FeedState(context.Background(), "f1"); st.Title != "t" {
		t.Errorf("feed title %q after a good poll, want %q", st.Title, "t")
	}
}

// TestBackoffIsCapped checks the failing-feed backoff doubles and stops at
// its cap.
func TestBackoffIsCapped(t *testing.T) {
	if backoff(1) != time.Minute || backoff(3) != 4*time.Minute || backoff(30) != maxBackoff {
		t.Errorf("backoff(1,3,30) = %v %v %v", backoff(1), backoff(3), backoff(30))
	}
}

// A reload while polls and fetches run writes nothing they read: reload
// used to set the shared Fetcher's BaseDir, which every fetch of a
// relative path reads (go test -race finds it).
func TestReloadDuringPoll(t *testing.T) {
	r := newRig(t, "all", item("a1", mayDate, "Weather", "Sunny."), item("b1", mayDate, "Rain", "Wet."))
	cfg := r.w.Config()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 20 {
			r.w.Poll(context.Background())
			if _, err := r.w.opts.Fetcher.Fetch(context.Background(), "f1.xml", feed.Validators{}); err != nil {
				t.Error(err)
			}
		}
	}()
	for {
		select {
		case <-done:
			return
		default:
			r.w.Reload(cfg)
		}
	}
}
