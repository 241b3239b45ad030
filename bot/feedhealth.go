package bot

import (
	"fmt"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// FeedHealth describes a feed's state in one line. The last error's text
// is shown only when withError is set (to admins): it may name hosts,
// paths and server answers not everyone should read.
func FeedHealth(f storage.FeedState, withError bool) string {
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
	switch {
	case f.LastError != "" && withError:
		s += fmt.Sprintf(", last error %s: %s", f.LastErrorAt.Format(time.RFC3339), f.LastError)
	case f.LastError != "":
		s += fmt.Sprintf(", last error %s (admins see what it was)", f.LastErrorAt.Format(time.RFC3339))
	}
	if !f.NextPollAt.IsZero() {
		s += ", retry after " + f.NextPollAt.Format(time.RFC3339)
	}
	return s
}
