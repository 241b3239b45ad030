package chaos

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
	"github.com/pactwatch/pactwatch/storage"
)

// litestreamVersion is the Litestream .ci/run installs from the Go module
// proxy, and the one compose.yaml runs.
const litestreamVersion = "v0.5.18"

// litestream finds the litestream binary: $PACTWATCH_LITESTREAM, else
// litestream on PATH, else the drill is skipped.
func litestream(t *testing.T) string {
	if p := os.Getenv("PACTWATCH_LITESTREAM"); p != "" {
		return p
	}
	p, err := exec.LookPath("litestream")
	if err != nil {
		t.Skipf("litestream is not installed, so the disaster drill cannot run: "+
			"go install github.com/benbjohnson/litestream/cmd/litestream@%s (.ci/run does), "+
			"or set PACTWATCH_LITESTREAM to its path", litestreamVersion)
	}
	return p
}

// TestLitestreamDrill loses the machine and gets it back from the replica:
// pactwatch runs with a Litestream sidecar replicating its database to a
// folder (the "other machine"), news comes in and alerts go to a fake
// Slack; replication stalls for a last wave of news, then both processes
// are killed once its alerts are posted, the database is restored from
// the replica into an
// empty folder, and pactwatch starts there on the same feeds and Slack.
// Every story must be in Slack once: none lost, none repeated, the alerts
// posted after the last replicated change being found again in Slack's
// history. It reports the replication lag it sampled on the way.
func TestLitestreamDrill(t *testing.T) {
	ls := litestream(t)
	if testing.Short() {
		t.Skip("the drill takes about half a minute")
	}
	bin := binary(t)
	root := t.TempDir()
	live, replica, restored := filepath.Join(root, "live"), filepath.Join(root, "replica"), filepath.Join(root, "restored")
	for _, d := range []string{live, replica, restored} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, seed>>5))
	t.Logf("drill: seed %d", seed)
	news := newNewsServer(t, chaosFeeds)
	fake := fakeslack.New(t)
	config := writeConfig(t, live, news)
	liveDB := filepath.Join(live, "chaos.db")

	d := newDaemon(t, bin, config, filepath.Join(root, "live.log"))
	defer func() {
		if t.Failed() {
			t.Logf("live daemon log: %s", tail(filepath.Join(root, "live.log"), 40))
			t.Logf("restored daemon log: %s", tail(filepath.Join(root, "restored.log"), 60))
		}
	}()
	d.start(fake.URL(), 1)
	waitFile(t, liveDB)
	lsConfig := filepath.Join(root, "litestream.yml")
	writeLitestreamConfig(t, lsConfig, liveDB, replica)
	sidecar := startLitestream(t, ls, lsConfig, filepath.Join(root, "litestream.log"))

	// News in waves while the replica is sampled: when each delivered alert
	// first shows as delivered in a restore of the replica is its lag.
	sampler := newLagSampler(t, ls, replica, filepath.Join(root, "samples"))
	stopSampling := sampler.run()
	for range 8 {
		news.publish(rng, 3)
		waitForMessages(t, fake, news, 20*time.Second)
		time.Sleep(time.Duration(300+rng.IntN(900)) * time.Millisecond)
	}
	// The last wave while replication is stalled (the sidecar stopped, as
	// by a network cut), and the machine dies once Slack took it: these
	// alerts, and the news that made them, are not in the replica.
	lags := stopSampling()
	_ = sidecar.Process.Signal(syscall.SIGSTOP)
	news.publish(rng, 4)
	waitForMessages(t, fake, news, 20*time.Second)
	d.kill()
	_ = sidecar.Process.Signal(syscall.SIGKILL)
	killedAt := time.Now()
	d.wait(time.Minute)
	_ = sidecar.Wait()
	before := fake.Messages()

	// Restore into an empty folder and start there.
	restoredDB := filepath.Join(restored, "chaos.db")
	out, err := exec.Command(ls, "restore", "-o", restoredDB, "file://"+replica).CombinedOutput()
	if err != nil {
		t.Fatalf("litestream restore: %v\n%s", err, out)
	}
	replicated := deliveredIDs(t, restoredDB)
	notReplicated := 0
	var lastReplicated time.Time
	for _, m := range before {
		id, _ := m.Metadata.EventPayload["id"].(string)
		if !replicated[id] {
			notReplicated++
		} else if at := tsTime(m.TS); at.After(lastReplicated) {
			lastReplicated = at
		}
	}
	cfgText, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	restoredConfig := filepath.Join(restored, "pactwatch.yaml")
	if err := os.WriteFile(restoredConfig, cfgText, 0o644); err != nil {
		t.Fatal(err)
	}
	d2 := newDaemon(t, bin, restoredConfig, filepath.Join(root, "restored.log"))
	d2.start(fake.URL(), 1)
	news.publish(rng, 2) // life goes on
	msgs := waitForMessages(t, fake, news, time.Minute)
	time.Sleep(3 * time.Second) // anything still to be posted twice would be by now
	msgs = fake.Messages()
	d2.stop()
	d2.wait(time.Minute)

	lost, repeated, problems := countAgainstNews(msgs, news.all())
	store, err := storage.Open(context.Background(), restoredDB)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	open, err := store.Alerts(context.Background(), storage.StatePending, storage.StateSending)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("drill: %d stories, %d Slack messages before the loss, %d of them after the last replicated change "+
		"(the last replicated post was %v before the kill)",
		len(news.all()), len(before), notReplicated, killedAt.Sub(lastReplicated).Round(time.Millisecond))
	t.Logf("drill: replication lag over %d alerts: median %v, max %v", len(lags), median(lags), slices.Max(append(lags, 0)))
	t.Logf("drill: after the restore, %d Slack messages in all; lost %d, repeated %d; %d alerts left undelivered",
		len(msgs), lost, repeated, len(open))
	for _, p := range problems {
		t.Error(p)
	}
	if notReplicated == 0 {
		t.Errorf("the drill lost nothing that Slack had: every post was replicated, so nothing was found again")
	}
	if len(open) > 0 {
		t.Errorf("%d alerts of the restored database are still undelivered", len(open))
	}
}

