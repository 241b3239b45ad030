package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
)

const testRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
<item>
  <title>Russia and China sign cybersecurity pact</title>
  <link>https://wire.example/2015/05/pact?utm_source=rss</link>
  <guid isPermaLink="false">wire-1</guid>
  <pubDate>Fri, 08 May 2015 12:00:00 +0000</pubDate>
  <description>Russia and China signed an agreement on information security in Moscow on Friday.</description>
</item>
<item>
  <title>Chinatown merchants hit by card skimmers</title>
  <link>https://wire.example/2015/05/chinatown</link>
  <guid isPermaLink="false">wire-2</guid>
  <pubDate>Sat, 09 May 2015 12:00:00 +0000</pubDate>
  <description>Police said a Russian crew used cyber skimmers; the shops reached a deal with their bank.</description>
</item>
</channel></rss>`

// writeConfig writes a config over the given feed URLs into a temp folder.
func writeConfig(t *testing.T, extra string, feeds ...string) string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("timezone: UTC\ndatabase: pw.db\nbackfill: all\n" + extra +
		"slack:\n  token: ${SLACK_BOT_TOKEN:-}\n  signing_secret: ${SLACK_SIGNING_SECRET:-}\n  channel: C0POLICY\n  admin_channel: C0ADMIN\nfeeds:\n")
	for i, f := range feeds {
		fmt.Fprintf(&b, "  - id: feed%d\n    url: %s\n", i+1, f)
	}
	b.WriteString("corroborate: 1\n") // one outlet per event in these feeds
	b.WriteString(`agreements:
  - id: ru-cn-cyber
    name: Russia–China cyber pact
    kind: pact
    parties: [Russia, China]
    status: rumored
    channel: C0CYBER
    match: '(Russia OR Russian) AND (China OR Chinese) AND cyber* AND (pact OR agreement OR deal)'
