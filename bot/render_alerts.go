package bot

import (
	"fmt"
	"math"
	"time"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/storage"
)

// maxMove is room for "previous → status".
const maxMove = 2*maxShort + 3

// Each layout says everything once: the agreement and its status in one
// place, the item as its linked headline, the publication by name, dates as
// Slack date tokens. Each is a list of blocks in reading order; a part a
// kind gains (a confidence, buttons) goes in its own function beside the
// others, appended where it is read.

// renderMention is a new item about an agreement, in three lines: the
// linked headline, a short extract, and whose news it is, from where, when.
func renderMention(a storage.Alert) Message {
	blocks := []slack.Block{
		sectionBlock(mentionHeadline(a)),
		contextBlock(
			":newspaper: *"+escLine(agreementName(a), maxName)+"* ("+statusText(a.Status)+")",
			detectedText(a),
			itemSource(a.Item),
		),
		possibleActions(a),
	}
	text := escLine(agreementName(a), maxName) + ": " + itemLine(a.Item)
	return Message{Text: text, Blocks: blocks}
}

// mentionHeadline is the item's linked headline in bold, with an extract.
func mentionHeadline(a storage.Alert) string {
	if a.Item == nil {
		return "New mention of *" + escLine(agreementName(a), maxName) + "*"
	}
	text := "*" + mrkdwnLink(a.Item.Link, headline(a.Item), maxTitle) + "*"
	if a.Summary != "" && !sameText(a.Summary, a.Item.Title) {
		text += "\n" + escLine(a.Summary, maxMentionSummary)
	}
	return text
}

// maxMentionSummary keeps a mention's extract to two or three lines.
const maxMentionSummary = 280

// renderStatusChange is an agreement's move from one status to another:
// the move, then the sentence that made it with the words that matched in
// bold and the item linked below it, or the admin who set it and why.
func renderStatusChange(a storage.Alert) Message {
	blocks := []slack.Block{headerBlock(":arrows_counterclockwise: " + agreementName(a) + ": " + statusMove(a))}
	var matched []string
	switch {
	case a.UserID != "":
		text := userMention(a.UserID) + " set the status"
		if !a.Since.IsZero() {
			text += " as of " + slackDay(a.Since)
		}
		if a.Note != "" {
			text += ":\n" + quoteText(a.Note, maxNote)
		}
		if a.Item != nil {
			text += "\n" + mrkdwnLink(a.Item.Link, headline(a.Item), maxTitle)
		}
		blocks = append(blocks, sectionBlock(text))
	case a.Sentence != "":
		var quote string
		// Words bold in the quote need no other mention; matched only
		// names terms the quote cannot show.
		var bold bool
		quote, matched, bold = matchedSentence(a.Rule, a.Sentence, maxSentence)
		if bold {
			matched = nil
		}
		text := "> " + quote
		if a.Item != nil && !sameText(a.Sentence, a.Item.Title) {
			text += "\n" + mrkdwnLink(a.Item.Link, headline(a.Item), maxTitle)
		} else if a.Item != nil {
			text = "> " + linkedQuote(a.Item, quote)
		}
		blocks = append(blocks, sectionBlock(text))
	case a.Item != nil:
		blocks = append(blocks, sectionBlock(mrkdwnLink(a.Item.Link, headline(a.Item), maxTitle)))
	}
	if a.UserID == "" && a.Note != "" {
		blocks = append(blocks, contextBlock(escLine(a.Note, maxNote))) // "the reported signed was denied"
	}
	why := ""
	if len(matched) > 0 {
		why = "matched " + quotedWords(matched)
	}
	blocks = append(blocks, contextBlock(itemSource(a.Item), why, detectedText(a)), statusActions(a))
	text := escLine(agreementName(a), maxName) + " is now " + statusText(a.Status)
	if a.PreviousStatus != "" && a.PreviousStatus != a.Status {
		text += " (was " + statusText(a.PreviousStatus) + ")"
	}
	if l := itemLine(a.Item); l != "" {
		text += ": " + l
	}
	return Message{Text: text, Blocks: blocks}
}

// linkedQuote is a quoted headline followed by a link to its item, for a
// status that fired on the headline itself (which then is not shown twice).
func linkedQuote(it *storage.ItemRef, quote string) string {
	if u := safeURL(it.Link); u != "" {
		return quote + "\n<" + u + "|Open the article>"
	}
	return quote
}

