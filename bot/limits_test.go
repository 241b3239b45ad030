package bot

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pactwatch/pactwatch/storage"
)

// hugeAlerts returns every fixture with each text field blown up to 10,000
// characters full of mrkdwn control characters.
func hugeAlerts() map[string]storage.Alert {
	long := func(seed string) string {
		unit := seed + " <b>&amp; | *bold* <!channel> "
		return strings.Repeat(unit, 10000/len(unit)+1)[:10000]
	}
	out := map[string]storage.Alert{}
	for name, a := range renderFixtures() {
		a.AgreementName, a.Agreement = long("Pact"), long("id")
		a.Status, a.PreviousStatus, a.DetectedStatus = long("signed"), long("rumored"), long("stalled")
		a.Summary, a.Sentence, a.Rule, a.Note = long("summary"), long("sentence"), long("rule"), long("note")
		if a.Kind == storage.KindFeedBroken && a.Error != "" || a.Kind == storage.KindStatusChange {
			a.Error = long("error")
		}
		a.Feed, a.UserID = long("feed"), long("user")
		if a.Item != nil {
			it := *a.Item
			it.Title, it.Feed, it.GUID = long("title"), long("feed"), long("guid")
			it.Link = "https://example.com/" + strings.Repeat("a&b|c", 2000)
			a.Item = &it
		}
		if a.Forecast != nil {
			f := *a.Forecast
			f.What, f.Due, f.Source = long("what"), long("due"), long("source")
			a.Forecast = &f
		}
		out[name+"_huge"] = a
	}
	for name, a := range renderFixtures() {
		out[name] = a
	}
	return out
}

// validMrkdwn matches text whose every < opens a link or mention closed
// by >, and whose every & starts one of the three escapes Slack knows.
var (
	mrkdwnMarkup = regexp.MustCompile(`<(https?://[^<>|\s]+\|[^<>|]*|@[UW][A-Z0-9]+|!date\^\d+\^[^<>|]*\|[^<>|]*)>`)
	entity       = regexp.MustCompile(`&(amp|lt|gt);`)
	quoteMarker  = regexp.MustCompile(`(?m)^> `)
)

func checkMrkdwn(t *testing.T, where, s string) {
	t.Helper()
	bare := entity.ReplaceAllString(mrkdwnMarkup.ReplaceAllString(quoteMarker.ReplaceAllString(s, ""), ""), "")
	if strings.ContainsAny(bare, "<>&") {
		t.Errorf("%s: unescaped control character or broken link in %.200q", where, s)
	}
}

func TestRenderWithinSlackLimits(t *testing.T) {
	for name, a := range hugeAlerts() {
		t.Run(name, func(t *testing.T) {
			m := Render(a)
			length := utf8.RuneCountInString
			if n := length(m.Text); n > maxFallback || strings.Contains(m.Text, "\n") {
				t.Errorf("fallback text: %d characters (max %d), want one line", n, maxFallback)
			}
			checkMrkdwn(t, "text", m.Text)
			if len(m.Blocks) == 0 || len(m.Blocks) > 50 {
				t.Errorf("%d blocks, want 1 to 50", len(m.Blocks))
			}
			var blocks []struct {
				Type     string          `json:"type"`
				Text     *textObject     `json:"text"`
				Fields   []textObject    `json:"fields"`
				Elements json.RawMessage `json:"elements"`
			}
			raw, _ := json.Marshal(m.Blocks)
			if err := json.Unmarshal(raw, &blocks); err != nil {
				t.Fatal(err)
			}
			total := 0
			check := func(where string, o textObject, max int) {
				total += length(o.Text)
				if n := length(o.Text); n > max || n == 0 {
					t.Errorf("%s: %d characters, want 1 to %d", where, n, max)
				}
				if o.Type == "mrkdwn" {
					checkMrkdwn(t, where, o.Text)
				}
			}
			for i, b := range blocks {
				switch b.Type {
				case "header":
					if b.Text.Type != "plain_text" {
						t.Errorf("header %d is %s, want plain_text", i, b.Text.Type)
					}
					check("header", *b.Text, 150)
				case "section":
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
					json.Unmarshal(b.Elements, &els)
					if len(els) > 10 {
						t.Errorf("context %d has %d elements", i, len(els))
					}
					for _, e := range els {
						check("context", e, 3000)
					}
				case "actions":
					checkActions(t, b.Elements)
				default:
					t.Errorf("unexpected block type %s", b.Type)
				}
			}
			if total > 12000 {
				t.Errorf("blocks hold %d characters of text, want at most 12000", total)
			}
			meta, _ := json.Marshal(m.Metadata)
			if len(meta) > 8000 {
				t.Errorf("metadata is %d bytes", len(meta))
			}
		})
	}
}

type textObject struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// checkActions checks an actions block's buttons against Slack's limits:
// at most 25 elements, button text 75 characters, value 2000, and a
// confirmation dialog's title 100, text 300, buttons 30.
func checkActions(t *testing.T, raw json.RawMessage) {
	t.Helper()
	var buttons []struct {
		Type     string     `json:"type"`
		Text     textObject `json:"text"`
		ActionID string     `json:"action_id"`
		Value    string     `json:"value"`
		Confirm  *struct {
			Title, Text, Confirm, Deny textObject
		} `json:"confirm"`
	}
	if err := json.Unmarshal(raw, &buttons); err != nil {
		t.Fatal(err)
	}
	if len(buttons) == 0 || len(buttons) > 25 {
		t.Errorf("actions block with %d elements", len(buttons))
	}
	within := func(what, s string, max int) {
		if n := utf8.RuneCountInString(s); n == 0 || n > max {
			t.Errorf("%s: %d characters, want 1 to %d", what, n, max)
		}
	}
	for _, b := range buttons {
		if b.Type != "button" || b.Text.Type != "plain_text" {
			t.Errorf("element %s with %s text, want a button with plain_text", b.Type, b.Text.Type)
		}
		within("button text", b.Text.Text, 75)
		within("button value", b.Value, 2000)
		within("action_id", b.ActionID, 255)
		if c := b.Confirm; c != nil {
			within("confirm title", c.Title.Text, 100)
			within("confirm text", c.Text.Text, 300)
			within("confirm button", c.Confirm.Text, 30)
			within("deny button", c.Deny.Text, 30)
		}
	}
}
