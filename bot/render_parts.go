package bot

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pactwatch/pactwatch/storage"
)

// detectedText names the status a rule found in the item when it is not simply
// the agreement's new status.
func detectedText(a storage.Alert) string {
	if a.DetectedStatus == "" || a.DetectedStatus == a.Status && a.Party == "" {
		return ""
	}
	status := "*" + escLine(a.DetectedStatus, maxShort) + "*"
	if a.Party != "" {
		status = escLine(a.Party, maxShort) + " " + status
	}
	switch {
	case a.Confidence == "possible":
		return "possible status: " + status + sourcesText(a.Sources)
	case a.Kind == storage.KindStatusChange:
		return "reported: " + status + sourcesText(a.Sources)
	}
	return "rule fired: " + status
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

// ruleText shows the status rule that fired, as code.
func ruleText(a storage.Alert) string {
	if a.Rule == "" {
		return ""
	}
	return "rule `" + escLine(strings.ReplaceAll(a.Rule, "`", "'"), maxTitle) + "`"
}

// itemSource is "_feed_ · published date" for an item.
func itemSource(it *storage.ItemRef) string {
	if it == nil {
		return ""
	}
	s := ""
	if it.Feed != "" {
		s = "_" + escLine(it.Feed, maxShort) + "_"
	}
	if !it.Published.IsZero() {
		if s != "" {
			s += " · "
		}
		s += it.Published.Format("2 Jan 2006 15:04 MST")
	}
	return s
}

// statusFieldText is "previous → *status*" for a status field.
func statusFieldText(a storage.Alert) string {
	s := "*" + escLine(a.Status, maxShort) + "*"
	if a.PreviousStatus != "" && a.PreviousStatus != a.Status {
		s = escLine(a.PreviousStatus, maxShort) + " → " + s
	}
	return s
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

// dueAt is " (the due time)" for a forecast with a known due time.
func dueAt(f *storage.ForecastRef) string {
	if f.DueAt.IsZero() {
		return ""
	}
	return " (" + f.DueAt.Format("2 Jan 2006 15:04 MST") + ")"
}
