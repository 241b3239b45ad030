package feed

import (
	"html"
	"regexp"
	"strings"
	"unicode"
)

// literalEntity matches a character reference left in text after one round
// of decoding, as in titles escaped twice by their publisher ("&amp;#8217;").
var literalEntity = regexp.MustCompile(`&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// cleanTitle returns a title as one line of plain text: HTML stripped,
// entities decoded (twice-escaped ones too) and all whitespace collapsed.
func cleanTitle(s string) string {
	s = StripHTML(s)
	if strings.IndexByte(s, '&') >= 0 {
		s = literalEntity.ReplaceAllStringFunc(s, html.UnescapeString)
	} else if strings.IndexByte(s, '\n') < 0 {
		return s // StripHTML left single spaces only
	}
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// isSpace reports whether r separates words (Unicode White_Space, which
// includes the line and paragraph separators).
func isSpace(r rune) bool {
	return unicode.IsSpace(r)
}

// isInvisible reports whether r is a control or formatting character that
// carries nothing a reader sees and would only break word matching: soft
// hyphens, zero-width spaces, byte order marks and the like, and the
// bidirectional embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069), with which a title can reorder what readers see.
func isInvisible(r rune) bool {
	switch {
	case r == '\u00ad', r == '\u200b', r == '\u2060', r == '\ufeff':
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return unicode.IsControl(r)
}
