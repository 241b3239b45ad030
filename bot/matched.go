package bot

import (
	"strings"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// matchedSentence shows the sentence a status rule fired on as people read
// it: escaped, one line, with the words the rule matched in bold. words
// are those words as they stand in the text ("signed"), for a reader who
// wants to know why; empty when the rule does not parse or matches nothing
// in the sentence alone. bold says the words are marked in text.
func matchedSentence(rule, sentence string, max int) (text string, words []string, bold bool) {
	s := cutPlain(oneLine(sentence), max)
	q, err := query.Parse(rule)
	if rule == "" || err != nil {
		return esc(s), nil, false
	}
	d := query.NewDocument(s)
	spans := q.Hits(d)
	if len(spans) == 0 {
		// The rule needed more than this sentence (a title: term, say):
		// name the terms it found, as written.
		_, terms := q.Explain(d)
		return esc(s), terms, false
	}
	var b strings.Builder
	at := 0
	seen := map[string]bool{}
	for _, sp := range spans {
		if sp.Start < at {
			continue // overlaps the previous span
		}
		b.WriteString(esc(s[at:sp.Start]))
		w := s[sp.Start:sp.End]
		b.WriteString("*" + esc(w) + "*")
		at = sp.End
		if k := strings.ToLower(w); !seen[k] {
			seen[k] = true
			words = append(words, w)
		}
	}
	b.WriteString(esc(s[at:]))
	return b.String(), words, true
}

// quotedWords is “signed”, “inked” for a list of matched words.
func quotedWords(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = "“" + escLine(w, maxShort) + "”"
	}
	return strings.Join(out, ", ")
}
