package query

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		query string
		want  SyntaxError
	}{
		// Nothing to search for.
		{``, SyntaxError{1, "empty query"}},
		// Whitespace is nothing too.
		{" \n\t", SyntaxError{1, "empty query"}},
		// An opening parenthesis without its closing one points at the opening.
		{`a (b OR c`, SyntaxError{3, "unbalanced parenthesis: ( is never closed"}},
		// A lone opening parenthesis at the end.
		{`a (`, SyntaxError{3, "unbalanced parenthesis: ( is never closed"}},
		// A closing parenthesis without an opening one points at it.
		{`a OR b) c`, SyntaxError{7, "unbalanced parenthesis: ) has no matching ("}},
		// A closing parenthesis first.
		{`) a`, SyntaxError{1, "unbalanced parenthesis: ) has no matching ("}},
		// Parentheses with nothing inside.
		{`a ()`, SyntaxError{3, "empty parentheses"}},
		// A quote without its end points at the opening quote.
		{`a "working group`, SyntaxError{3, "unterminated quote"}},
		// A quote with only punctuation inside.
		{`a " - "`, SyntaxError{3, "empty phrase"}},
		// An empty quote.
		{`""`, SyntaxError{1, "empty phrase"}},
		// AND at the end.
		{`a AND`, SyntaxError{3, "AND needs a term after it"}},
		// OR at the start.
		{`OR b`, SyntaxError{1, "OR needs a term before it"}},
		// Two operators in a row: the second has nothing before it.
		{`a AND OR b`, SyntaxError{7, "OR needs a term before it"}},
		// An operator right before a closing parenthesis.
		{`(a OR) b`, SyntaxError{4, "OR needs a term after it"}},
		// NOT at the end.
		{`a NOT`, SyntaxError{3, "NOT needs a term after it"}},
		// A - with a space after it.
		{`a - b`, SyntaxError{3, `"-" must be followed directly by the term it excludes, as in -sanctions`}},
		// NEAR without a distance.
		{`a NEAR b`, SyntaxError{3, "NEAR needs a distance in words, as in NEAR/5"}},
		// NEAR/ without a number.
		{`a NEAR/ b`, SyntaxError{3, "NEAR needs a distance in words, as in NEAR/5"}},
		// NEAR/ with letters.
		{`a NEAR/x b`, SyntaxError{3, "NEAR needs a distance in words, as in NEAR/5"}},
		// NEAR/0 is too small.
		{`a NEAR/0 b`, SyntaxError{3, "NEAR/0 is out of range: the distance must be 1 to 100"}},
		// NEAR/101 is too large.
		{`a NEAR/101 b`, SyntaxError{3, "NEAR/101 is out of range: the distance must be 1 to 100"}},
		// A huge distance is out of range, not an overflow.
		{`a NEAR/99999999999999999999 b`, SyntaxError{3, "NEAR/99999999999999999999 is out of range: the distance must be 1 to 100"}},
		// NEAR at the end.
		{`a NEAR/3`, SyntaxError{3, "NEAR/3 needs a term after it"}},
		// NEAR cannot take an AND group; the error points at the group.
		{`x (a b) NEAR/3 c`, SyntaxError{3, "NEAR takes a word, phrase, prefix or (OR of them) on each side"}},
		// NEAR cannot take an AND group on the right either.
		{`c NEAR/3 (a b)`, SyntaxError{10, "NEAR takes a word, phrase, prefix or (OR of them) on each side"}},
		// NEAR cannot take a negation, which binds tighter.
		{`NOT a NEAR/3 b`, SyntaxError{1, "NEAR cannot take a negated term; to exclude a NEAR, write NOT (a NEAR/n b)"}},
		// An OR group next to NEAR holds only terms.
		{`(a OR (b c)) NEAR/3 d`, SyntaxError{1, "an OR next to NEAR may hold only words, phrases and prefixes"}},
		// NEAR cannot be chained.
		{`a NEAR/2 b NEAR/3 c`, SyntaxError{12, "NEAR/3 cannot follow another NEAR: join two NEARs with AND"}},
		// A lone *.
		{`a *`, SyntaxError{3, "* must follow letters or digits, as in cyber*"}},
		// A lone * inside a phrase points into the phrase.
		{`"a *"`, SyntaxError{4, "* must follow letters or digits, as in cyber*"}},
		// A double *.
		{`cyber**`, SyntaxError{6, "use a single * at the end of a word, as in cyber*"}},
		// A * inside a word.
		{`cy*ber`, SyntaxError{3, "* is allowed only at the end of a word"}},
		// title: with nothing after it.
		{`a title:`, SyntaxError{3, "title: needs a word, phrase or (group) right after it"}},
		// title: with an operator after it.
		{`title: OR a`, SyntaxError{1, "title: needs a word, phrase or (group) right after it"}},
		// A negation after title: belongs before it.
		{`title:-pact`, SyntaxError{7, "put the - before title:, as in -title:pact"}},
		// An unknown field.
		{`a foo:bar`, SyntaxError{3, `unknown field "foo": the only field is title:`}},
		// A word of punctuation only.
		{`a &`, SyntaxError{3, `"&" has no letters or digits to search for`}},
		// Only a negation would match nearly everything.
		{`NOT a`, SyntaxError{1, "only negated terms here, so the query would match almost every item"}},
		// Only - terms.
		{`-a -b`, SyntaxError{1, "only negated terms here, so the query would match almost every item"}},
		// An OR with a negated side matches nearly everything; the error points at that side.
		{`a OR -b`, SyntaxError{6, "only negated terms here, so the query would match almost every item"}},
		// Columns count runes, not bytes, and across newlines.
		{"中俄\n(a", SyntaxError{4, "unbalanced parenthesis: ( is never closed"}},
		// An operator in lower (or mixed) case would be searched as a word
		// that few items hold: it is an error, not 0 matches.
		{`russia or china`, SyntaxError{8, `"or" would be searched as a word: operators are upper case (OR); put it in quotes ("or") to search for the word`}},
		{`a Not b`, SyntaxError{3, `"Not" would be searched as a word: operators are upper case (NOT); put it in quotes ("Not") to search for the word`}},
		{`a near/3 b`, SyntaxError{3, `"near/3" would be searched as a word: operators are upper case (NEAR/3); put it in quotes ("near/3") to search for the word`}},
		{`a and b`, SyntaxError{3, `"and" would be searched as a word: operators are upper case (AND); put it in quotes ("and") to search for the word`}},
		// Nesting is bounded, for parentheses and NOT alike, so that a
		// hostile query cannot overflow the stack; the error points at the
		// level one too deep.
		{strings.Repeat("(", 1e6) + "a" + strings.Repeat(")", 1e6),
			SyntaxError{MaxNesting + 1, "nested too deeply: at most 20 levels of parentheses and NOT"}},
		{"a " + strings.Repeat("-", 1e6) + "b",
			SyntaxError{MaxNesting + 3, "nested too deeply: at most 20 levels of parentheses and NOT"}},
		{"a " + strings.Repeat("NOT (", 11) + "b" + strings.Repeat(")", 11),
			SyntaxError{3 + 10*5, "nested too deeply: at most 20 levels of parentheses and NOT"}},
	}
	for _, tt := range tests {
		q, err := Parse(tt.query)
		var got *SyntaxError
		if !errors.As(err, &got) {
			t.Errorf("Parse(%q) = %v, %v; want *SyntaxError", tt.query, q, err)
			continue
		}
		if diff := cmp.Diff(tt.want, *got); diff != "" {
			t.Errorf("Parse(%q) error mismatch (-want +got):\n%s", tt.query, diff)
		}
	}
}

