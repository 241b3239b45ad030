package query

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExplain(t *testing.T) {
	tests := []struct {
		query     string
		title     string
		body      []string
		wantMatch bool
		wantTerms []string
	}{
		// Terms are reported as written, in query order.
		{`(Russia OR Moscow) cyber* "working group"`, "", []string{"the cybersecurity working group in Moscow"},
			true, []string{"Moscow", "cyber*", `"working group"`}},
		// A term written twice is reported once.
		{`(pact NEAR/3 cyber) OR pact`, "", []string{"pact"}, true, []string{"pact"}},
		// title: is part of the term, also when it came from a group.
		{`title:(pact OR deal) russia`, "Deal", []string{"Russia"}, true, []string{"title:deal", "russia"}},
		// Negated terms are not reported, even when present.
		{`pact -draft`, "", []string{"a draft pact"}, false, []string{"pact"}},
		// Present terms are reported when the query does not match.
		{`russia china`, "", []string{"Russia"}, false, []string{"russia"}},
		// Nothing present, nothing reported.
		{`russia`, "", []string{"Iran"}, false, nil},
	}
	for _, tt := range tests {
		q, err := Parse(tt.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.query, err)
		}
		gotMatch, gotTerms := q.Explain(NewDocument(tt.title, tt.body...))
		if gotMatch != tt.wantMatch {
			t.Errorf("Parse(%q).Explain matched = %v, want %v", tt.query, gotMatch, tt.wantMatch)
		}
		if diff := cmp.Diff(tt.wantTerms, gotTerms); diff != "" {
			t.Errorf("Parse(%q).Explain terms mismatch (-want +got):\n%s", tt.query, diff)
		}
	}
}
