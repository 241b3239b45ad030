package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/config"
)

// Moments in messages are Slack date tokens, so that each reader sees them
// in their own time zone; the fallback (UTC) is what clients that cannot
// format them show.

// slackDay is a day for people: "Today", "Yesterday" or "Mar 4, 2015" in
// the reader's zone, falling back to "4 Mar 2015".
func slackDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("<!date^%d^{date_short_pretty}|%s>", t.Unix(), t.UTC().Format(dateFmt))
}

// slackMoment is a day and a time for people: "Today at 9:30 AM",
// falling back to "4 Mar 2015 09:30 UTC".
func slackMoment(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("<!date^%d^{date_short_pretty} at {time}|%s>", t.Unix(), t.UTC().Format(timeFmt))
}

// plainMoment is a moment in the plain renderings, in UTC.
func plainMoment(t time.Time) string { return t.UTC().Format(timeFmt) }

// dueDay is the last day of a forecast's due period ("2015-H1" → 30 Jun
// 2015). A due period is a calendar period in the config's zone, so it is
// written as words rather than a Slack date a reader's zone could move.
// Unreadable periods are returned as written.
func dueDay(due string) string {
	end, err := config.ParseDue(due, time.UTC)
	if err != nil {
		return due
	}
	return end.AddDate(0, 0, -1).Format(dateFmt)
}

// byDue is "by 30 Jun 2015", or "by 30 Jun 2015 (first half of 2015)" for
// a half or a quarter, the words a forecast in the news is made of.
func byDue(due string) string {
	day := dueDay(due)
	if day == due {
		return "by " + due
	}
	y, rest, _ := strings.Cut(due, "-")
	switch strings.ToUpper(rest) {
	case "H1":
		return "by " + day + " (first half of " + y + ")"
	case "H2":
		return "by " + day + " (second half of " + y + ")"
	case "Q1", "Q2", "Q3", "Q4":
		return "by " + day + " (" + strings.ToUpper(rest) + " " + y + ")"
	}
	return "by " + day
}
