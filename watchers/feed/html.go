package feed

import (
	"strings"
	"unicode/utf8"

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
		if plainClean(s) {
			return s // the common case for plain text: nothing to change
		}
		t := text{buf: make([]byte, 0, len(s))}
		t.add(s)
		return string(t.buf)
	}
	t := text{buf: make([]byte, 0, len(s))}
	hidden := 0
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// The tokenizer only stops at the end of its input.
			return string(t.buf)
		case html.TextToken:
			if hidden == 0 {
				t.addBytes(z.Text())
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
				t.space(true)
			case spaceElements[a]:
				t.space(false)
			}
		}
	}
}

// plainClean reports whether s is already as StripHTML would leave plain
// text: printable ASCII with single spaces between words, none at either end.
func plainClean(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c > '~' || (c == ' ' && s[i+1] == ' ') {
			return false
		}
	}
	return true
}

// text collects readable text, a piece at a time. Inside each piece a run
// of whitespace holding two line breaks or more (a blank line) is a
// paragraph break and any other run a space; between pieces, runs join, a
// break winning over a space. Control and invisible formatting characters
// are dropped (without ending a run), invalid UTF-8 becomes U+FFFD, and the
// text starts and ends with no whitespace.
type text struct {
	buf     []byte
	pending bool // whitespace seen since the last character written
	broken  bool // and it holds a paragraph break
}

// space records whitespace between pieces: a break, or a space.
func (t *text) space(isBreak bool) {
	t.pending = true
	t.broken = t.broken || isBreak
}

// separate writes the whitespace pending before the next character.
func (t *text) separate() {
	if t.pending && len(t.buf) > 0 {
		if t.broken {
			t.buf = append(t.buf, '\n')
		} else {
			t.buf = append(t.buf, ' ')
		}
	}
	t.pending, t.broken = false, false
}

// add adds a piece of text.
func (t *text) add(s string) { addPiece(t, s) }

// addBytes adds a piece of text held in b, without copying it.
func (t *text) addBytes(b []byte) { addPiece(t, b) }

func addPiece[T string | []byte](t *text, s T) {
	newlines := 0 // in the current run of whitespace
	inRun := false
	for i := 0; i < len(s); {
		c := s[i]
		if c > ' ' && c < 0x7f { // printable ASCII: copy the whole stretch
			j := i + 1
			for j < len(s) && s[j] > ' ' && s[j] < 0x7f {
				j++
			}
			if inRun {
				t.space(newlines >= 2)
				inRun, newlines = false, 0
			}
			t.separate()
			t.buf = append(t.buf, s[i:j]...)
			i = j
			continue
		}
		r, n := rune(c), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		}
		i += n
		switch {
		case r < utf8.RuneSelf && asciiSpace[r] || r >= utf8.RuneSelf && isSpace(r):
			if r == '\n' || r == '\u2028' || r == '\u2029' || r == '\r' && (i == len(s) || s[i] != '\n') {
				newlines++
			}
			inRun = true
		case r >= utf8.RuneSelf && !isInvisible(r):
			if inRun {
				t.space(newlines >= 2)
				inRun, newlines = false, 0
			}
			t.separate()
			t.buf = utf8.AppendRune(t.buf, r)
		}
		// Anything else is a control or invisible character: dropped.
	}
	if inRun {
		t.space(newlines >= 2)
	}
}

// asciiSpace marks the ASCII characters unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