func TestSyntaxErrorMessage(t *testing.T) {
	_, err := Parse(`(Russia OR China`)
	if got, want := err.Error(), "column 1: unbalanced parenthesis: ( is never closed"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		query string
		want  string
	}{
		// A single word is folded and bare.
		{`Russia`, `russia`},
		// Implicit AND is spelled out.
		{`a b c`, `(a AND b AND c)`},
		// OR binds tighter than implicit AND.
		{`a b OR c`, `(a AND (b OR c))`},
		// Nested groups of the same operator flatten.
		{`a AND (b AND c)`, `(a AND b AND c)`},
		// - becomes NOT.
		{`a -b`, `(a AND NOT b)`},
		// NOT of a group.
		{`a NOT (b OR c)`, `(a AND NOT (b OR c))`},
		// A phrase stays quoted; curly quotes become straight.
		{`“Working  Group”`, `"working group"`},
		// A one-word phrase is a word.
		{`"pact"`, `pact`},
		// A word of several tokens becomes a phrase.
		{`U.S.`, `"u s"`},
		// A Chinese word is a phrase written without spaces.
		{`中俄`, `"中俄"`},
		// Prefixes keep their *.
		{`"cyber* talks" suspend*`, `("cyber* talks" AND suspend*)`},
		// NEAR with an OR group operand.
		{`(a OR b) NEAR/3 "c d"`, `((a OR b) NEAR/3 "c d")`},
		// title: is spelled out on every term of its group.
		{`title:(a OR "b c")`, `(title:a OR title:"b c")`},
		// title: with a space before its term.
		{`Title: pact`, `title:pact`},
	}
	for _, tt := range tests {
		q, err := Parse(tt.query)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.query, err)
			continue
		}
		got := q.String()
		if got != tt.want {
			t.Errorf("Parse(%q).String() = %s, want %s", tt.query, got, tt.want)
		}
		again, err := Parse(got)
		if err != nil {
			t.Errorf("Parse(%q) of String: %v", got, err)
			continue
		}
		if again.String() != got {
			t.Errorf("Parse(%q).String() = %s, want it unchanged", got, again.String())
		}
	}
}
