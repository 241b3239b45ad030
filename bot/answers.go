package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/slack-go/slack"
)

// Answer is what pactwatch says back to a command or a click: Block Kit
// with a one-line mrkdwn fallback, for the user alone unless Public.
type Answer struct {
	Text   string // mrkdwn, already escaped
	Blocks []slack.Block
	Public bool
	// private keeps refusals and errors to the user whatever they asked.
	private bool
}

// answerPayload is an answer as Slack reads it in the body of the
// response to a slash command, in a Socket Mode acknowledgement, and
// posted to a response_url.
type answerPayload struct {
	ResponseType string        `json:"response_type,omitempty"`
	Text         string        `json:"text,omitempty"`
	Blocks       []slack.Block `json:"blocks,omitempty"`
	// ReplaceOriginal is sent as false with answers to clicks: the answer
	// is a new ephemeral message, not a replacement of the alert.
	ReplaceOriginal *bool `json:"replace_original,omitempty"`
}

// notice is a short private answer: a refusal, a question back, an error.
func notice(text string) Answer {
	return Answer{Text: text, Blocks: []slack.Block{sectionBlock(text)}, private: true}
}

func blocksOf(b ...slack.Block) []slack.Block { return b }

// payload is the answer as Slack reads it.
func (ans Answer) payload() answerPayload {
	p := answerPayload{ResponseType: "ephemeral", Text: ans.Text, Blocks: ans.Blocks}
	if ans.Public && !ans.private {
		p.ResponseType = "in_channel"
	}
	return p
}

// ackPayload is what acknowledges a command whose answer follows through
// response_url: nothing for a private answer; for a public one, the
// response type, so that Slack shows the command in the channel.
func (ans Answer) ackPayload() *answerPayload {
	if !ans.Public || ans.private {
		return nil
	}
	return &answerPayload{ResponseType: "in_channel"}
}

// postResponse posts a payload to a response_url, which Slack accepts up
// to five times within half an hour of the command or click.
func (a *App) postResponse(ctx context.Context, url string, p answerPayload) error {
	if url == "" {
		return fmt.Errorf("post answer: no response_url")
	}
	body, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("post answer: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("post answer: %w", err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	res, err := a.httpClient().Do(req)
	if err != nil {
		return fmt.Errorf("post answer: %w", err)
	}
	defer res.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(res.Body, 512))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("post answer: response_url answered %s: %s", res.Status, bytes.TrimSpace(msg))
	}
	return nil
}

// answerSoon builds an answer with work and returns it when it is ready
// within AnswerWithin. Otherwise it returns false at once, and the answer
// is posted to responseURL when ready: Slack waits three seconds for the
// direct answer and no longer.
func (a *App) answerSoon(ctx context.Context, responseURL string, work func(ctx context.Context) Answer) (Answer, bool) {
	ready := make(chan Answer)
	abandoned := make(chan struct{})
	a.track(ctx, func(ctx context.Context) {
		if a.slow != nil {
			a.slow(ctx)
		}
		ans := work(ctx)
		select {
		case ready <- ans:
		case <-abandoned:
			if err := a.postResponse(ctx, responseURL, ans.payload()); err != nil {
				a.log().Error("late answer lost", "err", err)
			}
		}
	})
	timer := time.NewTimer(a.answerWithin())
	defer timer.Stop()
	select {
	case ans := <-ready:
		return ans, true
	case <-timer.C:
	case <-ctx.Done():
	}
	close(abandoned)
	return Answer{}, false
}
