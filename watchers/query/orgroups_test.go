package query

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOrGroups(t *testing.T) {
	tests := []struct {
		query string
		want  [][]string
	}{
		// Each OR of terms is a group, as written, in query order.
		{`(Russia OR Moscow) (China OR "People's Republic")`, [][]string{{"Russia", "Moscow"}, {"China", `"People's Republic"`}}},
		// An OR group beside NEAR is a group too.
		{`(cyber* OR "information security") NEAR/3 talks`, [][]string{{"cyber*", `"information security"`}}},
		// Only the term alternatives of a mixed OR count, after the groups inside it.
		{`a OR b OR (c OR d) e`, [][]string{{"a", "b", "c", "d"}}},
		// A mixed OR with one term alternative has no group, but its inner OR does.
		{`a OR ((c OR d) e)`, [][]string{{"c", "d"}}},
		// Negated ORs are not alternatives of anything the query wants.
		{`pact -(draft OR rumour)`, nil},
		// A query without OR has none.
		{`a b`, nil},
	}
	for _, tt := range tests {
		q, err := Parse(tt.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.query, err)
		}
		if diff := cmp.Diff(tt.want, q.OrGroups()); diff != "" {
			t.Errorf("Parse(%q).OrGroups() mismatch (-want +got):\n%s", tt.query, diff)
		}
	}
}