// renderDeadline is a forecast whose due time passed without the agreement
// reaching a status that fulfils it, or one that is near.
func renderDeadline(a storage.Alert) Message {
	f := a.Forecast
	if f == nil {
		f = &storage.ForecastRef{}
	}
	what := escLine(f.What, maxShort*3)
	if f.What == "" {
		what = "the forecast"
	}
	by := esc(byDue(f.Due))
	status := "*" + statusText(a.Status) + "*"
	title := ":alarm_clock: Deadline passed: "
	body := "*" + what + "* was expected " + by + "; it is still " + status + "."
	fallback := "Deadline passed for " + escLine(agreementName(a), maxName) + ": " + what + " was expected " + by +
		"; it is still " + statusText(a.Status)
	if a.Kind == storage.KindDeadlineApproaching {
		title = ":hourglass_flowing_sand: " + daysLeft(a.CreatedAt, f) + ": "
		body = "*" + what + "* is expected " + by + "; it is " + status + " now."
		fallback = daysLeft(a.CreatedAt, f) + " for " + escLine(agreementName(a), maxName) + ": " + what +
			" is expected " + by + "; it is " + statusText(a.Status) + " now"
	}
	blocks := []slack.Block{
		headerBlock(title + agreementName(a)),
		sectionBlock(body),
		contextBlock(forecastSource(f), itemEvidence(a.Item)),
	}
	return Message{Text: fallback, Blocks: blocks}
}

// renderForecastProposed shows a forecast found in an item ("expected to
// be signed in the first half of 2015") for admins to accept, so that it
// is judged like the config's, or dismiss.
func renderForecastProposed(a storage.Alert) Message {
	f := a.Forecast
	if f == nil {
		f = &storage.ForecastRef{}
	}
	by := esc(byDue(f.Due))
	body := "*" + statusText(f.What) + "* " + by
	if a.Sentence != "" {
		body += "\n" + quoteText(a.Sentence, maxSentence)
	}
	if a.Item != nil {
		body += "\n" + mrkdwnLink(a.Item.Link, headline(a.Item), maxTitle)
	}
	blocks := []slack.Block{
		headerBlock(":crystal_ball: Forecast: " + agreementName(a)),
		sectionBlock(body),
		contextBlock(":newspaper: *"+escLine(agreementName(a), maxName)+"* ("+statusText(a.Status)+")", forecastSource(f),
			itemSource(a.Item)),
		forecastActions(a),
	}
	text := "Forecast for " + escLine(agreementName(a), maxName) + ": " + statusText(f.What) + " " + by
	if l := itemLine(a.Item); l != "" {
		text += ": " + l
	}
	return Message{Text: text, Blocks: blocks}
}

// renderForecastSlipped says that an item moved an accepted forecast to a
// later period: the new period, the old one, the sentence and its item.
func renderForecastSlipped(a storage.Alert) Message {
	f := a.Forecast
	if f == nil {
		f = &storage.ForecastRef{}
	}
	body := "*" + statusText(f.What) + "* now " + esc(byDue(f.Due))
	if f.From != "" {
		body += ", was " + esc(byDue(f.From))
	}
	if a.Sentence != "" {
		body += "\n" + quoteText(a.Sentence, maxSentence)
	}
	if a.Item != nil {
		body += "\n" + mrkdwnLink(a.Item.Link, headline(a.Item), maxTitle)
	}
	made := ""
	if !f.Made.IsZero() {
		made = "made " + slackDay(f.Made)
	}
	blocks := []slack.Block{
		headerBlock(":hourglass: Forecast slipped: " + agreementName(a)),
		sectionBlock(body),
		contextBlock(":newspaper: *"+escLine(agreementName(a), maxName)+"* ("+statusText(a.Status)+")", forecastSource(f), made,
			itemSource(a.Item)),
	}
	text := "Forecast for " + escLine(agreementName(a), maxName) + " slipped: " + statusText(f.What) + " " + esc(byDue(f.Due))
	if f.From != "" {
		text += " (was " + esc(byDue(f.From)) + ")"
	}
	if l := itemLine(a.Item); l != "" {
		text += ": " + l
	}
	return Message{Text: text, Blocks: blocks}
}

