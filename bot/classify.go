package bot

import (
	"errors"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/slack-go/slack"
)

// outcome is what a failed post means for the alert.
type outcome int

const (
	// retryLater: Slack is down or slow, or the network failed; try again
	// with backoff for as long as it takes.
	retryLater outcome = iota
	// rateLimited: Slack said how long to wait; wait exactly that.
	rateLimited
	// permanent: this message can never be posted (no such channel, bad
	// blocks); give up on it, tell the admins, go on with the next.
	permanent
	// unknownError: an API error this table does not know; retry with
	// backoff, but give up after MaxAttempts.
	unknownError
	// authFailed: the token no longer works, so no message can be posted;
	// keep every alert and stop delivering until someone fixes it.
	authFailed
)

// apiErrors classifies the "error" strings of chat.postMessage. Anything
// missing is an unknownError.
var apiErrors = map[string]outcome{
	"channel_not_found":                        permanent,
	"not_in_channel":                           permanent,
	"is_archived":                              permanent,
	"channel_is_archived":                      permanent,
	"invalid_blocks":                           permanent,
	"invalid_blocks_format":                    permanent,
	"msg_too_long":                             permanent,
	"msg_blocks_too_long":                      permanent,
	"no_text":                                  permanent,
	"invalid_metadata_format":                  permanent,
	"invalid_metadata_schema":                  permanent,
	"metadata_too_large":                       permanent,
	"metadata_must_be_sent_from_app":           permanent,
	"restricted_action":                        permanent,
	"restricted_action_read_only_channel":      permanent,
	"restricted_action_thread_only_channel":    permanent,
	"restricted_action_non_threadable_channel": permanent,
	"cannot_reply_to_message":                  permanent,
	"thread_not_found":                         permanent,
	"message_limit_exceeded":                   permanent,
	"invalid_arguments":                        permanent,
	"invalid_form_data":                        permanent,
	"invalid_auth":                             authFailed,
	"not_authed":                               authFailed,
	"account_inactive":                         authFailed,
	"token_revoked":                            authFailed,
	"token_expired":                            authFailed,
	"missing_scope":                            authFailed,
	"not_allowed_token_type":                   authFailed,
	"no_permission":                            authFailed,
	"team_access_not_granted":                  authFailed,
	"ratelimited":                              retryLater,
	"rate_limited":                             retryLater,
	"internal_error":                           retryLater,
	"fatal_error":                              retryLater,
	"service_unavailable":                      retryLater,
	"request_timeout":                          retryLater,
	"team_added_to_org":                        retryLater,
}

// classify says what a Post error means, how long Slack asked to wait
// (rateLimited only), and whether Slack may have posted the message anyway
// (so that the retry must look for it first).
func classify(err error) (o outcome, wait time.Duration, maybePosted bool) {
	if rl, ok := errors.AsType[*slack.RateLimitedError](err); ok {
		return rateLimited, rl.RetryAfter, false
	}
	if sc, ok := errors.AsType[slack.StatusCodeError](err); ok {
		switch {
		case sc.Code == http.StatusTooManyRequests: // without a usable Retry-After
			return retryLater, 0, false
		case sc.Code >= 500:
			return retryLater, 0, true
		default:
			return unknownError, 0, false
		}
	}
	if api, ok := errors.AsType[slack.SlackErrorResponse](err); ok {
		o, known := apiErrors[api.Err]
		if !known {
			return unknownError, 0, false
		}
		// fatal_error: "some aspect of the operation may have succeeded".
		return o, 0, api.Err == "fatal_error" || api.Err == "request_timeout"
	}
	// Network errors, timeouts, a cut connection, an unreadable answer: the
	// request may well have reached Slack.
	return retryLater, 0, true
}

// Backoff bounds for retryLater and unknownError.
const (
	backoffBase = time.Second
	backoffCap  = 10 * time.Minute
)

// backoff is the wait before attempt number attempts+1: 1s, 2s, 4s … up to
// 10 minutes, plus up to a fifth more at random (within the cap) so that
// alerts held up by one outage do not all come back at the same instant.
// It is never below the nominal value.
func backoff(attempts int, random func() float64) time.Duration {
	d := backoffCap
	if attempts < 20 {
		d = min(backoffBase<<max(attempts-1, 0), backoffCap)
	}
	if random == nil {
		random = rand.Float64
	}
	return min(d+time.Duration(random()*float64(d)/5), backoffCap)
}
