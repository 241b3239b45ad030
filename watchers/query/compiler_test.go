package query

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCompiler parses queries one after another with one Compiler, so that
// later ones reuse the terms of earlier ones, and checks that each is the
// query Parse gives: the same canonical form, the same terms reported and
// matched, and the same errors, at the columns of the query at hand.
func TestCompiler(t *testing.T) {
	queries := []string{
		// The first use of each term.
		`(Russia OR Moscow) AND (cyber* OR "information security") AND pact`,
		// The same terms again, in another order and with title: on one:
		// title: must not leak into the shared term or back out of it.
		`title:pact (moscow OR Russia) "information security"`,
		`pact Russia`,
		`title:(Russia OR pact) NEAR/3 cyber*`,
		// The same text as a word and as a phrase are different terms.
		`"pact" OR pact`,
		// A term in error is an error again, at its column in this query.
		`pact cyber**`,
		`cyber** pact`,
		`a*b`,
		`x a*b`,
		// A term that failed does not stop the same text parsing elsewhere.
		`"pact" "U.S." U.S.`,
	}
	doc := NewDocument("Moscow pact", "Russia signed an information security pact on cyber issues in the U.S.")
	var c Compiler
	for _, src := range queries {
		want, wantErr := Parse(src)
		got, gotErr := c.Parse(src)
		if diff := cmp.Diff(errText(wantErr), errText(gotErr)); diff != "" {
			t.Errorf("Compiler.Parse(%q) error (-Parse +Compiler):\n%s", src, diff)
		}
		if want == nil || got == nil {
			if (want == nil) != (got == nil) {
				t.Errorf("Compiler.Parse(%q) = %v, Parse = %v", src, got, want)
			}
			continue
		}
		wantMatch, wantTerms := want.Explain(doc)
		gotMatch, gotTerms := got.Explain(doc)
		wantAll := []any{want.String(), wantMatch, wantTerms, want.Required(), want.Hits(doc)}
		gotAll := []any{got.String(), gotMatch, gotTerms, got.Required(), got.Hits(doc)}
		if diff := cmp.Diff(wantAll, gotAll); diff != "" {
			t.Errorf("Compiler.Parse(%q) (-Parse +Compiler):\n%s", src, diff)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
