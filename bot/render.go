package bot

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/storage"
)

// How much of each feed- or user-provided text an alert shows, in
// characters after escaping. Together they keep every block well inside
// Slack's limits; fit is only the last guard.
const (
	maxName     = 150
	maxShort    = 100 // statuses, feed ids, forecast labels
	maxTitle    = 300
	maxSummary  = 600
	maxSentence = 1000
	maxError    = 1000
	maxNote     = 500
)

// Render turns an alert into the Slack message that announces it. It uses
// only what is stored with the alert, so a retry renders the same message.
func Render(a storage.Alert) Message {
	var m Message
	switch a.Kind {
	case storage.KindMention:
		m = renderMention(a)
	case storage.KindStatusChange:
		m = renderStatusChange(a)
	case storage.KindDeadlinePassed, storage.KindDeadlineApproaching:
		m = renderDeadline(a)
	case storage.KindFeedBroken:
		m = renderFeedBroken(a)
	case storage.KindSourceAdded:
		m = renderSourceAdded(a)
	case storage.KindForecastProposed:
		m = renderForecastProposed(a)
	case storage.KindForecastSlipped:
		m = renderForecastSlipped(a)
	case storage.KindDigest:
		m = renderDigest(a)
	default:
		m = renderOther(a)
	}
	if a.Follower != "" {
		m = forFollower(a, m)
	}
	m.Text = cutText(m.Text, maxFallback, true)
	m.Blocks = fitLimits(compact(m.Blocks))
	m.Metadata = alertMetadata(a)
	m.Plain = plainAlert(a)
	m.Broadcast = a.Broadcast && a.ParentSeq != 0
	return m
}

// mrkdwnText returns a mrkdwn text object. Verbatim keeps Slack from turning
// bare URLs, #channels and @mentions that came from a feed into live ones.
func mrkdwnText(s string) *slack.TextBlockObject {
	return &slack.TextBlockObject{Type: slack.MarkdownType, Text: s, Verbatim: true}
}

func headerBlock(s string) slack.Block {
	return slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, cutPlain(oneLine(s), maxHeaderText), true, false))
}

func sectionBlock(s string) slack.Block { return slack.NewSectionBlock(mrkdwnText(s), nil, nil) }

// fieldsBlock returns a section of labelled fields, given as label, value pairs
// (the value already mrkdwn).
func fieldsBlock(pairs ...string) slack.Block {
	var fs []*slack.TextBlockObject
	for i := 0; i+1 < len(pairs); i += 2 {
		fs = append(fs, mrkdwnText("*"+pairs[i]+"*\n"+pairs[i+1]))
	}
	return slack.NewSectionBlock(nil, fs, nil)
}

// contextBlock returns a context block of one line made of the non-empty
// parts, or nil when all are empty.
func contextBlock(parts ...string) slack.Block {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	return slack.NewContextBlock("", mrkdwnText(strings.Join(keep, " · ")))
}

// compact drops the nil blocks a layout left for absent parts.
func compact(blocks []slack.Block) []slack.Block {
	out := blocks[:0]
	for _, b := range blocks {
		if b != nil {
			out = append(out, b)
		}
	}
	return out
}

// quoteText returns text as a mrkdwn block quote of one paragraph.
func quoteText(text string, max int) string { return "> " + escLine(text, max) }

// agreementName is the agreement's name, or its id when it has none.
func agreementName(a storage.Alert) string {
	if n := oneLine(a.AgreementName); n != "" {
		return n
	}
	return a.Agreement
}

// statusMove is "previous → status", or the status alone.
func statusMove(a storage.Alert) string {
	if a.PreviousStatus == "" || a.PreviousStatus == a.Status {
		return statusWords(a.Status)
	}
	return statusWords(a.PreviousStatus) + " → " + statusWords(a.Status)
}

// statusWords is a status as people write it: "in force" for in_force.
// Commands and metadata keep the status as configured.
func statusWords(s string) string { return strings.ReplaceAll(oneLine(s), "_", " ") }

// statusText is statusWords escaped for mrkdwn.
func statusText(s string) string { return escLine(statusWords(s), maxShort) }
