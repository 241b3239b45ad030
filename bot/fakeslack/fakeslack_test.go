package fakeslack_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
)

func client(s *fakeslack.Server, token string) *slack.Client {
	return slack.New(token, slack.OptionAPIURL(s.URL()))
}

func post(t *testing.T, c *slack.Client, channel string, opts ...slack.MsgOption) string {
	t.Helper()
	_, ts, err := c.PostMessageContext(context.Background(), channel, opts...)
	if err != nil {
		t.Fatalf("post to %s: %v", channel, err)
	}
	return ts
}

func TestPostMessageIsRecorded(t *testing.T) {
	s := fakeslack.New(t)
	c := client(s, "xoxb-test")
	meta := slack.SlackMetadata{EventType: "pactwatch_alert", EventPayload: map[string]any{"id": "a1"}}
	block := slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "hi <https://x.org|x>", false, false), nil, nil)
	ts := post(t, c, "C1", slack.MsgOptionText("a & <b>", false), slack.MsgOptionBlocks(block), slack.MsgOptionMetadata(meta))
	reply := post(t, c, "C1", slack.MsgOptionText("reply", false), slack.MsgOptionTS(ts))

	got := s.Messages("C1")
	if len(got) != 2 {
		t.Fatalf("got %d messages, want 2", len(got))
	}
	if got[0].TS != ts || got[0].Text != "a & <b>" || got[0].Form.Get("token") != "xoxb-test" {
		t.Errorf("first message = %+v", got[0])
	}
	if diff := cmp.Diff(fakeslack.Metadata{EventType: "pactwatch_alert", EventPayload: map[string]any{"id": "a1"}}, got[0].Metadata); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
	var blocks any
	if err := json.Unmarshal(got[0].Blocks, &blocks); err != nil {
		t.Fatal(err)
	}
	wantBlocks := []any{map[string]any{"type": "section", "text": map[string]any{"type": "mrkdwn", "text": "hi <https://x.org|x>"}}}
	if diff := cmp.Diff(wantBlocks, blocks); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	if got[1].TS != reply || got[1].ThreadTS != ts {
		t.Errorf("reply = %+v, want thread %s", got[1], ts)
	}
	if ts >= reply {
		t.Errorf("ts %s not before %s", ts, reply)
	}
}

func TestHistory(t *testing.T) {
	clock := time.Unix(1700000000, 0)
	s := fakeslack.New(t, fakeslack.WithClock(func() time.Time { return clock }))
	c := client(s, "xoxb-test")
	var ts []string
	for i := range 5 {
		meta := slack.SlackMetadata{EventType: "pactwatch_alert", EventPayload: map[string]any{"id": string(rune('a' + i))}}
		ts = append(ts, post(t, c, "C1", slack.MsgOptionText("m", false), slack.MsgOptionMetadata(meta)))
		clock = clock.Add(time.Minute)
	}
	post(t, c, "C1", slack.MsgOptionText("reply", false), slack.MsgOptionTS(ts[0]))
	post(t, c, "C2", slack.MsgOptionText("elsewhere", false))

	history := func(p slack.GetConversationHistoryParameters) (got []string, res *slack.GetConversationHistoryResponse) {
		t.Helper()
		p.ChannelID = "C1"
		res, err := c.GetConversationHistoryContext(context.Background(), &p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range res.Messages {
			got = append(got, m.Timestamp)
		}
		return got, res
	}
	// Newest first, thread replies left out.
	got, res := history(slack.GetConversationHistoryParameters{})
	if diff := cmp.Diff([]string{ts[4], ts[3], ts[2], ts[1], ts[0]}, got); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	if res.Messages[0].Metadata.EventType != "" {
		t.Errorf("metadata returned without include_all_metadata")
	}
	if res.Messages[4].ReplyCount != 1 {
		t.Errorf("reply_count = %d, want 1", res.Messages[4].ReplyCount)
	}
	// oldest is exclusive unless inclusive is set.
	got, _ = history(slack.GetConversationHistoryParameters{Oldest: ts[3]})
	if diff := cmp.Diff([]string{ts[4]}, got); diff != "" {
		t.Errorf("history after oldest (-want +got):\n%s", diff)
	}
	got, _ = history(slack.GetConversationHistoryParameters{Oldest: ts[3], Inclusive: true})
	if diff := cmp.Diff([]string{ts[4], ts[3]}, got); diff != "" {
		t.Errorf("history from oldest (-want +got):\n%s", diff)
	}
	// Pages of two, with metadata.
	var all []string
	p := slack.GetConversationHistoryParameters{Limit: 2, IncludeAllMetadata: true}
	for range 10 {
		page, res := history(p)
		all = append(all, page...)
		if res.Messages[0].Metadata.EventPayload["id"] == nil {
			t.Errorf("metadata missing with include_all_metadata")
		}
		if !res.HasMore {
			break
		}
		p.Cursor = res.ResponseMetaData.NextCursor
	}
	if diff := cmp.Diff([]string{ts[4], ts[3], ts[2], ts[1], ts[0]}, all); diff != "" {
		t.Errorf("paged history (-want +got):\n%s", diff)
	}
	// Replies: the parent, then the thread.
	msgs, _, _, err := c.GetConversationRepliesContext(context.Background(),
		&slack.GetConversationRepliesParameters{ChannelID: "C1", Timestamp: ts[0], IncludeAllMetadata: true})
	if err != nil || len(msgs) != 2 || msgs[0].Timestamp != ts[0] || msgs[1].Text != "reply" {
		t.Errorf("replies = %+v, %v", msgs, err)
	}
}

func TestFaults(t *testing.T) {
	tests := []struct {
		name     string
		fault    fakeslack.Fault
		check    func(error) bool
		recorded bool
	}{
		// A 5xx comes back as slack.StatusCodeError with the code.
		{"503", fakeslack.HTTPStatus(503), func(err error) bool {
			e, ok := errors.AsType[slack.StatusCodeError](err)
			return ok && e.Code == 503
		}, false},
		// A 429 with Retry-After comes back as *slack.RateLimitedError.
		{"429", fakeslack.RateLimited(2), func(err error) bool {
			e, ok := errors.AsType[*slack.RateLimitedError](err)
			return ok && e.RetryAfter == 2*time.Second
		}, false},
		// A Slack error comes back as slack.SlackErrorResponse.
		{"api error", fakeslack.SlackError("channel_not_found"), func(err error) bool {
			e, ok := errors.AsType[slack.SlackErrorResponse](err)
			return ok && e.Err == "channel_not_found"
		}, false},
		// A dropped connection is a transport error.
		{"dropped", fakeslack.Dropped(), func(err error) bool { return err != nil }, false},
		// Recorded: Slack kept the message but the client saw a failure.
		{"recorded then 500", fakeslack.HTTPStatus(500).Recorded(), func(err error) bool { return err != nil }, true},
		// Recorded and dropped, as a timeout after Slack accepted.
		{"recorded then dropped", fakeslack.Dropped().Recorded(), func(err error) bool { return err != nil }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fakeslack.New(t)
			c := client(s, "xoxb-test")
			s.FailNext(1, fakeslack.SlackError("internal_error").On("conversations.history"))
			s.FailNext(1, tt.fault.On("chat.postMessage"))
			_, _, err := c.PostMessageContext(context.Background(), "C1", slack.MsgOptionText("x", false))
			if !tt.check(err) {
				t.Errorf("error %#v is not the one expected", err)
			}
			if got := len(s.Messages()); got != map[bool]int{true: 1}[tt.recorded] {
				t.Errorf("%d messages recorded", got)
			}
			// The fault is used up; the one for another method is not.
			post(t, c, "C1", slack.MsgOptionText("y", false))
			if _, err := c.GetConversationHistoryContext(context.Background(), &slack.GetConversationHistoryParameters{ChannelID: "C1"}); err == nil {
				t.Errorf("history fault not applied")
			}
			if got := s.Calls("chat.postMessage"); got != 2 {
				t.Errorf("Calls = %d, want 2", got)
			}
		})
	}
}

