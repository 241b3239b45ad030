package bot

import (
	"fmt"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// FeedHealth describes a feed's state in one line of plain text, times in
// UTC. The last error's text is shown only when withError is set (to
// admins): it may name hosts, paths and server answers not everyone should
// read.
func FeedHealth(f storage.FeedState, withError bool) string {
	return feedHealth(f, withError, plainMoment, func(s string) string { return s })
}

// feedHealthMrkdwn is FeedHealth for Slack: times as Slack dates, each
// reader's own; the error escaped.
func feedHealthMrkdwn(f storage.FeedState, withError bool) string {
	return feedHealth(f, withError, slackMoment, func(s string) string { return escLine(s, maxSentence) })
}

func feedHealth(f storage.FeedState, withError bool, moment func(time.Time) string, text func(string) string) string {
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
	switch {
	case f.LastError != "" && withError:
		s += ", last error " + moment(f.LastErrorAt) + ": " + text(f.LastError)
	case f.LastError != "":
		s += ", last error " + moment(f.LastErrorAt) + " (admins see what it was)"
	}
	if !f.NextPollAt.IsZero() {
		s += ", retry after " + moment(f.NextPollAt)
	}
	return s
}
