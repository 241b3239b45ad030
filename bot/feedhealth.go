package bot

import (
	"fmt"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// FeedHealth describes a feed's state in one line of plain text, times in
// UTC.
func FeedHealth(f storage.FeedState) string {
	return feedHealth(f, plainMoment, func(s string) string { return s })
}

// feedHealthMrkdwn is FeedHealth for Slack: times as Slack dates, each
// reader's own; the error escaped.
func feedHealthMrkdwn(f storage.FeedState) string {
	return feedHealth(f, slackMoment, func(s string) string { return escLine(s, maxSentence) })
}

func feedHealth(f storage.FeedState, moment func(time.Time) string, text func(string) string) string {
	if f.LastPolledAt.IsZero() {
		return "never polled"
	}
	s := "ok"
	if f.ConsecutiveFailures > 0 {
		s = fmt.Sprintf("FAILING (%d in a row)", f.ConsecutiveFailures)
	}
	s += fmt.Sprintf(", %d items seen", f.ItemsSeen)
	if !f.LastSuccessAt.IsZero() {
		s += ", last success " + moment(f.LastSuccessAt)
	}
	if f.LastError != "" {
		s += ", last error " + moment(f.LastErrorAt) + ": " + text(f.LastError)
	}
	if !f.NextPollAt.IsZero() {
		s += ", retry after " + moment(f.NextPollAt)
	}
	return s
}
