package bot

import (
	"fmt"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// FeedHealth describes a feed's state in one line.
func FeedHealth(f storage.FeedState) string {
	if f.LastPolledAt.IsZero() {
		return "never polled"
	}
	s := "ok"
	if f.ConsecutiveFailures > 0 {
		s = fmt.Sprintf("FAILING (%d in a row)", f.ConsecutiveFailures)
	}
	s += fmt.Sprintf(", %d items seen", f.ItemsSeen)
	if !f.LastSuccessAt.IsZero() {
		s += ", last success " + f.LastSuccessAt.Format(time.RFC3339)
	}
	if f.LastError != "" {
		s += fmt.Sprintf(", last error %s: %s", f.LastErrorAt.Format(time.RFC3339), f.LastError)
	}
	if !f.NextPollAt.IsZero() {
		s += ", retry after " + f.NextPollAt.Format(time.RFC3339)
	}
	return s
}
