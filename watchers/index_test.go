package watchers

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// indexWords are the words random queries and documents are made of: few,
// so that matches are common, with prefixes of each other, a short word and
// a script without spaces.
var indexWords = []string{"russia", "russian", "china", "cyber", "cyberattack", "cybersecurity", "pact", "pacts",
	"us", "u", "working", "group", "talks", "signed", "treaty", "中", "俄"}

// randomIndexQuery writes a random query; it may not parse.
func randomIndexQuery(r *rand.Rand, depth int) string {
	leaf := func() string {
		w := indexWords[r.IntN(len(indexWords))]
		switch r.IntN(8) {
		case 0:
			return w[:1+r.IntN(len(w))] + "*"
		case 1:
			return `"` + w + " " + indexWords[r.IntN(len(indexWords))] + `"`
		case 2:
			return "title:" + w
		}
		return w
	}
	if depth <= 0 || r.IntN(4) == 0 {
		return leaf()
	}
	a, b := randomIndexQuery(r, depth-1), randomIndexQuery(r, depth-1)
	switch r.IntN(7) {
	case 0, 1:
		return "(" + a + " OR " + b + ")"
	case 2:
		return a + " -" + leaf()
	case 3:
		return "(" + a + " OR NOT (" + b + ")) " + leaf()
	case 4:
		return fmt.Sprintf("(%s NEAR/%d %s)", leaf(), 1+r.IntN(4), leaf())
	}
	return a + " " + b
}

func randomIndexText(r *rand.Rand) string {
	ws := make([]string, r.IntN(14))
	for i := range ws {
		ws[i] = indexWords[r.IntN(len(indexWords))]
		if r.IntN(10) == 0 {
			ws[i] = strings.ToUpper(ws[i])
		}
	}
	return strings.Join(ws, " ")
}

// randomTracked parses n random queries into agreements, as a plan holds
// them.
func randomTracked(r *rand.Rand, n int) []*tracked {
	var all []*tracked
	for len(all) < n {
		src := randomIndexQuery(r, 3)
		q, err := query.Parse(src)
		if err != nil {
			continue
		}
		a := &config.Agreement{ID: fmt.Sprintf("a%d", len(all)), Match: src, Query: q}
		all = append(all, &tracked{Agreement: a, pos: len(all)})
	}
	ix := newMatchIndex(all)
	for _, t := range all {
		t.index = ix
	}
	return all
}

func ids(ts []*tracked) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}

// TestMatchIndexIsExact compares matchAll through the index with evaluating
// every query, on random queries and documents, for every agreement and for
// a subset (the readers of one feed).
func TestMatchIndexIsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 7))
	all := randomTracked(r, 400)
	var some []*tracked
	for _, tr := range all {
		if r.IntN(3) == 0 {
			some = append(some, tr)
		}
	}
	matched := 0
	for range 1500 {
		doc := query.NewDocument(randomIndexText(r), randomIndexText(r), randomIndexText(r))
		for _, readers := range [][]*tracked{all, some} {
			var want []*tracked
			for _, tr := range readers {
				if tr.Query.Match(doc) {
					want = append(want, tr)
				}
			}
			got := matchAll(readers, doc)
			if diff := cmp.Diff(ids(want), ids(got)); diff != "" {
				t.Fatalf("document %q / %q / %q: index differs from evaluating every query (-want +got):\n%s",
					doc.Text(0), doc.Text(1), doc.Text(2), diff)
			}
			matched += len(want)
		}
	}
	if matched < 5000 {
		t.Fatalf("only %d matches in the trial: the test proves little", matched)
	}
}

// TestMatchIndexPrefixJoins checks both ways of joining prefixes, which
// depend on how many prefixes are indexed against the document's words.
func TestMatchIndexPrefixJoins(t *testing.T) {
	mk := func(srcs ...string) []*tracked {
		var all []*tracked
		for i, src := range srcs {
			q, err := query.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, &tracked{Agreement: &config.Agreement{ID: fmt.Sprint(i), Query: q}, pos: i})
		}
		ix := newMatchIndex(all)
		for _, tr := range all {
			tr.index = ix
		}
		return all
	}
	few := mk(`cyber* russia*`, `cybersec* talk*`, `zz*`, `中*`)
	var many []string
	for i := range 200 {
		many = append(many, fmt.Sprintf("p%03d* OR cyb*", i))
	}
	many = append(many, `cyberattack* russian`)
	doc := query.NewDocument("Cybersecurity talks", "Russian 中国 cyberattacks")
	if got := ids(matchAll(few, doc)); !cmp.Equal(got, []string{"0", "1", "3"}) {
		t.Errorf("few prefixes: matched %v, want [0 1 3]", got)
	}
	all := mk(many...)
	got := matchAll(all, doc)
	if len(got) != 201 {
		t.Errorf("many prefixes: matched %d, want 201", len(got))
	}
}