`)
	path := filepath.Join(dir, "pactwatch.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func feedServer(t *testing.T, body string) (*httptest.Server, *atomic.Int32) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// TestPollPostsOneAlertOnce is the foundation end to end: a feed item
// becomes exactly one Slack message with the right channel, text and
// metadata; a second poll and a daemon start post nothing more.
func TestPollPostsOneAlertOnce(t *testing.T) {
	feedSrv, _ := feedServer(t, testRSS)
	slack := fakeslack.New(t)
	cfg := writeConfig(t, "", feedSrv.URL+"/rss")
	e, _, errOut := testEnv(map[string]string{"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": slack.URL()})

	if code := run(context.Background(), []string{"poll", "--config", cfg}, e); code != exitOK {
		t.Fatalf("poll exited %d: %s", code, errOut)
	}
	msgs := slack.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages posted, want 1: %+v\nstderr: %s", len(msgs), msgs, errOut)
	}
	m := msgs[0]
	if m.Channel != "C0CYBER" {
		t.Errorf("posted to %s, want the agreement's channel C0CYBER", m.Channel)
	}
	if !strings.Contains(m.Text, "Russia–China cyber pact") || !strings.Contains(m.Text, "signed") {
		t.Errorf("text %q does not name the agreement and its status", m.Text)
	}
	if m.Metadata.EventType != "pactwatch_alert" {
		t.Errorf("event_type %q", m.Metadata.EventType)
	}
	p := m.Metadata.EventPayload
	item, _ := p["item"].(map[string]any)
	want := map[string]any{"kind": "status_change", "agreement": "ru-cn-cyber", "status": "signed",
		"previous_status": "rumored", "detected_status": "signed"}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("payload %s = %v, want %v", k, p[k], v)
		}
	}
	if id, _ := p["id"].(string); id == "" {
		t.Error("payload has no alert id")
	}
	if item["guid"] != "wire-1" || item["link"] != "https://wire.example/2015/05/pact" || item["feed"] != "feed1" ||
		item["title"] != "Russia and China sign cybersecurity pact" {
		t.Errorf("payload item = %v", item)
	}

	// A second poll: nothing new.
	if code := run(context.Background(), []string{"poll", "--config", cfg}, e); code != exitOK {
		t.Fatalf("second poll exited %d: %s", code, errOut)
	}
	// A daemon start (a restart): it polls at once, and posts nothing.
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	e, _, errOut = testEnv(map[string]string{"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": slack.URL()})
	go func() { done <- run(ctx, []string{"run", "--config", cfg}, e) }()
	waitFor(t, 10*time.Second, func() bool { return strings.Contains(errOut.String(), "first round done") })
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("run exited %d: %s", code, errOut)
	}
	if n := len(slack.Messages()); n != 1 {
		t.Errorf("after a second poll and a restart %d messages, want 1", n)
	}
}

// TestPollGoesOnPastBrokenFeeds checks that a feed that errors, one that is
// not a feed and one that is unreachable are reported while the good feed
// still alerts, and poll exits 0.
func TestPollGoesOnPastBrokenFeeds(t *testing.T) {
	good, _ := feedServer(t, testRSS)
	html, _ := feedServer(t, "<!DOCTYPE html><html><body>Hello</body></html>")
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusBadGateway)
	}))
	defer broken.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	cfg := writeConfig(t, "", broken.URL, html.URL, closed.URL, good.URL, "missing.xml")
	e, out, errOut := testEnv(nil) // no token: alerts on stdout

	if code := run(context.Background(), []string{"poll", "--config", cfg}, e); code != exitOK {
		t.Fatalf("poll exited %d: %s", code, errOut)
	}
	for _, want := range []string{"feed feed1: ", "502", "feed feed2: ", "HTML", "feed feed3: ", "feed feed5: ", "(4 failed)"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr does not report %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out.String(), "Russia and China sign cybersecurity pact") {
		t.Errorf("the good feed's alert was not printed:\n%s", out)
	}
}

// TestBadConfigIsRefused checks that check and poll refuse a bad config with
// FILE:LINE errors and start nothing.
func TestBadConfigIsRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.yaml")
	os.WriteFile(path, []byte("feeds:\n  - id: a\n    url: a.xml\n    schedul: '@every 1m'\nagreements:\n  - id: x\n    name: X\n    kind: pact\n    match: 'a AND ('\n"), 0o644)
	for _, cmd := range []string{"check", "poll", "run"} {
		e, _, errOut := testEnv(nil)
		if code := run(context.Background(), []string{cmd, "--config", path}, e); code != exitFailed {
			t.Errorf("%s exited %d, want %d", cmd, code, exitFailed)
		}
		for _, want := range []string{path + ":4: ", "schedul", path + ":9: ", "column"} {
			if !strings.Contains(errOut.String(), want) {
				t.Errorf("%s: stderr lacks %q:\n%s", cmd, want, errOut)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "pactwatch.db")); err == nil {
		t.Error("a database was created for a bad config")
	}
}

// TestExampleConfig checks that the README's first command works: the
// bundled example polls with no network and no Slack, prints alerts, and
// says nothing new the second time.
func TestExampleConfig(t *testing.T) {
	dir := copyDir(t, filepath.Join("..", "..", "examples"))
	cfg := filepath.Join(dir, "pactwatch.yaml")
	e, out, errOut := testEnv(nil)
	if code := run(context.Background(), []string{"check", "--config", cfg}, e); code != exitOK {
		t.Fatalf("check exited %d: %s", code, errOut)
	}
	if code := run(context.Background(), []string{"poll", "--config", cfg}, e); code != exitOK {
		t.Fatalf("poll exited %d: %s", code, errOut)
	}
	for _, want := range []string{"[status_change] Russia–China cyber pact", "[deadline_passed]", "US–Russia cybersecurity working group"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("example output lacks %q:\n%s", want, out)
		}
	}
	before := out.String()
	if code := run(context.Background(), []string{"poll", "--config", cfg}, e); code != exitOK {
		t.Fatalf("second poll exited %d", code)
	}
	if out.String() != before {
		t.Errorf("second poll printed more alerts:\n%s", strings.TrimPrefix(out.String(), before))
	}
	if code := run(context.Background(), []string{"status", "--config", cfg, "russia", "china"}, e); code != exitOK {
		t.Fatalf("status exited %d: %s", code, errOut)
	}
	if !strings.Contains(out.String(), "ru-cn-cyber): signed") {
		t.Errorf("status does not say signed:\n%s", out)
	}
}

// TestHealthz boots the daemon on port 0 and checks the health and metrics
// endpoints and a graceful stop.
func TestHealthz(t *testing.T) {
	feedSrv, _ := feedServer(t, testRSS)
	cfg := writeConfig(t, "listen: 127.0.0.1:0\n", feedSrv.URL)
	e, _, errOut := testEnv(nil)
	ctx, cancel := context.WithCancel(context.Background())
	c := &common{config: cfg, logFormat: "text", logLevel: "info"}
	conf, store, log, ok := c.open(ctx, e)
	if !ok {
		t.Fatalf("open: %s", errOut)
	}
	defer store.Close()
	d, err := newDaemon(conf, store, e, log)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- d.Run(ctx) }()
	waitFor(t, 10*time.Second, func() bool { return strings.Contains(errOut.String(), "first round done") })
	if code := get(t, "http://"+d.Addr()+"/healthz"); code != http.StatusOK {
		t.Errorf("/healthz answered %d", code)
	}
	resp, err := http.Get("http://" + d.Addr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`pactwatch_polls_total{feed="feed1",outcome="ok"} 1`, `pactwatch_items_new_total{feed="feed1"} 2`,
		`pactwatch_alerts{kind="status_change",state="printed"} 1`, "pactwatch_outbox_depth 0",
		"pactwatch_delivery_latency_seconds_count 0", `pactwatch_feed_consecutive_failures{feed="feed1"} 0`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get("http://" + d.Addr() + "/healthz"); err == nil {
		t.Error("still serving after stop")
	}
}

func waitFor(t *testing.T, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The README's first command, then the same config with a token: what was
// printed without Slack goes to Slack, once.
func TestPrintedThenSlack(t *testing.T) {
	feedSrv, _ := feedServer(t, testRSS)
	slack := fakeslack.New(t)
	cfg := writeConfig(t, "", feedSrv.URL+"/rss")
	e, out, errOut := testEnv(map[string]string{"SLACK_API_URL": slack.URL()})
	if code := run(context.Background(), []string{"poll", "--config", cfg}, e); code != exitOK {
		t.Fatalf("poll without a token exited %d: %s", code, errOut)
	}
	if !strings.Contains(out.String(), "[status_change]") || !strings.Contains(errOut.String(), "1 printed (kept for Slack)") {
		t.Fatalf("without a token: stdout %q, stderr %q; want the alert printed", out, errOut)
	}
	e, _, errOut = testEnv(map[string]string{"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": slack.URL()})
	for range 2 {
		if code := run(context.Background(), []string{"poll", "--config", cfg}, e); code != exitOK {
			t.Fatalf("poll with a token exited %d: %s", code, errOut)
		}
	}
	if msgs := slack.Messages(); len(msgs) != 1 || msgs[0].Channel != "C0CYBER" {
		t.Fatalf("Slack got %d messages, want the printed alert once in C0CYBER: %+v\nstderr: %s", len(msgs), msgs, errOut)
	}
}
