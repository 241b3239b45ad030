package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
	"github.com/pactwatch/pactwatch/storage"
)

func TestDeliverOneAlert(t *testing.T) {
	e := newEnv(t)
	a := e.enqueue(renderFixtures()["status_change"])
	if n := e.deliver(); n != 1 {
		t.Fatalf("delivered %d, want 1", n)
	}
	msgs := e.slack.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages posted, want 1", len(msgs))
	}
	got, want := msgs[0], Render(a)
	if got.Channel != "C0CYBER" || got.ThreadTS != "" || got.Text != want.Text {
		t.Errorf("posted %q to %s (thread %q), want %q to C0CYBER", got.Text, got.Channel, got.ThreadTS, want.Text)
	}
	if got.Form.Get("unfurl_links") != "false" || got.Form.Get("unfurl_media") != "false" {
		t.Errorf("unfurls not turned off: %v", got.Form)
	}
	var gotBlocks, wantBlocks any
	wantJSON, _ := json.Marshal(want.Blocks)
	_ = json.Unmarshal(wantJSON, &wantBlocks)
	if err := json.Unmarshal(got.Blocks, &gotBlocks); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantBlocks, gotBlocks); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	wantMeta := fakeslack.Metadata{EventType: "pactwatch_alert", EventPayload: map[string]any{
		"id": a.ID, "kind": "status_change", "agreement": "ru-cn-cyber",
		"status": "signed", "previous_status": "rumored", "detected_status": "signed",
		"item": map[string]any{"guid": fixtureItem.GUID, "link": fixtureItem.Link, "title": fixtureItem.Title, "feed": "thehill-cyber"},
	}}
	if diff := cmp.Diff(wantMeta, got.Metadata); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
	stored := e.alert(a.Seq)
	if stored.State != storage.StateDelivered || stored.TS != got.TS || stored.Channel != "C0CYBER" || stored.Attempts != 1 {
		t.Errorf("stored alert: state %s, ts %q, channel %s, attempts %d; want delivered, %q, C0CYBER, 1",
			stored.State, stored.TS, stored.Channel, stored.Attempts, got.TS)
	}
	if n := e.deliver(); n != 0 || len(e.slack.Messages()) != 1 {
		t.Errorf("second DeliverDue delivered %d, posted %d in all; want 0, 1", n, len(e.slack.Messages()))
	}
}

func TestDeliverToDefaultChannel(t *testing.T) {
	e := newEnv(t)
	a := e.enqueue(storage.Alert{})
	e.deliver()
	if msgs := e.slack.Messages("C0POLICY"); len(msgs) != 1 {
		t.Fatalf("%d messages in the default channel, want 1", len(msgs))
	}
	if got := e.alert(a.Seq).Channel; got != "C0POLICY" {
		t.Errorf("stored channel %q, want C0POLICY", got)
	}
}

func TestRepliesThreadOnTheParent(t *testing.T) {
	tests := []struct {
		name        string
		parentFault *fakeslack.Fault
		wantThread  bool
	}{
		// A delivered parent: the reply goes in its thread.
		{"parent delivered", nil, true},
		// A parent that failed for good: the reply is posted top-level.
		{"parent failed", &fakeslack.Fault{Method: "chat.postMessage", Error: "invalid_blocks"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			if tt.parentFault != nil {
				e.slack.FailNext(1, *tt.parentFault)
			}
			parent := e.enqueue(storage.Alert{Channel: "C1"})
			reply := e.enqueue(storage.Alert{Kind: storage.KindSourceAdded, Channel: "C1", ParentSeq: parent.Seq})
			e.deliver()
			msgs := e.slack.Messages("C1")
			if len(msgs) == 0 {
				t.Fatal("nothing posted")
			}
			last := msgs[len(msgs)-1]
			if !strings.Contains(strings.ToLower(last.Text), "also reported by") {
				t.Fatalf("last message %q is not the reply", last.Text)
			}
			wantThread := ""
			if tt.wantThread {
				wantThread = e.alert(parent.Seq).TS
			}
			if last.ThreadTS != wantThread {
				t.Errorf("reply thread %q, want %q", last.ThreadTS, wantThread)
			}
			if got := e.alert(reply.Seq); got.State != storage.StateDelivered || got.TS != last.TS {
				t.Errorf("reply stored as %s %q", got.State, got.TS)
			}
		})
	}
}

