package bot

import (
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
	"github.com/pactwatch/pactwatch/storage"
)

func TestSlackPosterFindsAlerts(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	fs := fakeslack.New(t, fakeslack.WithClock(clock.Now))
	p := &SlackPoster{Client: NewSlackClient("xoxb-test", fs.URL())}
	msg := func(id string) Message {
		return Message{Text: "alert " + id, Metadata: slack.SlackMetadata{EventType: EventType, EventPayload: map[string]any{"id": id}}}
	}
	post := func(threadTS string, m Message) string {
		t.Helper()
		ts, err := p.Post(t.Context(), "C1", threadTS, m)
		if err != nil {
			t.Fatal(err)
		}
		return ts
	}
	early := post("", msg("early"))
	clock.Advance(time.Hour)
	since := clock.Now()
	target := post("", msg("target"))
	// Enough later messages that the target is on the second page.
	for range historyPageSize + 5 {
		post("", Message{Text: "chatter"})
	}
	reply := post(target, msg("reply"))
	post("", Message{Text: "a message without metadata"})

	tests := []struct {
		name   string
		find   func() (string, bool, error)
		wantTS string
	}{
		// On the second page of history.
		{"paged", func() (string, bool, error) { return p.FindAlert(t.Context(), "C1", "target", since) }, target},
		// Older than since: not looked at.
		{"before since", func() (string, bool, error) { return p.FindAlert(t.Context(), "C1", "early", since) }, ""},
		// With no lower bound it is found.
		{"no since", func() (string, bool, error) { return p.FindAlert(t.Context(), "C1", "early", time.Time{}) }, early},
		// Thread replies are not in history…
		{"reply in history", func() (string, bool, error) { return p.FindAlert(t.Context(), "C1", "reply", since) }, ""},
		// …but in the thread.
		{"reply in thread", func() (string, bool, error) { return p.FindReply(t.Context(), "C1", target, "reply") }, reply},
		// Another channel has none of them.
		{"other channel", func() (string, bool, error) { return p.FindAlert(t.Context(), "C2", "target", since) }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts, found, err := tt.find()
			if err != nil || found != (tt.wantTS != "") || ts != tt.wantTS {
				t.Errorf("got %q, %v, %v; want %q", ts, found, err, tt.wantTS)
			}
		})
	}
}

func TestReplyWaitsForParentInAnotherQueue(t *testing.T) {
	e := newEnv(t)
	e.slack.FailNext(1, fakeslack.HTTPStatus(500).On("chat.postMessage"))
	parent := e.enqueue(storage.Alert{Channel: "CA"})
	reply := e.enqueue(storage.Alert{Kind: storage.KindSourceAdded, ParentSeq: parent.Seq}) // default channel
	e.deliver()
	if got := e.alert(reply.Seq).State; got != storage.StatePending || len(e.slack.Messages()) != 0 {
		t.Fatalf("reply %s with %d messages posted while its parent backs off", got, len(e.slack.Messages()))
	}
	e.clock.Advance(time.Second)
	e.deliver()
	msgs := e.slack.Messages()
	if len(msgs) != 2 || msgs[1].Channel != "CA" || msgs[1].ThreadTS != msgs[0].TS {
		t.Errorf("messages %+v, want the reply in the parent's thread in CA", msgs)
	}
}

// TestBroadcastReplyIsSentToTheChannel checks that a reply marked
// Broadcast (a status change in an event's thread) asks Slack to send it to
// the channel too, and that a plain reply does not.
func TestBroadcastReplyIsSentToTheChannel(t *testing.T) {
	fs := fakeslack.New(t)
	p := &SlackPoster{Client: NewSlackClient("xoxb-test", fs.URL())}
	parent, err := p.Post(t.Context(), "C1", "", Message{Text: "first report"})
	if err != nil {
		t.Fatal(err)
	}
	for _, broadcast := range []bool{true, false} {
		if _, err := p.Post(t.Context(), "C1", parent, Message{Text: "reply", Broadcast: broadcast}); err != nil {
			t.Fatal(err)
		}
	}
	msgs := fs.Messages()
	if len(msgs) != 3 {
		t.Fatalf("%d messages, want 3", len(msgs))
	}
	for i, want := range []string{"true", ""} {
		m := msgs[i+1]
		if m.ThreadTS != parent || m.Form.Get("reply_broadcast") != want {
			t.Errorf("reply %d: thread %q reply_broadcast %q, want %q %q", i, m.ThreadTS, m.Form.Get("reply_broadcast"), parent, want)
		}
	}
}
