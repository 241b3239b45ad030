package bot

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/storage"
)

// maxDigestTitle keeps a digest line to about one line on a laptop.
const maxDigestTitle = 150

// renderDigest is a channel's gathered mentions, or one part of them: per
// agreement (the busiest first) a line each, events (stories several
// outlets carried) first. The first part is posted in the channel and says
// how much there is; later parts follow in its thread.
func renderDigest(a storage.Alert) Message {
	d := a.Digest
	if d == nil {
		d = &storage.DigestRef{}
	}
	var blocks []slack.Block
	agreements := len(d.Groups)
	if d.Part <= 1 {
		blocks = append(blocks, headerBlock(fmt.Sprintf(":newspaper: Digest: %s", countText(d.Total, "story", "stories"))))
		more := ""
		if d.Parts > 1 {
			more = fmt.Sprintf("continued in the thread (%d parts)", d.Parts)
		}
		blocks = append(blocks, contextBlock(digestPeriod(d), more))
	} else {
		blocks = append(blocks, contextBlock(fmt.Sprintf("Digest, part %d of %d", d.Part, d.Parts)))
	}
	for _, g := range d.Groups {
		title := "*" + escLine(g.AgreementName, maxName) + "* (" + statusText(g.Status) + ") · " +
			countText(max(g.Total, len(g.Stories)), "story", "stories")
		if d.Part > 1 {
			title += " (continued)"
		}
		var lines []string
		for _, s := range g.Stories {
			lines = append(lines, "• "+digestLine(s))
		}
		blocks = append(blocks, lineSections(title, lines)...)
	}
	text := fmt.Sprintf("Digest: %s", countText(d.Total, "story", "stories"))
	if d.Part > 1 {
		text = fmt.Sprintf("Digest, part %d of %d: %s", d.Part, d.Parts, countText(agreements, "agreement", "agreements"))
	} else {
		var names []string
		for _, g := range d.Groups {
			names = append(names, fmt.Sprintf("%s %d", escLine(g.AgreementName, maxShort), max(g.Total, len(g.Stories))))
		}
		text += " (" + strings.Join(names, ", ") + ")"
	}
	return Message{Text: text, Blocks: blocks}
}

// digestLine is one story: its linked headline, publication and day, how
// many outlets carried it, and a status it may report.
func digestLine(s storage.DigestStory) string {
	it := s.Item
	line := mrkdwnLink(it.Link, headline(&it), maxDigestTitle)
	if src := itemSource(&it); src != "" {
		line += " · " + src
	}
	if s.Outlets > 1 {
		line += fmt.Sprintf(" · *%d outlets*", s.Outlets)
	}
	if s.Possible != "" {
		line += " · possible status: *" + statusText(s.Possible) + "*"
	}
	return line
}

// digestPeriod is "Mar 3, 2015 8:00 AM – Mar 4, 2015 8:00 AM", each reader's
// own time.
func digestPeriod(d *storage.DigestRef) string {
	if d.From.IsZero() || d.To.IsZero() {
		return ""
	}
	return slackMoment(d.From) + " – " + slackMoment(d.To)
}

// countText is "1 story", "12 stories".
func countText(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
