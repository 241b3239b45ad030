package bot

import (
	"github.com/slack-go/slack"
)

// Message is one Slack message, ready to post: Block Kit blocks, the text
// Slack shows in notifications and where blocks cannot be shown, and the
// message metadata scripts read.
type Message struct {
	// Text is the fallback: one line of mrkdwn, already escaped, so it is
	// posted as is (never through slack-go's own escaping).
	Text     string              `json:"text"`
	Blocks   []slack.Block       `json:"blocks,omitempty"`
	Metadata slack.SlackMetadata `json:"metadata"`
	// Plain is the same message as readable plain text (not escaped, several
	// lines), for places without Slack such as standard output.
	Plain string `json:"plain,omitempty"`
	// Broadcast sends a thread reply to the channel too.
	Broadcast bool `json:"broadcast,omitempty"`
}

// Slack limits that slack-go does not check. Going over them makes Slack
// refuse the message (invalid_blocks, msg_blocks_too_long) or cut it.
const (
	maxBlocks      = 50
	maxSectionText = 3000
	maxHeaderText  = 150
	maxFields      = 10
	maxFieldText   = 2000
	maxContextElts = 10
	maxContextText = 3000
	maxFallback    = 3000
	// maxBlocksTotal keeps the sum of all block text below the ~13,000
	// characters at which Slack answers msg_blocks_too_long.
	maxBlocksTotal = 12000
)

// fitLimits makes blocks obey Slack's limits whatever went into them: it cuts
// every text to its limit (without breaking links or entities), keeps at
// most 10 fields and 10 context elements, at most 50 blocks, and drops
// trailing blocks while the total text is too long.
func fitLimits(blocks []slack.Block) []slack.Block {
	if len(blocks) > maxBlocks {
		blocks = blocks[:maxBlocks]
	}
	total := 0
	for i, b := range blocks {
		n := fitBlock(b)
		if total+n > maxBlocksTotal && i > 0 {
			return blocks[:i]
		}
		total += n
	}
	return blocks
}

// fitBlock cuts the texts of one block to their limits and returns how many
// characters of text the block holds.
func fitBlock(b slack.Block) int {
	n := 0
	cut := func(t *slack.TextBlockObject, max int) {
		if t == nil {
			return
		}
		t.Text = cutText(t.Text, max, t.Type == slack.MarkdownType)
		n += len([]rune(t.Text))
	}
	switch b := b.(type) {
	case *slack.HeaderBlock:
		cut(b.Text, maxHeaderText)
	case *slack.SectionBlock:
		cut(b.Text, maxSectionText)
		if len(b.Fields) > maxFields {
			b.Fields = b.Fields[:maxFields]
		}
		for _, f := range b.Fields {
			cut(f, maxFieldText)
		}
	case *slack.ContextBlock:
		els := b.ContextElements.Elements
		if len(els) > maxContextElts {
			b.ContextElements.Elements = els[:maxContextElts]
		}
		for _, e := range b.ContextElements.Elements {
			if t, ok := e.(*slack.TextBlockObject); ok {
				cut(t, maxContextText)
			}
		}
	}
	return n
}
