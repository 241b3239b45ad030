package bot

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// mrkdwnEscaper replaces the three characters Slack's mrkdwn treats as
// control characters. Everything else a feed or a user wrote is shown as is.
var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// esc escapes s for mrkdwn.
func esc(s string) string { return mrkdwnEscaper.Replace(s) }

// oneLine collapses every run of whitespace (newlines included) in s into one
// space and drops control characters and the bidirectional embeddings,
// overrides and isolates (U+202A–U+202E, U+2066–U+2069), which would
// reorder what readers see around them, for titles and names.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) || isBidiControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// isBidiControl reports whether r is a bidirectional embedding, override or
// isolate, or their terminators.
func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

// escLine is esc(oneLine(s)) cut to max characters.
func escLine(s string, max int) string { return cutText(esc(oneLine(s)), max, true) }

// maxURL is the longest URL that is made a link; longer ones are left out
// rather than cut into a wrong address.
const maxURL = 1500

// mrkdwnLink returns a mrkdwn link <url|label> with the label escaped, one line, at
// most maxLabel characters and without "|" (which would end it), followed by
// the link's host in parentheses: a label is a feed's text, and one that
// reads "https://good.example/…" must not hide where the link goes. A URL
// that is not http(s) or is too long gives the label alone.
func mrkdwnLink(rawURL, label string, maxLabel int) string {
	label = strings.ReplaceAll(oneLine(label), "|", "¦")
	u := safeURL(rawURL)
	if label == "" {
		// The URL stands in for the label, and shows its host itself.
		if u == "" {
			return escLine(rawURL, maxLabel)
		}
		return "<" + u + "|" + escLine(rawURL, maxLabel) + ">"
	}
	text := escLine(label, maxLabel)
	if u == "" {
		return text
	}
	return "<" + u + "|" + text + "> (" + esc(linkHost(rawURL)) + ")"
}

// linkHost is the host a link goes to as a reader should see it: lower
// case, without "www.", and in its ASCII (punycode) form when it has other
// letters, so that a look-alike of a known name shows as what it is.
func linkHost(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if ascii, err := idna.Lookup.ToASCII(host); err == nil {
		host = ascii
	} else if ascii, err := idna.Punycode.ToASCII(host); err == nil {
		host = ascii
	}
	return strings.TrimPrefix(host, "www.")
}

// safeURL returns rawURL ready to sit inside <…|…>, or "" when it is not an
// absolute http(s) URL or is too long.
func safeURL(rawURL string) string {
	rawURL = strings.TrimSpace(rawURL)
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	s := u.String()
	// url.String leaves "|" and the mrkdwn control characters alone in some
	// parts (query, fragment); encode them so they cannot end the link.
	s = strings.NewReplacer("|", "%7C", "<", "%3C", ">", "%3E", " ", "%20").Replace(s)
	s = strings.ReplaceAll(s, "&", "&amp;")
	if utf8.RuneCountInString(s) > maxURL {
		return ""
	}
	return s
}

// cutText shortens s to at most max characters (runes), ending with "…". It
// cuts at a word boundary when there is one in the second half, and when
// markup is true it never cuts inside a <…> link or an &…; entity, so an
// escaped mrkdwn string stays valid.
func cutText(s string, max int, markup bool) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max < 1 {
		return ""
	}
	safe, word, n := 0, 0, 0 // byte offsets of the last safe cut and the last one at a space
	inLink, inEntity := false, false
	for i, r := range s {
		if !inLink && !inEntity {
			safe = i
			if unicode.IsSpace(r) || unicode.IsPunct(r) {
				word = i // a word ends here
			}
		}
		if n == max-1 {
			break // s[:i] plus "…" is max characters
		}
		n++
		if markup {
			switch r {
			case '<':
				inLink = true
			case '>':
				inLink = false
			case '&':
				inEntity = !inLink
			case ';':
				inEntity = false
			}
		}
	}
	end := safe
	if word > 0 && word*2 >= safe {
		end = word
	}
	return strings.TrimRightFunc(s[:end], func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == ':' || r == '-'
	}) + "…"
}

// cutPlain shortens plain text (not mrkdwn) to max characters.
func cutPlain(s string, max int) string { return cutText(s, max, false) }
