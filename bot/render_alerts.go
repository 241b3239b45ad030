package bot

import (
	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/storage"
)

// maxMove is room for "previous → status".
const maxMove = 2*maxShort + 3

// renderMention shows a new item about an agreement: the headline linked,
// an extract, and where the agreement stands.
func renderMention(a storage.Alert) Message {
	blocks := []slack.Block{headerBlock(":newspaper: " + agreementName(a))}
	if a.Item != nil {
		text := "*" + mrkdwnLink(a.Item.Link, a.Item.Title, maxTitle) + "*"
		if a.Summary != "" {
			text += "\n" + escLine(a.Summary, maxSummary)
		}
		blocks = append(blocks, sectionBlock(text))
	}
	if a.Sentence != "" {
		blocks = append(blocks, sectionBlock(quoteText(a.Sentence, maxSentence)))
	}
	blocks = append(blocks, contextBlock(
		agreementLabel(a),
		"status *"+escLine(a.Status, maxShort)+"*",
		detectedText(a),
		itemSource(a.Item),
	), possibleActions(a))
	text := "New mention of " + agreementText(a) + ", status " + escLine(a.Status, maxShort)
	if l := itemLink(a.Item); l != "" {
		text += ": " + l
	}
	return Message{Text: text, Blocks: blocks}
}

// renderStatusChange shows an agreement's move from one status to another,
// with the sentence that moved it or the admin who set it.
func renderStatusChange(a storage.Alert) Message {
	blocks := []slack.Block{
		headerBlock(":arrows_counterclockwise: " + agreementName(a) + ": " + statusMove(a)),
		fieldsBlock("Agreement", agreementLabel(a), "Status", statusFieldText(a)),
	}
	if a.Sentence != "" {
		blocks = append(blocks, sectionBlock(quoteText(a.Sentence, maxSentence)))
	}
	if a.Item != nil {
		blocks = append(blocks, sectionBlock(evidenceText(a.Item)))
	}
	switch {
	case a.UserID != "":
		text := "Set by " + userMention(a.UserID)
		if a.Note != "" {
			text += ":\n" + quoteText(a.Note, maxNote)
		}
		blocks = append(blocks, sectionBlock(text))
	case a.Note != "":
		blocks = append(blocks, sectionBlock(quoteText(a.Note, maxNote))) // "the reported signed was denied"
	}
	blocks = append(blocks, contextBlock(ruleText(a), detectedText(a)), statusActions(a))
	text := "Status change: " + agreementText(a) + " " + escLine(statusMove(a), maxMove)
	if l := itemLink(a.Item); l != "" {
		text += ": " + l
	}
	return Message{Text: text, Blocks: blocks}
}

// renderDeadline shows a forecast whose due time passed without the
// agreement reaching a status that fulfils it, or one that is near.
func renderDeadline(a storage.Alert) Message {
	f := a.Forecast
	if f == nil {
		f = &storage.ForecastRef{}
	}
	what, due := escLine(f.What, maxShort*3), escLine(f.Due, maxShort)
	if f.What == "" {
		what = "the forecast"
	}
	status := "*" + escLine(a.Status, maxShort) + "*"
	title, verb := ":alarm_clock: Deadline passed: ", "Deadline passed"
	body := "*" + what + "* was expected by *" + due + "*" + dueAt(f) + ", but " + agreementLabel(a) + " is still " + status + "."
	if a.Kind == storage.KindDeadlineApproaching {
		title, verb = ":spiral_calendar_pad: Deadline approaching: ", "Deadline approaching"
		body = "*" + what + "* is expected by *" + due + "*" + dueAt(f) + "; " + agreementLabel(a) + " is " + status + "."
	}
	blocks := []slack.Block{headerBlock(title + agreementName(a)), sectionBlock(body)}
	if a.Item != nil {
		blocks = append(blocks, sectionBlock(evidenceText(a.Item)))
	}
	if f.Source != "" {
		blocks = append(blocks, contextBlock("Forecast source: "+escLine(f.Source, maxShort*2)))
	}
	text := verb + ": " + what + " for " + agreementText(a) + " due " + due + ", status " + escLine(a.Status, maxShort)
	if l := itemLink(a.Item); l != "" {
		text += ": " + l
	}
	return Message{Text: text, Blocks: blocks}
}

// renderFeedBroken shows a feed that keeps failing, or (with no error) one
// that works again.
func renderFeedBroken(a storage.Alert) Message {
	feed := a.Feed
	if feed == "" && a.Item != nil {
		feed = a.Item.Feed
	}
	id := escLine(feed, maxShort)
	if a.Error == "" {
		return Message{
			Text:   "Feed recovered: " + id,
			Blocks: []slack.Block{headerBlock(":white_check_mark: Feed recovered: " + feed), sectionBlock("`" + id + "` is polled successfully again.")},
		}
	}
	return Message{
		Text: "Feed broken: " + id + ": " + escLine(a.Error, maxError),
		Blocks: []slack.Block{
			headerBlock(":warning: Feed broken: " + feed),
			sectionBlock("Polls of `" + id + "` keep failing. Last error:\n" + quoteText(a.Error, maxError)),
		},
	}
}

// renderSourceAdded is the short thread reply for another feed carrying a
// story already alerted.
func renderSourceAdded(a storage.Alert) Message {
	var feed, l string
	if a.Item != nil {
		feed, l = escLine(a.Item.Feed, maxShort), itemLink(a.Item)
	}
	return Message{
		Text:   agreementText(a) + " also reported by " + feed + ": " + l,
		Blocks: []slack.Block{sectionBlock("Also reported by *" + feed + "*: " + l)},
	}
}

// renderOther shows an alert of a kind this version does not know, so that
// nothing enqueued is lost for want of a layout.
func renderOther(a storage.Alert) Message {
	blocks := []slack.Block{
		headerBlock(a.Kind + ": " + agreementName(a)),
		sectionBlock(agreementLabel(a) + " is *" + escLine(statusMove(a), maxMove) + "*"),
	}
	if a.Item != nil {
		blocks = append(blocks, sectionBlock(evidenceText(a.Item)))
	}
	text := escLine(a.Kind, maxShort) + ": " + agreementText(a) + " " + escLine(statusMove(a), maxMove)
	if l := itemLink(a.Item); l != "" {
		text += ": " + l
	}
	return Message{Text: text, Blocks: blocks}
}