func TestViewsAuthUpdateEphemeral(t *testing.T) {
	s := fakeslack.New(t, fakeslack.WithToken("xoxb-good"))
	ctx := context.Background()
	if _, err := client(s, "xoxb-bad").AuthTestContext(ctx); err == nil || err.Error() != "invalid_auth" {
		t.Errorf("auth.test with a bad token: %v, want invalid_auth", err)
	}
	c := client(s, "xoxb-good")
	auth, err := c.AuthTestContext(ctx)
	if err != nil || auth.UserID != fakeslack.BotUserID {
		t.Errorf("auth.test = %+v, %v", auth, err)
	}
	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewDividerBlock()}}}
	if _, err := c.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: home}); err != nil {
		t.Fatal(err)
	}
	v, ok := s.ViewOf("U1")
	if !ok || string(v.View) != `{"type":"home","blocks":[{"type":"divider"}]}` {
		t.Errorf("view of U1 = %s, %v", v.View, ok)
	}
	ts := post(t, c, "C1", slack.MsgOptionText("before", false))
	if _, _, _, err := c.UpdateMessageContext(ctx, "C1", ts, slack.MsgOptionText("after", false)); err != nil {
		t.Fatal(err)
	}
	if m := s.Messages("C1")[0]; m.Text != "after" || m.Edits != 1 {
		t.Errorf("updated message = %+v", m)
	}
	if _, err := c.PostEphemeralContext(ctx, "C1", "U2", slack.MsgOptionText("psst", false)); err != nil {
		t.Fatal(err)
	}
	if e := s.Ephemerals(); len(e) != 1 || e[0].User != "U2" || e[0].Text != "psst" {
		t.Errorf("ephemerals = %+v", e)
	}
}

func TestConcurrentPostsGetUniqueIncreasingTS(t *testing.T) {
	s := fakeslack.New(t)
	c := client(s, "xoxb-test")
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, _, err := c.PostMessageContext(context.Background(), "C1", slack.MsgOptionText("x", false)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	msgs := s.Messages()
	for i := 1; i < len(msgs); i++ {
		if msgs[i-1].TS >= msgs[i].TS {
			t.Errorf("ts %s then %s", msgs[i-1].TS, msgs[i].TS)
		}
	}
	if len(msgs) != 20 {
		t.Errorf("%d messages, want 20", len(msgs))
	}
}
