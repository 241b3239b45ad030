package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/storage"
)

// timeFmt is how answers print a moment, such as the end of a mute.
const timeFmt = "2 Jan 2006 15:04 MST"

// maxLines bounds the characters of the lines packed into one section,
// under Slack's 3,000 with room for a title.
const maxLines = 2800

// sinceDate is when the status took effect, for a "Since" field.
func (r Report) sinceDate() string {
	at := r.sinceAt()
	if at.IsZero() {
		return "the start (as configured)"
	}
	return slackDay(at)
}

// whyMrkdwn says in mrkdwn what set the status: the evidence linked with
// the sentence that fired, the admin and their note, or the config.
func (r Report) whyMrkdwn() string {
	c := r.evidence()
	switch {
	case c.Link != "" || c.Title != "":
		s := "*Evidence:* " + changeEvidence(c, r.Names)
		if c.Sentence != "" {
			s += "\n" + quoteText(c.Sentence, maxSentence)
		}
		return s
	case c.UserID != "":
		s := "*Set by* " + userMention(c.UserID)
		if c.Note != "" {
			s += ": " + escLine(c.Note, maxNote)
		}
		return s
	case c.Note != "":
		return "_" + escLine(c.Note, maxNote) + "_"
	}
	return ""
}

// changeEvidence is a history entry's item linked, with its publication.
func changeEvidence(c storage.Change, names map[string]string) string {
	it := &storage.ItemRef{Link: c.Link, Title: c.Title, Feed: c.FeedID, FeedName: names[c.FeedID]}
	s := mrkdwnLink(c.Link, headline(it), maxTitle)
	if c.FeedID != "" {
		s += " · " + escLine(feedName(it), maxShort)
	}
	return s
}

// nextForecast is the first forecast still to come, if any.
func (r Report) nextForecast() (ForecastState, bool) {
	for _, f := range r.Forecasts {
		if f.State == ForecastPending || f.State == ForecastDueSoon {
			return f, true
		}
	}
	return ForecastState{}, false
}

// lastPassed is the forecast whose due time passed last without it coming
// true, if any.
func (r Report) lastPassed() (ForecastState, bool) {
	var out ForecastState
	found := false
	for _, f := range r.Forecasts {
		if f.State == ForecastPassed && (!found || f.DueAt.After(out.DueAt)) {
			out, found = f, true
		}
	}
	return out, found
}

// forecastMrkdwn is a forecast in one mrkdwn line, with an emoji for where
// it stands.
func forecastMrkdwn(f ForecastState) string {
	icon := map[string]string{
		ForecastFulfilled: ":white_check_mark:",
		ForecastPassed:    ":alarm_clock:",
		ForecastDueSoon:   ":hourglass_flowing_sand:",
	}[f.State]
	if icon == "" {
		icon = ":spiral_calendar_pad:"
	}
	return icon + " " + escLine(f.Line(), maxSentence)
}

// mentionMrkdwn is a mention in one mrkdwn line: linked headline,
// publication, day.
func mentionMrkdwn(m storage.Mention, names map[string]string) string {
	it := &storage.ItemRef{Link: m.Link, Title: m.Title, Feed: m.FeedID, FeedName: names[m.FeedID], Published: m.Published}
	s := mrkdwnLink(m.Link, headline(it), maxTitle)
	if src := itemSource(it); src != "" {
		s += " · " + src
	}
	if m.Detected != "" {
		s += " · reads *" + statusText(m.Detected) + "*"
	}
	return s
}

// Blocks is the report in Block Kit: what /pact status answers.
func (r Report) Blocks() []slack.Block {
	a := r.Agreement
	blocks := []slack.Block{
		headerBlock(a.Name),
		sectionBlock("*" + statusText(r.State.Status) + "* since " + r.sinceDate()),
	}
	if why := r.whyMrkdwn(); why != "" {
		blocks = append(blocks, sectionBlock(why))
	}
	if !r.MutedUntil.IsZero() {
		blocks = append(blocks, contextBlock(":mute: Mention alerts muted until "+slackMoment(r.MutedUntil)))
	}
	var lines []string
	for _, p := range r.Parties {
		lines = append(lines, "• "+escLine(p.Party, maxShort)+": *"+escLine(p.Status, maxShort)+"* since "+p.EvidenceAt.Format(dateFmt))
	}
	blocks = append(blocks, lineSections("*Parties*", lines)...)
	lines = nil
	for _, f := range r.Forecasts {
		lines = append(lines, forecastMrkdwn(f))
	}
	blocks = append(blocks, lineSections("*Forecasts*", lines)...)
	lines = nil
	for _, m := range r.Mentions {
		lines = append(lines, "• "+mentionMrkdwn(m, r.Names))
	}
	blocks = append(blocks, lineSections("*Latest mentions*", lines)...)
	about := []string{"`" + escLine(a.ID, maxShort) + "`", escLine(strings.ReplaceAll(a.Kind, "_", " "), maxShort)}
	if len(a.Parties) > 0 {
		about = append(about, escLine(strings.Join(a.Parties, ", "), maxTitle))
	}
	blocks = append(blocks, contextBlock(about...))
	return blocks
}

// lineSections packs lines into as few sections as Slack's text limit
// allows, the first one starting with title. No lines, no sections.
func lineSections(title string, lines []string) []slack.Block {
	if len(lines) == 0 {
		return nil
	}
	var out []slack.Block
	cur := title
	for _, l := range lines {
		if cur != "" && len(cur)+1+len(l) > maxLines {
			out = append(out, sectionBlock(cur))
			cur = ""
		}
		if cur != "" {
			cur += "\n"
		}
		cur += l
	}
	return append(out, sectionBlock(cur))
}

// durationText is a duration as people say it: "90 minutes", "36 hours",
// "7 days".
func durationText(d time.Duration) string {
	switch {
	case d < 2*time.Hour:
		return fmt.Sprintf("%d minutes", int(d.Minutes()))
	case d < 72*time.Hour:
		return fmt.Sprintf("%d hours", int(d.Hours()))
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}