func TestRetriesAfterTransientErrors(t *testing.T) {
	tests := []struct {
		name  string
		fault fakeslack.Fault
		// wantPosts is how many chat.postMessage calls it takes.
		wantPosts int
	}{
		// A 500: retried after a second, posted once.
		{"500", fakeslack.HTTPStatus(500), 2},
		// A 503: the same.
		{"503", fakeslack.HTTPStatus(503), 2},
		// A cut connection: the same.
		{"dropped", fakeslack.Dropped(), 2},
		// Slack posted it but answered 500: found in history, not posted again.
		{"posted then 500", fakeslack.HTTPStatus(500).Recorded(), 1},
		// Slack posted it but the connection broke: the same.
		{"posted then dropped", fakeslack.Dropped().Recorded(), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.slack.FailNext(1, tt.fault.On("chat.postMessage"))
			a := e.enqueue(storage.Alert{Channel: "C1"})
			if n := e.deliver(); n != 0 {
				t.Fatalf("delivered %d on the failing attempt", n)
			}
			// Slack may have posted it: it stays "sending", so that even a
			// crash now leads to a look in Slack before the next post.
			if got := e.alert(a.Seq); got.State != storage.StateSending || got.Attempts != 1 || got.LastError == "" {
				t.Errorf("after the failure: state %s, attempts %d, error %q; want sending, 1, the error", got.State, got.Attempts, got.LastError)
			}
			e.clock.Advance(999 * time.Millisecond)
			if e.due(a.Seq) {
				t.Errorf("due again before the 1s backoff")
			}
			e.clock.Advance(time.Millisecond)
			if n := e.deliver(); n != 1 {
				t.Fatalf("delivered %d after the backoff, want 1", n)
			}
			if got := len(e.slack.Messages("C1")); got != 1 {
				t.Errorf("%d messages in the channel, want exactly 1", got)
			}
			if got := e.slack.Calls("chat.postMessage"); got != tt.wantPosts {
				t.Errorf("%d posts, want %d", got, tt.wantPosts)
			}
			if got := e.alert(a.Seq); got.State != storage.StateDelivered || got.TS != e.slack.Messages("C1")[0].TS {
				t.Errorf("stored as %s %q", got.State, got.TS)
			}
		})
	}
}

func TestRateLimitWaitsRetryAfter(t *testing.T) {
	e := newEnv(t)
	e.slack.FailNext(1, fakeslack.RateLimited(2).On("chat.postMessage"))
	a := e.enqueue(storage.Alert{Channel: "C1"})
	e.deliver()
	e.clock.Advance(1999 * time.Millisecond)
	if e.due(a.Seq) || e.deliver() != 0 {
		t.Errorf("retried before Retry-After")
	}
	e.clock.Advance(time.Millisecond)
	if n := e.deliver(); n != 1 {
		t.Errorf("delivered %d at Retry-After, want 1", n)
	}
	if got := e.slack.Calls("chat.postMessage"); got != 2 {
		t.Errorf("%d posts, want 2", got)
	}
}

// TestReplyToHeldMentionPostsTopLevel: a status change reported by another
// outlet of a mention held for the digest is posted at once, at the top
// level; the held mention itself is never posted alone.
func TestReplyToHeldMentionPostsTopLevel(t *testing.T) {
	e := newEnv(t)
	parent := e.enqueue(storage.Alert{Kind: storage.KindMention, Channel: "C1", Hold: true})
	reply := e.enqueue(storage.Alert{Kind: storage.KindSourceAdded, Channel: "C1", ParentSeq: parent.Seq,
		Agreement: "ru-cn-cyber", AgreementName: "Russia–China cyber pact", Status: "signed", PreviousStatus: "rumored"})
	e.deliver()
	msgs := e.slack.Messages("C1")
	if len(msgs) != 1 || msgs[0].ThreadTS != "" {
		t.Fatalf("posted %d messages (%+v), want the reply alone at the top level", len(msgs), msgs)
	}
	if got := e.alert(reply.Seq); got.State != storage.StateDelivered {
		t.Errorf("reply %s", got.State)
	}
	if got := e.alert(parent.Seq); got.State != storage.StateHeld {
		t.Errorf("held mention %s", got.State)
	}
}