// daysLeft is "Deadline in 7 days" from when the alert was raised to the
// end of the due period, or "Deadline approaching" when that is unknown.
func daysLeft(at time.Time, f *storage.ForecastRef) string {
	if at.IsZero() || f.DueAt.IsZero() || !f.DueAt.After(at) {
		return "Deadline approaching"
	}
	// Calendar days to the period's last day: seven days before 30 Jun is
	// 23 Jun, whatever the hour.
	last := f.DueAt.Add(-time.Nanosecond).UTC()
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	n := int(math.Round(day(last).Sub(day(at.UTC())).Hours() / 24))
	if n <= 0 {
		return "Deadline today"
	}
	if n == 1 {
		return "Deadline tomorrow"
	}
	return fmt.Sprintf("Deadline in %d days", n)
}

// forecastSource is "Forecast by Kommersant", when the forecast has one.
func forecastSource(f *storage.ForecastRef) string {
	if f.Source == "" {
		return ""
	}
	return "Forecast by " + escLine(f.Source, maxShort*2)
}

// itemEvidence is an item linked with its source, for context lines.
func itemEvidence(it *storage.ItemRef) string {
	if it == nil {
		return ""
	}
	s := mrkdwnLink(it.Link, headline(it), maxTitle)
	if src := itemSource(it); src != "" {
		s += " · " + src
	}
	return s
}

// renderFeedBroken is a feed that keeps failing, or (with no error) one
// that works again.
func renderFeedBroken(a storage.Alert) Message {
	name := a.FeedName
	if name == "" {
		name = a.Feed
	}
	id := "`" + escLine(a.Feed, maxShort) + "`"
	if a.Error == "" {
		return Message{
			Text:   "Feed recovered: " + escLine(name, maxShort) + " is polled successfully again",
			Blocks: []slack.Block{headerBlock(":white_check_mark: Feed recovered: " + name), sectionBlock(id + " is polled successfully again.")},
		}
	}
	return Message{
		Text: "Feed broken: " + escLine(name, maxShort) + ": " + escLine(a.Error, maxError),
		Blocks: []slack.Block{
			headerBlock(":warning: Feed broken: " + name),
			sectionBlock("Polls of " + id + " keep failing; until it recovers, its news is missed. Last error:\n" +
				quoteText(a.Error, maxError)),
			contextBlock("`/pact feeds` shows every feed's health"),
		},
	}
}

// renderSourceAdded is the one-line thread reply for another outlet
// carrying a story already alerted. When the outlet reads a possible
// status of its own ("seal" where the first said "reach"), the reply says
// so, with the admins' Confirm / Dismiss.
func renderSourceAdded(a storage.Alert) Message {
	if a.Item == nil {
		return Message{Text: "Also reported elsewhere", Blocks: []slack.Block{sectionBlock("Also reported elsewhere")}}
	}
	text := "Also reported by *" + escLine(feedName(a.Item), maxShort) + "*: " + mrkdwnLink(a.Item.Link, headline(a.Item), maxTitle)
	if d := slackDay(a.Item.Published); d != "" {
		text += " · " + d
	}
	plain := "Also reported by " + escLine(feedName(a.Item), maxShort) + ": " + itemLine(a.Item)
	buttons := possibleActions(a)
	if buttons == nil {
		return Message{Text: plain, Blocks: []slack.Block{sectionBlock(text)}}
	}
	label := escLine(possibleLabel(a), maxShort)
	text += " · reads it as possibly *" + label + "*"
	plain += " (possibly " + label + ")"
	return Message{Text: plain, Blocks: []slack.Block{sectionBlock(text), buttons}}
}

// renderOther shows an alert of a kind this version does not know, so that
// nothing enqueued is lost for want of a layout.
func renderOther(a storage.Alert) Message {
	blocks := []slack.Block{
		headerBlock(a.Kind + ": " + agreementName(a)),
		sectionBlock("*" + escLine(agreementName(a), maxName) + "* is *" + escLine(statusMove(a), maxMove) + "*"),
		contextBlock(itemEvidence(a.Item)),
	}
	text := escLine(a.Kind, maxShort) + ": " + escLine(agreementName(a), maxName) + " " + escLine(statusMove(a), maxMove)
	if l := itemLine(a.Item); l != "" {
		text += ": " + l
	}
	return Message{Text: text, Blocks: blocks}
}
