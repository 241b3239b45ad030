package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
	"github.com/pactwatch/pactwatch/storage"
)

func TestReconcileAfterCrash(t *testing.T) {
	tests := []struct {
		name string
		// posted: Slack got the message before the crash.
		posted bool
		// reply: the stuck alert is a thread reply (found with
		// conversations.replies, not conversations.history).
		reply bool
		// historyDown: History fails during Reconcile.
		historyDown bool
		// wantState is the state after Reconcile.
		wantState string
	}{
		// In Slack already: marked delivered with that ts, not posted again.
		{"posted", true, false, false, storage.StateDelivered},
		// A reply in Slack already: found in its thread.
		{"posted reply", true, true, false, storage.StateDelivered},
		// Never reached Slack: back to pending, then posted once.
		{"not posted", false, false, false, storage.StatePending},
		// A reply that never reached Slack: the same.
		{"reply not posted", false, true, false, storage.StatePending},
		// Slack cannot be asked: left sending; DeliverDue asks again first.
		{"history down, posted", true, false, true, storage.StateSending},
		// The same for an alert that is not in Slack.
		{"history down, not posted", false, false, true, storage.StateSending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			a := e.enqueue(storage.Alert{Channel: "C1"})
			thread := ""
			if tt.reply {
				e.deliver()
				thread = e.alert(a.Seq).TS
				a = e.enqueue(storage.Alert{Kind: storage.KindSourceAdded, Channel: "C1", ParentSeq: a.Seq})
			}
			// The crash: marked sending, maybe posted, never marked delivered.
			if err := e.store.MarkSending(e.ctx, a.Seq); err != nil {
				t.Fatal(err)
			}
			wantTS := ""
			if tt.posted {
				var err error
				if wantTS, err = e.poster.Post(e.ctx, "C1", thread, Render(e.alert(a.Seq))); err != nil {
					t.Fatal(err)
				}
			}
			before := len(e.slack.Messages())
			if tt.historyDown {
				e.slack.FailNext(1, fakeslack.HTTPStatus(503))
			}

			d := e.deliverer() // a fresh process
			err := d.Reconcile(e.ctx)
			if (err != nil) != tt.historyDown {
				t.Errorf("Reconcile error %v, want one: %v", err, tt.historyDown)
			}
			if got := e.alert(a.Seq); got.State != tt.wantState || got.State == storage.StateDelivered && got.TS != wantTS {
				t.Errorf("after Reconcile: %s %q, want %s %q", got.State, got.TS, tt.wantState, wantTS)
			}
			if _, err := d.DeliverDue(e.ctx); err != nil {
				t.Fatal(err)
			}
			wantPosts := before
			if !tt.posted {
				wantPosts++
			}
			if got := len(e.slack.Messages()); got != wantPosts {
				t.Errorf("%d messages after DeliverDue, want %d", got, wantPosts)
			}
			got := e.alert(a.Seq)
			if got.State != storage.StateDelivered || tt.posted && got.TS != wantTS {
				t.Errorf("after DeliverDue: %s %q, want delivered", got.State, got.TS)
			}
			if m := e.slack.Messages()[wantPosts-1]; payloadID(m) != a.ID || m.TS != got.TS || m.ThreadTS != thread {
				t.Errorf("last message %s (alert %s) in thread %q, want alert %s in thread %q", m.TS, payloadID(m), m.ThreadTS, a.ID, thread)
			}
		})
	}
}

// A crash after an answer that leaves it unknown whether Slack posted the
// alert (a 5xx, a cut connection): the next process looks before posting,
// so the alert is in Slack exactly once either way.
func TestCrashAfterAnUnsureFailure(t *testing.T) {
	tests := []struct {
		name  string
		fault fakeslack.Fault
		// historyFault, when set, fails the first look in Slack.
		historyFault *fakeslack.Fault
	}{
		// Posted, then 500; the process dies before the retry.
		{"posted then 500", fakeslack.HTTPStatus(500).Recorded(), nil},
		// Posted, then the connection was cut.
		{"posted then dropped", fakeslack.Dropped().Recorded(), nil},
		// Not posted: 500, then the crash; it is posted after the restart.
		{"500", fakeslack.HTTPStatus(500), nil},
		// Posted, and after the restart history answers 503 once: the alert
		// must stay "sending" through that retry too.
		{"posted, history down", fakeslack.HTTPStatus(500).Recorded(), new(fakeslack.HTTPStatus(503).On("conversations.history"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.slack.FailNext(1, tt.fault.On("chat.postMessage"))
			a := e.enqueue(storage.Alert{Channel: "C1"})
			e.deliver()
			if got := e.alert(a.Seq).State; got != storage.StateSending {
				t.Fatalf("after the unsure failure: %s, want sending", got)
			}
			// The crash: this Deliverer is gone. A fresh one starts later.
			e.clock.Advance(time.Hour)
			if tt.historyFault != nil {
				e.slack.FailNext(1, *tt.historyFault)
			}
			d := e.deliverer()
			_ = d.Reconcile(e.ctx) // an error leaves it sending, for DeliverDue
			for range 5 {
				if _, err := d.DeliverDue(e.ctx); err != nil {
					t.Fatal(err)
				}
				e.clock.Advance(time.Minute)
			}
			msgs := e.slack.Messages("C1")
			if len(msgs) != 1 || payloadID(msgs[0]) != a.ID {
				t.Fatalf("%d messages in C1, want the alert exactly once", len(msgs))
			}
			if got := e.alert(a.Seq); got.State != storage.StateDelivered || got.TS != msgs[0].TS {
				t.Errorf("stored %s %q, want delivered %q", got.State, got.TS, msgs[0].TS)
			}
		})
	}
}

// A lookup in Slack that fails while the alert is "sending" keeps it so:
// were it put back to pending, the next attempt would post without looking.
func TestFailedLookupKeepsTheAlertSending(t *testing.T) {
	e := newEnv(t)
	e.slack.FailNext(1, fakeslack.HTTPStatus(500).Recorded().On("chat.postMessage"))
	a := e.enqueue(storage.Alert{Channel: "C1"})
	e.deliver() // posted, 500: sending
	e.slack.FailNext(1, fakeslack.HTTPStatus(503).On("conversations.history"))
	e.clock.Advance(time.Hour)
	e.deliver() // the look fails with 503
	if got := e.alert(a.Seq); got.State != storage.StateSending || !strings.Contains(got.LastError, "look for an earlier post") {
		t.Errorf("after a failed look: %s %q, want sending", got.State, got.LastError)
	}
	e.clock.Advance(time.Hour)
	e.deliver()
	if got := len(e.slack.Messages("C1")); got != 1 {
		t.Errorf("%d messages, want 1", got)
	}
}
