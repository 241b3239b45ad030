package feed

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// breakElements end a paragraph or a line: their text is kept apart from the
// text around them, because status detection splits sentences on those
// breaks later.
var breakElements = map[atom.Atom]bool{
	atom.P: true, atom.Br: true, atom.Div: true, atom.Li: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Hr: true, atom.Table: true, atom.Tr: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Figure: true, atom.Figcaption: true, atom.Caption: true,
	atom.Address: true, atom.Main: true, atom.Nav: true,
}

// spaceElements separate words without ending a paragraph.
var spaceElements = map[atom.Atom]bool{atom.Td: true, atom.Th: true}

// rawTextElements make the tokenizer read everything up to their end tag as
// text, even when written self-closing; none of that text is for readers.
var rawTextElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Title: true, atom.Textarea: true,
	atom.Iframe: true, atom.Noscript: true, atom.Noembed: true, atom.Noframes: true,
	atom.Xmp: true,
}

// hiddenElements hold no readable text either, but are ordinary containers.
var hiddenElements = map[atom.Atom]bool{
	atom.Head: true, atom.Template: true, atom.Svg: true, atom.Math: true, atom.Select: true,
}

// StripHTML returns the readable text of an HTML fragment: tags and
// attribute values are dropped, entities decoded, script and style contents
// removed, and each paragraph (p, br, div, li, h1–h6 and the like) put on a
// line of its own. Runs of spaces become one space, blank lines are removed
// and the result is trimmed. Plain text passes through with entities
// decoded; in text a blank line marks a paragraph and a single newline is
// only a space, as in HTML.
func StripHTML(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(squeeze(squeeze(s, 2), 1))
	}
	var b strings.Builder
	hidden := 0
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// The tokenizer only stops at the end of its input.
			return strings.TrimSpace(squeeze(b.String(), 1))
		case html.TextToken:
			if hidden == 0 {
				b.WriteString(squeeze(string(z.Text()), 2))
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case rawTextElements[a] || hiddenElements[a]:
				if tt == html.EndTagToken {
					hidden = max(hidden-1, 0)
				} else if tt == html.StartTagToken || rawTextElements[a] {
					hidden++
				}
			case breakElements[a]:
				b.WriteByte('\n')
			case spaceElements[a]:
				b.WriteByte(' ')
			}
		}
	}
}

// squeeze turns each run of whitespace in s into a newline when the run
// holds at least minNewlines line breaks, and into one space otherwise. It
// drops control and invisible formatting characters, and replaces invalid
// UTF-8 with U+FFFD.
func squeeze(s string, minNewlines int) string {
	var b strings.Builder
	b.Grow(len(s))
	inRun, newlines := false, 0
	for i, r := range s {
		if isSpace(r) {
			if r == '\n' || r == '\u2028' || r == '\u2029' || (r == '\r' && !strings.HasPrefix(s[i+1:], "\n")) {
				newlines++
			}
			inRun = true
			continue
		}
		if isInvisible(r) {
			continue
		}
		if inRun {
			b.WriteByte(runSeparator(newlines, minNewlines))
			inRun, newlines = false, 0
		}
		b.WriteRune(r)
	}
	if inRun {
		b.WriteByte(runSeparator(newlines, minNewlines))
	}
	return b.String()
}

// runSeparator is what a run of whitespace with n line breaks becomes.
func runSeparator(n, minNewlines int) byte {
	if n >= minNewlines {
		return '\n'
	}
	return ' '
}
