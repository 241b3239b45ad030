package bot

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/slack-go/slack"
)

// DefaultAPIURL is Slack's Web API.
const DefaultAPIURL = "https://slack.com/api/"

// NewSlackClient returns a slack-go client for token that talks to apiURL
// (DefaultAPIURL when empty) with a 15-second timeout on every call.
// slack-go needs the trailing "/" on the URL and has no timeout of its own.
func NewSlackClient(token, apiURL string) *slack.Client {
	if apiURL == "" {
		apiURL = DefaultAPIURL
	}
	if !strings.HasSuffix(apiURL, "/") {
		apiURL += "/"
	}
	return slack.New(token, slack.OptionAPIURL(apiURL), slack.OptionHTTPClient(&http.Client{Timeout: 15 * time.Second}))
}

// SlackPoster posts alerts to Slack with chat.postMessage and finds them
// again with conversations.history and conversations.replies.
type SlackPoster struct {
	Client *slack.Client
}

// Post posts m to channel (in the thread of threadTS when set) with its
// blocks and metadata and link previews off. m.Text is sent unescaped:
// Render already escaped it, and escaping twice would break its links.
func (p *SlackPoster) Post(ctx context.Context, channel, threadTS string, m Message) (string, error) {
	opts := []slack.MsgOption{
		slack.MsgOptionText(m.Text, false),
		slack.MsgOptionDisableLinkUnfurl(),
		slack.MsgOptionDisableMediaUnfurl(),
	}
	if len(m.Blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(m.Blocks...))
	}
	if m.Metadata.EventType != "" {
		opts = append(opts, slack.MsgOptionMetadata(m.Metadata))
	}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
		if m.Broadcast {
			opts = append(opts, slack.MsgOptionBroadcast())
		}
	}
	_, ts, err := p.Client.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		return "", fmt.Errorf("post to %s: %w", channel, err)
	}
	return ts, nil
}

// Paging bounds for the history search: the message looked for was posted
// at the last attempt, so it is among the newest.
const (
	historyPageSize = 200
	historyMaxPages = 10
)

// FindAlert pages through conversations.history of channel, newest first,
// back to since, for the message whose metadata names alertID.
func (p *SlackPoster) FindAlert(ctx context.Context, channel, alertID string, since time.Time) (string, bool, error) {
	params := &slack.GetConversationHistoryParameters{
		ChannelID: channel, Limit: historyPageSize, IncludeAllMetadata: true, Inclusive: true,
	}
	if !since.IsZero() {
		params.Oldest = slackTS(since)
	}
	for range historyMaxPages {
		res, err := p.Client.GetConversationHistoryContext(ctx, params)
		if err != nil {
			return "", false, fmt.Errorf("history of %s: %w", channel, err)
		}
		if ts, ok := findAlert(res.Messages, alertID); ok {
			return ts, true, nil
		}
		if !res.HasMore || res.ResponseMetaData.NextCursor == "" {
			return "", false, nil
		}
		params.Cursor = res.ResponseMetaData.NextCursor
	}
	return "", false, nil
}

// FindReply pages through conversations.replies of the thread for the
// message whose metadata names alertID.
func (p *SlackPoster) FindReply(ctx context.Context, channel, threadTS, alertID string) (string, bool, error) {
	params := &slack.GetConversationRepliesParameters{
		ChannelID: channel, Timestamp: threadTS, Limit: historyPageSize, IncludeAllMetadata: true,
	}
	for range historyMaxPages {
		msgs, more, cursor, err := p.Client.GetConversationRepliesContext(ctx, params)
		if err != nil {
			return "", false, fmt.Errorf("replies to %s in %s: %w", threadTS, channel, err)
		}
		if ts, ok := findAlert(msgs, alertID); ok {
			return ts, true, nil
		}
		if !more || cursor == "" {
			return "", false, nil
		}
		params.Cursor = cursor
	}
	return "", false, nil
}

// findAlert returns the ts of the alert message for alertID among msgs.
func findAlert(msgs []slack.Message, alertID string) (string, bool) {
	for _, m := range msgs {
		if m.Metadata.EventType == EventType && m.Metadata.EventPayload["id"] == alertID {
			return m.Timestamp, true
		}
	}
	return "", false
}

// slackTS formats t as a Slack timestamp ("1700000000.000100").
func slackTS(t time.Time) string {
	return fmt.Sprintf("%d.%06d", t.Unix(), t.Nanosecond()/1000)
}

// PostedAlert is an alert message found in a channel's history.
type PostedAlert struct {
	TS      string
	Payload map[string]any // the message's metadata payload
}

// RecentAlerts returns the alert messages of channel posted since, newest
// first (up to historyMaxPages pages), top-level messages only.
func (p *SlackPoster) RecentAlerts(ctx context.Context, channel string, since time.Time) ([]PostedAlert, error) {
	params := &slack.GetConversationHistoryParameters{
		ChannelID: channel, Limit: historyPageSize, IncludeAllMetadata: true, Inclusive: true,
	}
	if !since.IsZero() {
		params.Oldest = slackTS(since)
	}
	var out []PostedAlert
	for range historyMaxPages {
		res, err := p.Client.GetConversationHistoryContext(ctx, params)
		if err != nil {
			return nil, fmt.Errorf("history of %s: %w", channel, err)
		}
		for _, m := range res.Messages {
			if m.Metadata.EventType == EventType {
				out = append(out, PostedAlert{TS: m.Timestamp, Payload: m.Metadata.EventPayload})
			}
		}
		if !res.HasMore || res.ResponseMetaData.NextCursor == "" {
			break
		}
		params.Cursor = res.ResponseMetaData.NextCursor
	}
	return out, nil
}

// RecentReplies returns the alert messages of the thread of threadTS, its
// first message too (up to historyMaxPages pages).
func (p *SlackPoster) RecentReplies(ctx context.Context, channel, threadTS string) ([]PostedAlert, error) {
	params := &slack.GetConversationRepliesParameters{
		ChannelID: channel, Timestamp: threadTS, Limit: historyPageSize, IncludeAllMetadata: true,
	}
	var out []PostedAlert
	for range historyMaxPages {
		msgs, more, cursor, err := p.Client.GetConversationRepliesContext(ctx, params)
		if err != nil {
			return nil, fmt.Errorf("replies to %s in %s: %w", threadTS, channel, err)
		}
		for _, m := range msgs {
			if m.Metadata.EventType == EventType {
				out = append(out, PostedAlert{TS: m.Timestamp, Payload: m.Metadata.EventPayload})
			}
		}
		if !more || cursor == "" {
			break
		}
		params.Cursor = cursor
	}
	return out, nil
}
