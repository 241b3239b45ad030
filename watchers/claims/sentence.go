package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Split splits text into sentences: at a line break or a semicolon, and after ".", "!"
// or "?" (and any closing quotes or brackets) followed by a space and a
// capital letter, digit or quote, unless the full stop ends a known
// abbreviation ("Mr.", "Jan.") or an initial ("U.S.", "J.").
func Split(text string) []string {
	var out []string
	// A semicolon joins clauses that are often about different things ("the
	// pact was signed; the group stayed suspended"): split there too.
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ';' }) {
		start := 0
		for i := 0; i < len(line); {
			r, size := utf8.DecodeRuneInString(line[i:])
			i += size
			if r != '.' && r != '!' && r != '?' && r != '…' {
				continue
			}
			end := i
			for end < len(line) {
				c, s := utf8.DecodeRuneInString(line[end:])
				if !strings.ContainsRune(`"')]’”»`, c) {
					break
				}
				end += s
			}
			if end < len(line) && r == '.' && end == i && glued(line, i) {
				// "…by Russia.U.S. media reported…": a feed that lost the
				// space after a full stop still ends a sentence there.
				if !abbreviation(line[start : i-1]) {
					out = appendSentence(out, line[start:end])
					start = end
				}
				continue
			}
			if end >= len(line) || line[end] != ' ' {
				continue
			}
			next, _ := utf8.DecodeRuneInString(strings.TrimLeft(line[end:], " "))
			if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune(`"'‘“«(`, next) {
				continue
			}
			if r == '.' && abbreviation(line[start:i-1]) {
				continue
			}
			out = appendSentence(out, line[start:end])
			start = end
			i = end
		}
		out = appendSentence(out, line[start:])
	}
	return out
}

// glued reports whether the full stop just before i joins a lower-case
// word to a capitalised one with no space ("Russia.The"), as a sentence
// end does in text that lost its spaces; "U.S." and "3.5" do not.
func glued(line string, i int) bool {
	if i < 2 || i+1 >= len(line) {
		return false
	}
	before, next, after := line[i-2], line[i], line[i+1]
	return 'a' <= before && before <= 'z' && 'A' <= next && next <= 'Z' && ('a' <= after && after <= 'z' || after == '.' || 'A' <= after && after <= 'Z')
}

func appendSentence(out []string, s string) []string {
	if s = strings.TrimSpace(s); s != "" {
		out = append(out, s)
	}
	return out
}

// abbreviation reports whether text ends in a word that is usually followed
// by a full stop that does not end the sentence.
func abbreviation(text string) bool {
	i := strings.LastIndexFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
	word := text[i+1:]
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(strings.ReplaceAll(word, ".", "")) == 1 && unicode.IsUpper([]rune(word)[0]) {
		return true // an initial: "U.S", "J", "W"
	}
	if strings.Contains(word, ".") {
		return true // "U.S", "e.g"
	}
	_, ok := abbreviations[strings.ToLower(word)]
	return ok
}

var abbreviations = map[string]struct{}{
	"mr": {}, "mrs": {}, "ms": {}, "dr": {}, "prof": {}, "gen": {}, "sen": {}, "rep": {}, "gov": {},
	"lt": {}, "col": {}, "capt": {}, "st": {}, "jr": {}, "sr": {}, "inc": {}, "corp": {}, "co": {},
	"ltd": {}, "no": {}, "vs": {}, "etc": {}, "jan": {}, "feb": {}, "mar": {}, "apr": {}, "jun": {},
	"jul": {}, "aug": {}, "sep": {}, "sept": {}, "oct": {}, "nov": {}, "dec": {}, "approx": {},
}