// writeLitestreamConfig writes the sidecar's config, replicating db to a
// folder every second (as compose.yaml does to its volume).
func writeLitestreamConfig(t *testing.T, path, db, replica string) {
	text := fmt.Sprintf("dbs:\n  - path: %s\n    replica:\n      type: file\n      path: %s\n      sync-interval: 1s\n", db, replica)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// startLitestream starts `litestream replicate`; the test kills it.
func startLitestream(t *testing.T, bin, config, logPath string) *exec.Cmd {
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	cmd := exec.Command(bin, "replicate", "-config", config)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		t.Fatalf("start litestream: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return cmd
}

func waitFile(t *testing.T, path string) {
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return
		}
	}
	t.Fatalf("%s was not created", path)
}

// waitForMessages waits until every story published is in Slack (once or
// more) with all its replies, and returns the messages.
func waitForMessages(t *testing.T, fake *fakeslack.Server, news *newsServer, timeout time.Duration) []fakeslack.Message {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		msgs := fake.Messages()
		lost, _, _ := countAgainstNews(msgs, news.all())
		if lost == 0 {
			return msgs
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v, %d alerts of the news are not in Slack", timeout, lost)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// countAgainstNews counts, story by story, the alerts Slack lacks (lost)
// and has more than once (repeated): one top-level message per story, and
// a reply for each further feed that carried it.
func countAgainstNews(msgs []fakeslack.Message, stories []*story) (lost, repeated int, problems []string) {
	top, replies := map[string]int{}, map[string]int{}
	for _, m := range msgs {
		item, _ := m.Metadata.EventPayload["item"].(map[string]any)
		link, _ := item["link"].(string)
		if m.ThreadTS != "" {
			replies[link]++
		} else {
			top[link]++
		}
	}
	for _, st := range stories {
		for _, c := range []struct {
			what      string
			got, want int
		}{{"alert", top[st.link], 1}, {"replies", replies[st.link], len(st.feeds) - 1}} {
			switch {
			case c.got < c.want:
				lost += c.want - c.got
				problems = append(problems, fmt.Sprintf("story %s: %d %s in Slack, want %d", st.link, c.got, c.what, c.want))
			case c.got > c.want:
				repeated += c.got - c.want
				problems = append(problems, fmt.Sprintf("story %s: %d %s in Slack, want %d", st.link, c.got, c.what, c.want))
			}
		}
	}
	return lost, repeated, problems
}

// lagSampler restores the replica again and again into a scratch folder,
// and notes when each alert first shows there as delivered.
type lagSampler struct {
	t                    *testing.T
	ls, replica, scratch string
	seen                 map[string]time.Time // alert id → first seen delivered in the replica
	postedAt             map[string]time.Time // alert id → when Slack took its message
}

func newLagSampler(t *testing.T, ls, replica, scratch string) *lagSampler {
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		t.Fatal(err)
	}
	return &lagSampler{t: t, ls: ls, replica: replica, scratch: scratch,
		seen: map[string]time.Time{}, postedAt: map[string]time.Time{}}
}

// run samples every 200 ms until the returned function is called, which
// returns each sampled alert's lag: from Slack taking its message to its
// first sighting, delivered, in a restore of the replica (so the lag of
// the replication and of the database recording the delivery, up to the
// 200 ms of sampling).
func (s *lagSampler) run() (stop func() []time.Duration) {
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		for n := 0; ; n++ {
			select {
			case <-done:
				return
			case <-time.After(200 * time.Millisecond):
			}
			s.sample(n)
		}
	}()
	return func() []time.Duration {
		close(done)
		<-finished
		var lags []time.Duration
		for id, at := range s.seen {
			lags = append(lags, max(at.Sub(s.postedAt[id]), 0))
		}
		sort.Slice(lags, func(i, j int) bool { return lags[i] < lags[j] })
		return lags
	}
}

