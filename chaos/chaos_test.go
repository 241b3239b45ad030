package chaos

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
	"github.com/pactwatch/pactwatch/storage"
)

const (
	chaosFeeds   = 3
	adminChannel = "C0ADMIN"
)

func channelOf(agreement int) string { return fmt.Sprintf("C0CHAOS%d", agreement+1) }

// writeConfig writes the daemon's config: every feed polled each second,
// one agreement (and channel) per topic, no HTTP endpoints.
func writeConfig(t *testing.T, dir string, news *newsServer) string {
	var b strings.Builder
	b.WriteString(`timezone: UTC
database: chaos.db
schedule: "@every 1s"
backfill: all
slack:
  token: ${SLACK_BOT_TOKEN}
  channel: C0POLICY
  admin_channel: ` + adminChannel + `
feeds:
`)
	for i := range chaosFeeds {
		fmt.Fprintf(&b, "  - id: wire-%d\n    url: %s\n", i, news.URL(i))
	}
	b.WriteString("agreements:\n")
	for i, topic := range topics {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s accord\n    kind: pact\n    parties: [Norland, Sudland]\n    status: rumored\n    match: '%s'\n    channel: %s\n",
			strings.ToLower(topic), topic, topic, channelOf(i))
	}
	path := filepath.Join(dir, "pactwatch.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// chaosStats counts what the rounds did to the daemon.
type chaosStats struct {
	rounds, randomKills, killsBeforePost, killsAfterPost, graceful, refused int
	concurrentPolls                                                         int
	faults                                                                  map[string]int
}

// TestChaos runs the real binary through rounds of new news, Slack faults
// and kills, lets it drain, then checks that every alert in the outbox is
// in Slack exactly once, in order per channel, and none was lost.
func TestChaos(t *testing.T) {
	n := rounds(t)
	seed := uint64(time.Now().UnixNano())
	t.Logf("chaos: %d rounds, seed %d", n, seed)
	rng := rand.New(rand.NewPCG(seed, seed>>7))
	bin := binary(t)
	dir := t.TempDir()
	news := newNewsServer(t, chaosFeeds)
	fake := fakeslack.New(t)
	config := writeConfig(t, dir, news)
	logPath := filepath.Join(dir, "pactwatch.log")
	d := newDaemon(t, bin, config, logPath)
	proxy := newSlackProxy(t, fake.URL(), d.kill)
	defer func() {
		if t.Failed() {
			t.Logf("daemon log: %s", tail(logPath, 60))
		}
	}()

	st := chaosStats{faults: map[string]int{}}
	start := time.Now()
	for r := 1; r <= n; r++ {
		st.rounds++
		news.publish(rng, 3)
		st.faults[injectFault(rng, fake)]++
		apiURL := proxy.URL()
		refused := rng.IntN(12) == 0
		if refused {
			apiURL = closedURL(t)
			st.refused++
		}
		d.start(apiURL, r)
		var polls sync.WaitGroup
		if rng.IntN(8) == 0 { // an operator runs a poll while the daemon runs
			st.concurrentPolls++
			delay := time.Duration(rng.IntN(800)) * time.Millisecond
			polls.Go(func() { d.poll(apiURL, r, delay) })
		}
		switch m := rng.IntN(100); {
		case m < 35 && !refused: // at a post, if one comes soon
			point := int32(killBeforePost + rng.IntN(2))
			proxy.arm(point)
			select {
			case p := <-proxy.fired:
				if p == killBeforePost {
					st.killsBeforePost++
				} else {
					st.killsAfterPost++
				}
			case <-time.After(3 * time.Second):
				proxy.arm(killNone)
				d.kill()
				st.randomKills++
			}
		case m < 88: // at a random moment
			time.Sleep(time.Duration(20+rng.IntN(2500)) * time.Millisecond)
			d.kill()
			st.randomKills++
		default: // let it work, then stop it gracefully
			time.Sleep(time.Duration(500+rng.IntN(2000)) * time.Millisecond)
			d.stop()
			st.graceful++
		}
		d.wait(time.Minute)
		polls.Wait()
	}
	roundsTook := time.Since(start)

	// Drain: no more faults are added; those queued are used up.
	ctx := context.Background()
	store, err := storage.Open(ctx, filepath.Join(dir, "chaos.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	d.start(proxy.URL(), n+1)
	drainStart := time.Now()
	var rep report
	for deadline := time.Now().Add(3 * time.Minute); ; {
		alerts, err := store.Alerts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rep = tally(alerts, fake.Messages(), news.all())
		// At least a few seconds: the daemon reconciles and polls first.
		if rep.settled() && time.Since(drainStart) > 3*time.Second || time.Now().After(deadline) {
			break
		}
		time.Sleep(300 * time.Millisecond)
	}
	drainTook := time.Since(drainStart)
	d.stop()
	if ps := d.wait(time.Minute); ps != nil && !ps.Success() {
		t.Errorf("the last daemon exited with %v after SIGTERM", ps)
	}

	t.Logf("chaos: %d rounds in %v (random kills %d, kills just before a post %d, just after Slack took a post %d, graceful stops %d, runs with Slack refusing connections %d, pactwatch poll beside the daemon %d)",
		st.rounds, roundsTook.Round(time.Millisecond), st.randomKills, st.killsBeforePost, st.killsAfterPost, st.graceful, st.refused, st.concurrentPolls)
	t.Logf("chaos: Slack faults queued by round: %s", formatCounts(st.faults))
	t.Logf("chaos: drained in %v; %s", drainTook.Round(time.Millisecond), rep.summary())
	for _, p := range rep.problems {
		t.Error(p)
	}
	if !rep.settled() {
		t.Errorf("outbox not drained after 3 minutes: %s", formatCounts(rep.byState))
	}
}

// injectFault queues one Slack fault for the round (or none) and names it.
func injectFault(rng *rand.Rand, fake *fakeslack.Server) string {
	const post = "chat.postMessage"
	switch rng.IntN(20) {
	case 0, 1:
		fake.FailNext(1+rng.IntN(2), fakeslack.HTTPStatus(500).On(post))
		return "500"
	case 2, 3:
		fake.FailNext(1, fakeslack.HTTPStatus(503).Recorded().On(post))
		return "posted then 503"
	case 4:
		fake.FailNext(1, fakeslack.Dropped().On(post))
		return "dropped"
	case 5, 6:
		fake.FailNext(1, fakeslack.Dropped().Recorded().On(post))
		return "posted then dropped"
	case 7, 8:
		fake.FailNext(1, fakeslack.RateLimited(1+rng.IntN(2)).On(post))
		return "429 Retry-After"
	case 9:
		fake.FailNext(1+rng.IntN(2), fakeslack.HTTPStatus(503).On("conversations.history"))
		return "history 503"
	case 10:
		fake.FailNext(1, fakeslack.HTTPStatus(502).On("conversations.replies"))
		return "replies 502"
	case 11:
		fake.FailNext(1, fakeslack.SlackError("channel_not_found").On(post))
		return "channel_not_found"
	}
	return "none"
}

// report is what tally found.
type report struct {
	alerts, messages                  int
	byState, byKind                   map[string]int
	lost, duplicates, outOfOrder      int
	phantoms, badThreads, undelivered int
	stories                           int
	problems                          []string
}

// settled says the outbox has nothing left to deliver and every story
// published has its alerts.
func (r report) settled() bool {
	return r.byState[storage.StatePending] == 0 && r.byState[storage.StateSending] == 0 && r.lost == 0
}

func (r report) summary() string {
	return fmt.Sprintf("stories %d; alerts %d (%s; %s); Slack messages %d; lost %d, undelivered %d, duplicates %d, out of order %d, unknown messages %d, wrong threads %d",
		r.stories, r.alerts, formatCounts(r.byKind), formatCounts(r.byState), r.messages,
		r.lost, r.undelivered, r.duplicates, r.outOfOrder, r.phantoms, r.badThreads)
}

// tally checks the outbox against Slack and against the news published:
//   - each story has one top-level alert for its agreement and one
//     source_added reply per further feed (else lost, or duplicated);
//   - each delivered alert is in Slack exactly once (by the metadata id),
//     under its stored ts, replies in their parent's thread; each failed one
//     is not in Slack and has a delivery_failed notice (unless it was one,
//     or was for the admin channel);
//   - each channel's messages are in the order the alerts were made.
func tally(alerts []storage.Alert, msgs []fakeslack.Message, stories []*story) report {
	r := report{alerts: len(alerts), messages: len(msgs), stories: len(stories),
		byState: map[string]int{}, byKind: map[string]int{}}
	problem := func(format string, args ...any) {
		if len(r.problems) < 40 {
			r.problems = append(r.problems, fmt.Sprintf(format, args...))
		}
	}
	byID := map[string]storage.Alert{}
	bySeq := map[int64]storage.Alert{}
	top := map[string][]storage.Alert{}     // by story link
	replies := map[string][]storage.Alert{} // by story link
	notices := map[string]int{}             // by failed alert id
	for _, a := range alerts {
		byID[a.ID], bySeq[a.Seq] = a, a
		r.byState[a.State]++
		r.byKind[a.Kind]++
		switch {
		case a.Kind == storage.KindSourceAdded && a.Item != nil:
			replies[a.Item.Link] = append(replies[a.Item.Link], a)
		case a.Kind == storage.KindDeliveryFailed && a.Failed != nil:
			notices[a.Failed.ID]++
		case a.Item != nil:
			top[a.Item.Link] = append(top[a.Item.Link], a)
		}
	}
	for _, st := range stories {
		want := strings.ToLower(topics[st.agreement])
		switch got := top[st.link]; {
		case len(got) == 0:
			r.lost++
			problem("story %s (%s) has no alert", st.link, want)
		case len(got) > 1:
			r.duplicates += len(got) - 1
			problem("story %s has %d alerts", st.link, len(got))
		case got[0].Agreement != want:
			problem("story %s alerted for %s, want %s", st.link, got[0].Agreement, want)
		}
		switch got := len(replies[st.link]); {
		case got < len(st.feeds)-1:
			r.lost += len(st.feeds) - 1 - got
			problem("story %s in %d feeds has %d replies", st.link, len(st.feeds), got)
		case got > len(st.feeds)-1:
			r.duplicates += got - (len(st.feeds) - 1)
			problem("story %s in %d feeds has %d replies", st.link, len(st.feeds), got)
		}
	}

	posted := map[string][]fakeslack.Message{}
	lastSeq := map[string]int64{}
	for _, m := range msgs {
		id, _ := m.Metadata.EventPayload["id"].(string)
		a, known := byID[id]
		if m.Metadata.EventType != "pactwatch_alert" || !known {
			r.phantoms++
			problem("message %s in %s is no alert of the outbox: %.80q", m.TS, m.Channel, m.Text)
			continue
		}
		posted[id] = append(posted[id], m)
		if len(posted[id]) > 1 {
			continue // counted as a duplicate below
		}
		if a.Seq < lastSeq[m.Channel] {
			r.outOfOrder++
			problem("alert %d posted in %s after alert %d", a.Seq, m.Channel, lastSeq[m.Channel])
		}
		lastSeq[m.Channel] = max(lastSeq[m.Channel], a.Seq)
	}
	for _, a := range alerts {
		got := posted[a.ID]
		switch a.State {
		case storage.StateDelivered:
			switch {
			case len(got) == 0:
				r.lost++
				problem("alert %d (%s) marked delivered but not in Slack", a.Seq, a.ID)
				continue
			case len(got) > 1:
				r.duplicates += len(got) - 1
				problem("alert %d (%s, %s) posted %d times", a.Seq, a.ID, a.Kind, len(got))
			}
			if got[0].TS != a.TS || got[0].Channel != a.Channel {
				problem("alert %d stored as %s %s, posted as %s %s", a.Seq, a.Channel, a.TS, got[0].Channel, got[0].TS)
			}
			if p, ok := bySeq[a.ParentSeq]; ok && p.State == storage.StateDelivered && got[0].ThreadTS != p.TS {
				r.badThreads++
				problem("reply %d in thread %q, want its parent's %q", a.Seq, got[0].ThreadTS, p.TS)
			}
		case storage.StateFailed:
			if len(got) > 0 {
				r.duplicates += len(got)
				problem("alert %d failed for good but is in Slack %d times", a.Seq, len(got))
			}
			if a.Channel != adminChannel && a.Kind != storage.KindDeliveryFailed && notices[a.ID] != 1 {
				problem("alert %d failed (%s) with %d admin notices, want 1", a.Seq, a.LastError, notices[a.ID])
			}
		default:
			r.undelivered++
			if len(got) > 1 {
				r.duplicates += len(got) - 1
				problem("alert %d (%s) posted %d times and still %s", a.Seq, a.ID, len(got), a.State)
			}
		}
	}
	return r
}

func formatCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return "\n" + strings.Join(lines[max(len(lines)-n, 0):], "\n")
}
