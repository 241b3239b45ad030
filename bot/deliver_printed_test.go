package bot

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// Alerts printed without a bot token are not consumed: they stay printed,
// are not printed again, and once a token is configured the ones made
// within backfill go to Slack (threads kept), the older ones do not; a
// recent reply to an old alert is posted on its own.
func TestPrintedAlertsGoToSlackOnceATokenIsSet(t *testing.T) {
	e := newEnv(t)
	old := e.enqueue(storage.Alert{})
	e.clock.Advance(10 * 24 * time.Hour)
	recent := e.enqueue(storage.Alert{})
	reply := e.enqueue(storage.Alert{Kind: storage.KindSourceAdded, ParentSeq: recent.Seq})
	oldReply := e.enqueue(storage.Alert{Kind: storage.KindSourceAdded, ParentSeq: old.Seq})

	var out bytes.Buffer
	printer := e.deliverer()
	printer.Poster, printer.History, printer.Printing = NewWriterPoster(&out), nil, true
	if n, err := printer.DeliverDue(e.ctx); err != nil || n != 4 {
		t.Fatalf("printing: %d, %v; want 4 printed", n, err)
	}
	if got := strings.Count(out.String(), "posted:"); got != 4 {
		t.Errorf("%d alerts printed, want 4:\n%s", got, out.String())
	}
	for _, a := range []storage.Alert{old, recent, reply, oldReply} {
		if st := e.alert(a.Seq).State; st != storage.StatePrinted {
			t.Errorf("alert %d is %s after printing, want printed", a.Seq, st)
		}
	}
	// Printing again prints nothing: each alert is printed once.
	if n, _ := printer.DeliverDue(e.ctx); n != 0 {
		t.Errorf("second print round printed %d, want 0", n)
	}
	if err := printer.Close(); err != nil {
		t.Fatal(err)
	}

	slack := e.deliverer()
	slack.Backfill = config.Backfill{Window: 7 * 24 * time.Hour}
	if n, err := slack.DeliverDue(e.ctx); err != nil || n != 3 {
		t.Fatalf("with a token: delivered %d, %v; want the 3 recent ones", n, err)
	}
	msgs := e.slack.Messages()
	if len(msgs) != 3 || msgs[0].ThreadTS != "" || msgs[1].ThreadTS != msgs[0].TS || msgs[2].ThreadTS != "" {
		t.Fatalf("posted %+v; want the recent alert, its reply in its thread, the old one's reply alone", msgs)
	}
	for a, want := range map[int64]string{old.Seq: storage.StatePrinted, oldReply.Seq: storage.StateDelivered,
		recent.Seq: storage.StateDelivered, reply.Seq: storage.StateDelivered} {
		if st := e.alert(a).State; st != want {
			t.Errorf("alert %d is %s, want %s", a, st, want)
		}
	}
	// A restart finds nothing more to send.
	if err := slack.Close(); err != nil {
		t.Fatal(err)
	}
	if n, _ := e.deliverer().DeliverDue(e.ctx); n != 0 || len(e.slack.Messages()) != 3 {
		t.Errorf("after a restart: delivered %d more", n)
	}
}

// With backfill "all", every printed alert goes to Slack.
func TestPrintedAlertsBackfillAll(t *testing.T) {
	e := newEnv(t)
	e.enqueue(storage.Alert{})
	e.clock.Advance(400 * 24 * time.Hour)
	printer := e.deliverer()
	printer.Poster, printer.History, printer.Printing = NewWriterPoster(&bytes.Buffer{}), nil, true
	if n, err := printer.DeliverDue(e.ctx); err != nil || n != 1 {
		t.Fatalf("printing: %d, %v", n, err)
	}
	printer.Close()
	slack := e.deliverer()
	slack.Backfill = config.Backfill{All: true}
	if n, err := slack.DeliverDue(e.ctx); err != nil || n != 1 {
		t.Fatalf("with a token: delivered %d, %v; want 1", n, err)
	}
}
