package watchers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// heldOther marks a status word that acts on another named instrument.
const heldOther = "another instrument"

// otherInstrument reports whether a status word in text (bytes start to
// end) acts on a named instrument that is not the agreement: its object is
// a proper name that holds none of the agreement's names or parties ("quits
// INF treaty", "invalidated Privacy Shield"), or it stands in a relative
// clause about one ("the Privacy Shield arrangement that the court struck
// down"). Headlines in title case carry no such signal and are left alone.
func (s scope) otherInstrument(text string, start, end int) (string, bool) {
	toks := query.Tokenize(text)
	first, last := -1, -1
	for i, t := range toks {
		if t.Start >= start && first < 0 {
			first = i
		}
		if t.End <= end {
			last = i
		}
	}
	if first < 0 || last < first {
		return "", false
	}
	if r, _ := utf8.DecodeRuneInString(text[toks[first].Start:]); first > 0 && unicode.IsUpper(r) {
		return "", false // a capitalised verb: a headline in title case, where capitals say nothing
	}
	// The object right after the word.
	i := last + 1
	for i < len(toks) && determiners[toks[i].Text] {
		i++
	}
	if name := properName(text, toks, i, 1); name != "" && !s.ours(name) {
		return name, true
	}
	// A relative clause: "X that ... <word>".
	for k := first - 1; k >= 0 && first-k <= 8; k-- {
		if w := toks[k].Text; w != "that" && w != "which" {
			continue
		}
		for a := k - 1; a >= 0 && k-a <= 4; a-- {
			if name := properName(text, toks, a, -1); name != "" {
				if s.ours(name) {
					return "", false
				}
				return name, true
			}
		}
		break
	}
	return "", false
}

// properName returns the run of capitalised words starting at token i and
// going in direction dir (1 forward, -1 backward), or "" when token i is
// not capitalised, is a date word or starts the sentence.
func properName(text string, toks []query.Token, i, dir int) string {
	var words []string
	for ; i >= 0 && i < len(toks); i += dir {
		raw := text[toks[i].Start:toks[i].End]
		r, _ := utf8.DecodeRuneInString(raw)
		if !unicode.IsUpper(r) || dateWords[toks[i].Text] || i == 0 && toks[i].Start < 3 {
			break // a sentence's first word is capitalised whatever it is
		}
		words = append(words, raw)
	}
	if dir < 0 {
		for l, r := 0, len(words)-1; l < r; l, r = l+1, r-1 {
			words[l], words[r] = words[r], words[l]
		}
	}
	return strings.Join(words, " ")
}

// ours reports whether a proper name holds one of the agreement's names,
// aliases or party forms.
func (s scope) ours(name string) bool {
	n := " " + fold(name) + " "
	for form := range s.own {
		if form != "" && strings.Contains(n, " "+form+" ") {
			return true
		}
	}
	return false
}

var (
	// determiners (and the prepositions of "withdrew from", "pulled out
	// of", "signed with") stand between a status verb and its object.
	determiners = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
		"from": true, "of": true, "out": true, "with": true, "on": true}
	dateWords = map[string]bool{
		"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
		"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
		"august": true, "september": true, "october": true, "november": true, "december": true,
	}
)
