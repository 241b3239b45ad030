package query

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHits(t *testing.T) {
	tests := []struct {
		query string
		title string
		body  []string
		want  []Span
	}{
		// A word's span covers the word as written, not its folded form.
		{`strasse`, "", []string{"Die Straße"}, []Span{{Field: 1, Start: 4, End: 11, Term: "strasse"}}},
		// A phrase spans from its first word to its last, across punctuation.
		{`"information security"`, "", []string{"An information-security deal"},
			[]Span{{Field: 1, Start: 3, End: 23, Term: `"information security"`}}},
		// Every occurrence of every present term, ordered by field and offset.
		{`pact OR deal`, "Pact", []string{"a deal, a pact"}, []Span{
			{Field: 0, Start: 0, End: 4, Term: "pact"},
			{Field: 1, Start: 2, End: 6, Term: "deal"},
			{Field: 1, Start: 10, End: 14, Term: "pact"},
		}},
		// A prefix reports each word it matched, in text order.
		{`cyber*`, "", []string{"cyberspace and cyber"}, []Span{
			{Field: 1, Start: 0, End: 10, Term: "cyber*"},
			{Field: 1, Start: 15, End: 20, Term: "cyber*"},
		}},
		// title: terms report only title occurrences, with the title: in Term.
		{`title:pact`, "Pact", []string{"pact"}, []Span{{Field: 0, Start: 0, End: 4, Term: "title:pact"}}},
		// Negated terms are never hits, even when present in a matching item.
		{`signed (deal OR -draft)`, "", []string{"signed a draft deal"}, []Span{
			{Field: 1, Start: 0, End: 6, Term: "signed"},
			{Field: 1, Start: 15, End: 19, Term: "deal"},
		}},
		// Byte offsets are exact in multi-byte text.
		{`中俄`, "", []string{"《中俄协议》"}, []Span{{Field: 1, Start: 3, End: 9, Term: "中俄"}}},
		// The second body part is field 2.
		{`deal`, "", []string{"summary", "content: deal"}, []Span{{Field: 2, Start: 9, End: 13, Term: "deal"}}},
		// NEAR reports every occurrence of its terms once the query matches.
		{`russia NEAR/1 deal`, "", []string{"Russia deal; Russia"}, []Span{
			{Field: 1, Start: 0, End: 6, Term: "russia"},
			{Field: 1, Start: 7, End: 11, Term: "deal"},
			{Field: 1, Start: 13, End: 19, Term: "russia"},
		}},
		// No match, no hits.
		{`pact deal`, "", []string{"pact"}, nil},
	}
	for _, tt := range tests {
		q, err := Parse(tt.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.query, err)
		}
		d := NewDocument(tt.title, tt.body...)
		got := q.Hits(d)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Parse(%q).Hits mismatch (-want +got):\n%s", tt.query, diff)
		}
		for _, s := range got {
			if text := d.Text(s.Field)[s.Start:s.End]; text == "" {
				t.Errorf("Parse(%q).Hits: empty span %+v", tt.query, s)
			}
		}
	}
}
