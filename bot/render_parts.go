package bot

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pactwatch/pactwatch/storage"
)

// detectedText names the status the item reads as when it did not become
// the agreement's status.
func detectedText(a storage.Alert) string {
	if a.DetectedStatus == "" || a.DetectedStatus == a.Status && a.Party == "" {
		return ""
	}
	status := "*" + statusText(a.DetectedStatus) + "*"
	if a.Party != "" {
		status = escLine(a.Party, maxShort) + " " + status
	}
	switch {
	case a.Kind == storage.KindStatusChange:
		return "reported: " + status + sourcesText(a.Sources)
	case a.Confidence == "reported":
		return "reports: " + status + sourcesText(a.Sources) // older news, or one party's status as held
	}
	return "possible status: " + status + sourcesText(a.Sources)
}

// sourcesText says how many independent outlets a claim rests on.
func sourcesText(n int) string {
	switch {
	case n <= 0:
		return ""
	case n == 1:
		return " (1 source)"
	}
	return fmt.Sprintf(" (%d sources)", n)
}

// itemSource is "The Hill, Mar 4, 2015": the publication by name and the
// day the item was published, in the reader's time zone.
func itemSource(it *storage.ItemRef) string {
	if it == nil {
		return ""
	}
	var parts []string
	if n := feedName(it); n != "" {
		parts = append(parts, escLine(n, maxShort))
	}
	if d := slackDay(it.Published); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, ", ")
}

// itemLine is the item for a fallback text: its linked headline, with its
// publication and day ("(The Hill, 4 Mar 2015)").
func itemLine(it *storage.ItemRef) string {
	if it == nil {
		return ""
	}
	s := mrkdwnLink(it.Link, headline(it), maxTitle)
	var parts []string
	if n := feedName(it); n != "" {
		parts = append(parts, escLine(n, maxShort))
	}
	if !it.Published.IsZero() {
		parts = append(parts, it.Published.UTC().Format(dateFmt))
	}
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}

// sameText reports whether two texts say the same once case, spaces and
// trailing punctuation are set aside: a summary that only repeats the
// headline is not shown.
func sameText(a, b string) bool {
	norm := func(s string) string {
		return strings.TrimRight(strings.ToLower(oneLine(s)), " .…!?")
	}
	return norm(a) == norm(b)
}

// slackUserID matches the user ids Slack hands out (U…, or W… in Enterprise
// Grid).
var slackUserID = regexp.MustCompile(`^[UW][A-Z0-9]{1,20}$`)

// userMention is a <@U…> mention for a Slack user id, or the escaped text
// for anything else (a user from the command line, say).
func userMention(id string) string {
	if slackUserID.MatchString(id) {
		return "<@" + id + ">"
	}
	return escLine(id, maxShort)
}

// headline is the item's title without the publication's name that many
// feeds append ("… | The Hill", "… - Reuters"): the name is shown beside it.
func headline(it *storage.ItemRef) string {
	t := oneLine(it.Title)
	for _, name := range []string{it.FeedName, it.Feed} {
		if name == "" {
			continue
		}
		for _, sep := range []string{" | ", " - ", " – ", " — ", " : "} {
			if rest, ok := strings.CutSuffix(t, sep+name); ok && strings.TrimSpace(rest) != "" {
				return rest
			}
		}
	}
	return t
}
