package query

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// clauses writes Required's answer compactly: clauses separated by " & ",
// anchors of a clause by "|".
func clauses(q *Query) string {
	var parts []string
	for _, c := range q.Required() {
		var as []string
		for _, a := range c {
			as = append(as, a.String())
		}
		parts = append(parts, strings.Join(as, "|"))
	}
	return strings.Join(parts, " & ")
}

func TestRequired(t *testing.T) {
	tests := []struct {
		query, want string
	}{
		// Every word of an AND is required, in the query's order when as cheap.
		{`russia china`, "russia & china"},
		// Cheap (long, whole) words come first.
		{`us cyber* pact`, "pact & cyber* & us"},
		// An OR is one clause of its alternatives.
		{`(Russia OR Moscow) AND (China OR Beijing)`, "moscow|russia & beijing|china"},
		// A phrase requires each of its words; a word of several tokens is a phrase.
		{`"information security" U.S.`, "information & security & u & s"},
		// An OR takes the cheapest clause of each alternative.
		{`"information security" OR cyber*`, "cyber*|information"},
		// A prefix covers the words it is a prefix of, in the same clause.
		{`cyber* OR cybersecurity OR cyberattack*`, "cyber*"},
		// NOT requires nothing; the rest still does.
		{`pact -draft NOT (rumour OR rumor)`, "pact"},
		// An OR with an alternative that requires nothing requires nothing.
		{`pact (treaty OR (NOT draft AND NOT rumour))`, "pact"},
		// NEAR requires a term of each side.
		{`(cyber* OR hacking) NEAR/3 "working group"`, "working & group & cyber*|hacking"},
		// title: changes nothing: the anchor is anywhere in the document.
		{`title:(pact OR deal) russia`, "russia & deal|pact"},
		// Repeated clauses are given once.
		{`russia (russia OR russia) title:russia`, "russia"},
		// Scripts without spaces: each character is a token.
		{`中俄`, "中 & 俄"},
	}
	for _, tt := range tests {
		q, err := Parse(tt.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.query, err)
		}
		if got := clauses(q); got != tt.want {
			t.Errorf("Required(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestDocumentVocabulary(t *testing.T) {
	d := NewDocument("Russia–China cyber pact", "Cybersecurity talks in Moscow.")
	var got []string
	for w := range d.Words() {
		got = append(got, w)
	}
	want := []string{"china", "cyber", "cybersecurity", "in", "moscow", "pact", "russia", "talks"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Words() mismatch (-want +got):\n%s", diff)
	}
	if d.WordCount() != len(want) {
		t.Errorf("WordCount() = %d, want %d", d.WordCount(), len(want))
	}
	for _, tt := range []struct {
		a    Anchor
		want bool
	}{
		{Anchor{Text: "moscow"}, true},
		{Anchor{Text: "mosc"}, false},
		{Anchor{Text: "mosc", Prefix: true}, true},
		{Anchor{Text: "cybersecurity", Prefix: true}, true},
		{Anchor{Text: "cybersecurityx", Prefix: true}, false},
		{Anchor{Text: "zz", Prefix: true}, false},
	} {
		if got := tt.a.In(d); got != tt.want {
			t.Errorf("%v.In = %v, want %v", tt.a, got, tt.want)
		}
	}
}

// randomQuery writes a random query over a small vocabulary, so that
// random documents often match it. It may not parse.
func randomQuery(r *rand.Rand, depth int) string {
	words := []string{"russia", "china", "cyber", "cyberattack", "cyber*", "pact", "pa*", "us", "U.S.",
		`"working group"`, `"cyber* talks"`, "talks", "title:pact", "中俄"}
	if depth <= 0 || r.IntN(3) == 0 {
		return words[r.IntN(len(words))]
	}
	a, b := randomQuery(r, depth-1), randomQuery(r, depth-1)
	switch r.IntN(6) {
	case 0:
		return a + " " + b
	case 1:
		return "(" + a + " OR " + b + ")"
	case 2:
		return a + " -" + words[r.IntN(len(words))]
	case 3:
		return "(" + a + " AND NOT (" + b + "))"
	case 4:
		return words[r.IntN(len(words))] + " NEAR/" + string(rune('1'+r.IntN(5))) + " " + words[r.IntN(len(words))]
	}
	return "(" + a + " AND " + b + ")"
}

// randomText is a random run of words, some of which the queries use.
func randomText(r *rand.Rand) string {
	words := []string{"Russia", "China", "cyber", "cyberattack", "cybersecurity", "pact", "pacts", "Pakistan",
		"US", "U.S.", "working", "group", "talks", "the", "signed", "中", "俄", "中俄"}
	n := r.IntN(12)
	out := make([]string, n)
	for i := range out {
		out[i] = words[r.IntN(len(words))]
	}
	return strings.Join(out, " ")
}

// TestRequiredHolds checks the promise of Required on random queries and
// documents: a document that matches has an anchor of every clause.
func TestRequiredHolds(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	queries, matches := 0, 0
	for queries < 2000 {
		q, err := Parse(randomQuery(r, 3))
		if err != nil {
			continue
		}
		queries++
		req := q.Required()
		for range 20 {
			d := NewDocument(randomText(r), randomText(r))
			if !q.Match(d) {
				continue
			}
			matches++
			for _, c := range req {
				found := false
				for _, a := range c {
					found = found || a.In(d)
				}
				if !found {
					t.Fatalf("%s matches %q / %q, which has no anchor of clause %v", q, d.Text(0), d.Text(1), c)
				}
			}
		}
	}
	if matches < 1000 {
		t.Fatalf("only %d matches in the random trial: the test proves little", matches)
	}
}