func (s *lagSampler) sample(n int) {
	path := filepath.Join(s.scratch, fmt.Sprintf("sample-%d.db", n))
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm", ".lock"} {
			os.Remove(path + suffix)
		}
	}()
	if err := exec.Command(s.ls, "restore", "-o", path, "file://"+s.replica).Run(); err != nil {
		return // nothing replicated yet
	}
	now := time.Now()
	store, err := storage.Open(context.Background(), path)
	if err != nil {
		return
	}
	defer store.Close()
	alerts, err := store.Alerts(context.Background(), storage.StateDelivered)
	if err != nil {
		return
	}
	for _, a := range alerts {
		if _, ok := s.seen[a.ID]; !ok {
			s.seen[a.ID] = now
			s.postedAt[a.ID] = tsTime(a.TS) // when Slack took it
		}
	}
}

// deliveredIDs returns the ids of the alerts delivered in the database at
// path.
func deliveredIDs(t *testing.T, path string) map[string]bool {
	store, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open the restored database: %v", err)
	}
	defer store.Close()
	alerts, err := store.Alerts(context.Background(), storage.StateDelivered)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, a := range alerts {
		out[a.ID] = true
	}
	return out
}

// tsTime reads a Slack ts ("1700000000.000100") as a time.
func tsTime(ts string) time.Time {
	sec, frac, _ := strings.Cut(ts, ".")
	s, _ := strconv.ParseInt(sec, 10, 64)
	us, _ := strconv.ParseInt(frac, 10, 64)
	return time.Unix(s, us*1000)
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[len(d)/2]
}
