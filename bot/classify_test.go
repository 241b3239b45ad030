package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name        string
		err         error
		want        outcome
		wantWait    time.Duration
		maybePosted bool
	}{
		// 429 with Retry-After: wait what Slack says.
		{"rate limited", &slack.RateLimitedError{RetryAfter: 3 * time.Second}, rateLimited, 3 * time.Second, false},
		// 429 without a readable Retry-After: back off; nothing was posted.
		{"429 bare", slack.StatusCodeError{Code: 429}, retryLater, 0, false},
		// 5xx: back off; Slack may have posted before failing.
		{"503", slack.StatusCodeError{Code: 503}, retryLater, 0, true},
		// Another HTTP status (a proxy's 404, say): unknown, retried a while.
		{"404", slack.StatusCodeError{Code: 404}, unknownError, 0, false},
		// Errors that concern this message only: give up on it.
		{"channel_not_found", slack.SlackErrorResponse{Err: "channel_not_found"}, permanent, 0, false},
		{"invalid_blocks", slack.SlackErrorResponse{Err: "invalid_blocks"}, permanent, 0, false},
		{"msg_too_long", slack.SlackErrorResponse{Err: "msg_too_long"}, permanent, 0, false},
		// Errors of the token: keep every alert, stop.
		{"invalid_auth", slack.SlackErrorResponse{Err: "invalid_auth"}, authFailed, 0, false},
		{"token_revoked", slack.SlackErrorResponse{Err: "token_revoked"}, authFailed, 0, false},
		// Slack's own trouble: back off forever.
		{"internal_error", slack.SlackErrorResponse{Err: "internal_error"}, retryLater, 0, false},
		// fatal_error may have half worked: look before posting again.
		{"fatal_error", slack.SlackErrorResponse{Err: "fatal_error"}, retryLater, 0, true},
		// An error code this version does not know: retried, then failed.
		{"unknown code", slack.SlackErrorResponse{Err: "brand_new"}, unknownError, 0, false},
		// Network trouble, wrapped as Post wraps it: maybe posted.
		{"eof", fmt.Errorf("post to C1: %w", io.ErrUnexpectedEOF), retryLater, 0, true},
		{"timeout", fmt.Errorf("post to C1: %w", context.DeadlineExceeded), retryLater, 0, true},
		// Wrapping does not hide Slack's error types.
		{"wrapped api error", fmt.Errorf("post to C1: %w", slack.SlackErrorResponse{Err: "not_in_channel"}), permanent, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, wait, maybe := classify(tt.err)
			if got != tt.want || wait != tt.wantWait || maybe != tt.maybePosted {
				t.Errorf("classify(%v) = %v, %v, %v; want %v, %v, %v", tt.err, got, wait, maybe, tt.want, tt.wantWait, tt.maybePosted)
			}
		})
	}
	if o, _, _ := classify(errors.New("x")); o != retryLater {
		t.Errorf("a plain error is %v, want retryLater", o)
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		attempts int
		random   float64
		want     time.Duration
	}{
		{0, 0, time.Second},                               // before any attempt: the base
		{1, 0, time.Second},                               // after the first: 1s
		{2, 0, 2 * time.Second},                           // then doubling
		{4, 0, 8 * time.Second},                           // 8s
		{4, 0.999, 8*time.Second + 1598*time.Millisecond}, // jitter adds at most a fifth
		{10, 0, 512 * time.Second},                        // still under the cap
		{11, 0, 10 * time.Minute},                         // capped at 10 minutes
		{11, 0.999, 10 * time.Minute},                     // jitter stays within the cap
		{1000, 0, 10 * time.Minute},                       // no overflow
	}
	for _, tt := range tests {
		got := backoff(tt.attempts, func() float64 { return tt.random })
		if got.Truncate(time.Millisecond) != tt.want {
			t.Errorf("backoff(%d, %v) = %v, want %v", tt.attempts, tt.random, got, tt.want)
		}
	}
}
