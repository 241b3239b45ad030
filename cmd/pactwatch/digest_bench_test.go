package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bot"
	"github.com/pactwatch/pactwatch/bot/fakeslack"
	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers"
)

// digestDay is a day of a busy channel: 1,000 mentions over 20 agreements
// on a daily digest, polled hourly, one story in ten carried by a second
// outlet. It returns the messages Slack received in the channel.
func digestDay(t testing.TB) (top, replies []fakeslack.Message, stories int) {
	ctx := context.Background()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("database: pw.db\nbackfill: all\ndigest:\n  schedule: \"0 8 * * *\"\n" +
		"slack:\n  token: xoxb-test\n  channel: C0POLICY\nfeeds:\n  - id: wire\n    name: The Wire\n    url: wire.xml\n" +
		"  - id: echo\n    url: echo.xml\nagreements:\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&b, "  - id: ag%02d\n    name: Agreement %02d\n    kind: deal\n    match: topic%02d\n    mentions: digest\n", i, i, i)
	}
	path := filepath.Join(dir, "pactwatch.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2015, 3, 2, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	store, err := storage.Open(ctx, cfg.Database, storage.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	w := watchers.New(cfg, store, watchers.Options{Now: clock})
	fs := fakeslack.New(t)
	sp := &bot.SlackPoster{Client: bot.NewSlackClient("xoxb-test", fs.URL())}
	d := &bot.Deliverer{Store: store, Poster: sp, History: sp, Now: clock, DefaultChannel: "C0POLICY",
		AdminChannel: "C0POLICY", Names: bot.FeedNames(func() *config.Config { return cfg }, store)}

	writeFeed := func(name, items string) {
		body := `<?xml version="1.0"?><rss version="2.0"><channel><title>` + name + `</title>` + items + `</channel></rss>`
		p := filepath.Join(dir, name+".xml")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		later := time.Now().Add(time.Duration(stories+1) * time.Second) // a new mtime for the conditional fetch
		os.Chtimes(p, later, later)
	}
	rss := func(guid, title string, at time.Time) string {
		return fmt.Sprintf(`<item><guid isPermaLink="false">%s</guid><link>https://news.example/%s</link><pubDate>%s</pubDate>`+
			`<title>%s</title><description>Officials met again; no decision was reported.</description></item>`,
			guid, guid, at.Format(time.RFC1123Z), title)
	}
	for hour := 0; hour < 24; hour++ {
		var wire, echo strings.Builder
		for ; stories < (hour+1)*1000/24; stories++ {
			at := now.Add(-time.Duration(stories%40) * time.Minute)
			title := fmt.Sprintf("Envoys hold round %d of topic%02d consultations in Geneva", stories, stories%20+1)
			wire.WriteString(rss(fmt.Sprintf("w%d", stories), title, at))
			if stories%10 == 0 {
				echo.WriteString(rss(fmt.Sprintf("e%d", stories), title, at.Add(5*time.Minute)))
			}
		}
		writeFeed("wire", wire.String())
		writeFeed("echo", echo.String())
		for _, f := range w.Poll(ctx).Feeds {
			if f.Err != nil {
				t.Fatalf("poll %s: %v", f.FeedID, f.Err)
			}
		}
		if _, err := d.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
	}
	// 08:00 the next day: the digest's cron run, then delivery.
	if _, err := w.GatherDigests(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := d.DeliverDue(ctx); err != nil {
		t.Fatal(err)
	}
	for _, m := range fs.Messages("C0POLICY") {
		if m.ThreadTS == "" {
			top = append(top, m)
		} else {
			replies = append(replies, m)
		}
	}
	return top, replies, stories
}

// TestDigestDay: a channel on a daily digest gets at most 5 posts a day
// from 1,000 mentions, the digest within Slack's limits, and no story lost
// (each is a line of the digest or of its thread).
func TestDigestDay(t *testing.T) {
	top, replies, stories := digestDay(t)
	t.Logf("1,000 mentions over 20 agreements, daily digest: %d posts in the channel, %d replies in the digest's thread", len(top), len(replies))
	if len(top) > 5 {
		t.Errorf("%d posts in the channel in a day, want at most 5", len(top))
	}
	lines, outlets := 0, 0
	outletsRe := regexp.MustCompile(`· \*(\d+) outlets\*`)
	for _, m := range append(top, replies...) {
		var blocks []struct {
			Type string `json:"type"`
			Text *struct {
				Text string `json:"text"`
			} `json:"text"`
		}
		if err := json.Unmarshal(m.Blocks, &blocks); err != nil {
			t.Fatal(err)
		}
		if len(blocks) > 50 {
			t.Errorf("a digest message of %d blocks", len(blocks))
		}
		total := 0
		for _, b := range blocks {
			if b.Text != nil {
				total += len([]rune(b.Text.Text))
				for _, l := range strings.Split(b.Text.Text, "\n") {
					if !strings.HasPrefix(l, "• ") {
						continue
					}
					lines++
					n := 1
					if m := outletsRe.FindStringSubmatch(l); m != nil {
						n, _ = strconv.Atoi(m[1])
					}
					outlets += n
				}
			}
		}
		if total > 12000 {
			t.Errorf("a digest message of %d characters of text", total)
		}
	}
	// Every report is in the digest: a line of its own, or an outlet
	// counted on the line of its event (the echo feed's copies, and the
	// same agreement's reports of the same hours, thread as one event).
	echoes := (stories + 9) / 10
	t.Logf("%d lines in the digest for %d stories and %d echoed copies; %d outlets counted", lines, stories, echoes, outlets)
	if outlets != stories+echoes {
		t.Errorf("%d outlets counted in the digest, want %d (%d stories, %d copies)", outlets, stories+echoes, stories, echoes)
	}
	if lines > stories || lines == 0 {
		t.Errorf("%d lines in the digest for %d stories", lines, stories)
	}
}

// BenchmarkDigestDay reports the posts a day a channel gets on a daily
// digest (go test ./cmd/pactwatch -run '^$' -bench DigestDay -benchtime 1x).
func BenchmarkDigestDay(b *testing.B) {
	for b.Loop() {
		top, replies, _ := digestDay(b)
		b.ReportMetric(float64(len(top)), "posts/day")
		b.ReportMetric(float64(len(replies)), "thread-replies/day")
	}
}

// TestDigestPartsFitSlack: however long and hostile the headlines and
// links, each part GatherDigests makes renders within Slack's limits with
// every story on a line: nothing is cut off a digest.
func TestDigestPartsFitSlack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "pactwatch.yaml")
	cfgText := "database: pw.db\ndigest:\n  schedule: \"0 8 * * *\"\nslack:\n  channel: C1\nfeeds:\n  - id: wire\n    url: wire.xml\nagreements:\n"
	for i := 0; i < 60; i++ {
		cfgText += fmt.Sprintf("  - id: ag%02d\n    name: %s %02d\n    kind: deal\n    match: topic%02d\n    mentions: digest\n",
			i, strings.Repeat("Agreement <&> ", 10), i, i)
	}
	if err := os.WriteFile(path, []byte(cfgText), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	store, err := storage.Open(ctx, cfg.Database)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	stories := 0
	err = store.InTx(ctx, func(tx *storage.Tx) error {
		for i := 0; i < 700; i++ {
			title := strings.Repeat("<b>&amp; | *bold* ", 1+i%40)
			link := "https://news.example/" + strings.Repeat("a&b|c", 1+(i*37)%320)
			a := &storage.Alert{Kind: storage.KindMention, Agreement: fmt.Sprintf("ag%02d", i%60), AgreementName: "Agreement",
				Channel: "C1", Status: "rumored", Hold: true,
				Item: &storage.ItemRef{GUID: fmt.Sprint(i), Link: link, Title: title, Feed: "wire"}}
			if _, err := tx.Enqueue(a); err != nil {
				return err
			}
			stories++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w := watchers.New(cfg, store, watchers.Options{})
	n, err := w.GatherDigests(ctx)
	if err != nil || n < 2 {
		t.Fatalf("GatherDigests = %d, %v", n, err)
	}
	due, err := store.Due(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, a := range due {
		m := bot.Render(a)
		raw, _ := json.Marshal(m.Blocks)
		var blocks []struct {
			Text *struct {
				Text string `json:"text"`
			} `json:"text"`
		}
		json.Unmarshal(raw, &blocks)
		if len(blocks) > 50 {
			t.Errorf("part %d: %d blocks", a.Digest.Part, len(blocks))
		}
		total := 0
		for _, b := range blocks {
			if b.Text != nil {
				total += len([]rune(b.Text.Text))
				lines += strings.Count("\n"+b.Text.Text, "\n• ")
			}
		}
		if total > 12000 {
			t.Errorf("part %d: %d characters", a.Digest.Part, total)
		}
	}
	if lines != stories {
		t.Errorf("%d story lines in %d parts, want %d", lines, len(due), stories)
	}
}
