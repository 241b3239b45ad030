package bot

import (
	"testing"

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
