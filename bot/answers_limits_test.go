package bot

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// answerMarkup is the mrkdwn markup answers may contain: links, user and
// channel mentions.
var answerMarkup = regexp.MustCompile(`<(https?://[^<>|\s]+\|[^<>|]*|@[UW][A-Z0-9]+|#[CGD][A-Z0-9]+|!date\^\d+\^[^<>|]*\|[^<>|]*)>`)

// checkAnswerMrkdwn fails when s has a < or & that is not markup or one of
// Slack's three escapes: text from feeds and users must arrive escaped.
func checkAnswerMrkdwn(t *testing.T, where, s string) {
	t.Helper()
	bare := entity.ReplaceAllString(answerMarkup.ReplaceAllString(quoteMarker.ReplaceAllString(s, ""), ""), "")
	if strings.ContainsAny(bare, "<>&") {
		t.Errorf("%s: unescaped control character or broken markup in %.300q", where, s)
	}
}

// checkBlockKit checks blocks (as JSON) against Slack's limits: at most
// maxBlocks blocks (50 in a message, 100 in the Home tab); headers of 150
// plain characters; sections of 3000 with at most 10 fields of 2000;
// context blocks of at most 10 elements of 3000; buttons within theirs;
// and, in a message, at most 12,000 characters of text in all.
func checkBlockKit(t *testing.T, raw json.RawMessage, maxBlocks int) {
	t.Helper()
	var blocks []struct {
		Type     string          `json:"type"`
		Text     *textObject     `json:"text"`
		Fields   []textObject    `json:"fields"`
		Elements json.RawMessage `json:"elements"`
	}
	if err := json.Unmarshal(raw, &blocks); err != nil {
		t.Fatalf("blocks: %v", err)
	}
	if len(blocks) == 0 || len(blocks) > maxBlocks {
		t.Errorf("%d blocks, want 1 to %d", len(blocks), maxBlocks)
	}
	total := 0
	check := func(where string, o textObject, max int) {
		n := utf8.RuneCountInString(o.Text)
		total += n
		if n == 0 || n > max {
			t.Errorf("%s: %d characters, want 1 to %d", where, n, max)
		}
		if o.Type == "mrkdwn" {
			checkAnswerMrkdwn(t, where, o.Text)
		}
	}
	for i, b := range blocks {
		switch b.Type {
		case "header":
			if b.Text == nil || b.Text.Type != "plain_text" {
				t.Errorf("header %d without plain_text", i)
				continue
			}
			check("header", *b.Text, 150)
		case "section":
			if b.Text == nil && len(b.Fields) == 0 {
				t.Errorf("section %d has neither text nor fields", i)
			}
			if b.Text != nil {
				check("section", *b.Text, 3000)
			}
			if len(b.Fields) > 10 {
				t.Errorf("section %d has %d fields", i, len(b.Fields))
			}
			for _, f := range b.Fields {
				check("field", f, 2000)
			}
		case "context":
			var els []textObject
			if err := json.Unmarshal(b.Elements, &els); err != nil {
				t.Fatal(err)
			}
			if len(els) == 0 || len(els) > 10 {
				t.Errorf("context %d has %d elements", i, len(els))
			}
			for _, e := range els {
				check("context", e, 3000)
			}
		case "actions":
			checkActions(t, b.Elements)
		case "divider":
		default:
			t.Errorf("unexpected block type %s", b.Type)
		}
	}
	if maxBlocks == maxBlocksMessage && total > 12000 {
		t.Errorf("blocks hold %d characters of text, want at most 12000", total)
	}
}

// maxBlocksMessage is Slack's limit of blocks in a message.
const maxBlocksMessage = 50

// checkAnswer checks an answer payload: a one-line mrkdwn fallback of at
// most 3000 characters beside blocks within Slack's limits, under the
// 20 KB a Socket Mode acknowledgement may carry.
func checkAnswer(t *testing.T, ans map[string]any) {
	t.Helper()
	text, _ := ans["text"].(string)
	if n := utf8.RuneCountInString(text); n == 0 || n > 3000 || strings.Contains(text, "\n") {
		t.Errorf("fallback text: %d characters, want one line of 1 to 3000: %q", n, text)
	}
	checkAnswerMrkdwn(t, "text", text)
	raw, _ := json.Marshal(ans["blocks"])
	checkBlockKit(t, raw, maxBlocksMessage)
	if all, _ := json.Marshal(ans); len(all) >= 20*1024 {
		t.Errorf("answer is %d bytes, too much for a Socket Mode acknowledgement", len(all))
	}
}
