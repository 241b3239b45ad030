package query

import (
	"errors"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`(Russia OR Russian OR Moscow OR Kremlin OR Putin) AND (China OR Chinese OR Beijing OR Xi) AND (cyber* OR "information security") AND (pact OR accord OR treaty OR agreement OR agreements OR deal)`,
		`((cyber* NEAR/3 "working group") OR (cyber* NEAR/2 talks) OR ("information security" NEAR/3 "working group")) AND ((Russia NEAR/12 cyber*) OR (Russia NEAR/8 "working group"))`,
		"signed OR inked OR\n\"concluded an agreement\"",
		`suspend* OR frozen OR "on ice" OR "pulled out"`,
		`a b OR c -d NOT (e f)`, `title:(a OR "b c*") NEAR/2 d`, `中俄 サイバー U.S.`,
		`((a`, `a))`, `"a`, `NEAR/0`, `**`, `foo:bar`, `title:`, `NOT a`, `--a`, `“a”`,
		strings.Repeat("(", 30) + "a" + strings.Repeat(")", 30), "x " + strings.Repeat("NOT -(", 12) + "y",
		`a "or" "Not"`, `title:and "near" x`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// Parse never recurses deeper than the nesting bound (an overflow
		// would kill the fuzzer), and a query within it survives String.
		q, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Col < 1 || se.Col > len([]rune(src))+1 {
				t.Fatalf("Parse(%q) error %v is not a *SyntaxError with a column in the query", src, err)
			}
			return
		}
		s := q.String()
		again, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q, which does not parse: %v", src, s, err)
		}
		if got := again.String(); got != s {
			t.Fatalf("Parse(%q).String() = %q, but its own String is %q", src, s, got)
		}
		// The query's own text is a document both readings must agree on.
		d := NewDocument(src, src)
		if q.Match(d) != again.Match(d) {
			t.Fatalf("Parse(%q) and Parse(%q) disagree on the query's own text", src, s)
		}
	})
}

func FuzzMatch(f *testing.F) {
	f.Add("Russia–China cyber pact", "Moscow and Beijing signed an information-security agreement.")
	f.Add("中俄网络安全协议", "日露サイバー協定 รัสเซียและจีน")
	f.Add("", "\xff\xfe U.S. Straße ΟΔΥΣΣΕΥΣ")
	queries := []string{
		`(russia OR moscow) (china OR beijing) (cyber* OR "information security") (pact OR agreement)`,
		`(cyber* NEAR/3 "working group") OR ("information security" NEAR/1 (agreement OR pact))`,
		`title:(中俄 OR russia) "cyber* pact"`,
		`signed -"not signed"`,
	}
	var parsed []*Query
	for _, s := range queries {
		q, err := Parse(s)
		if err != nil {
			f.Fatalf("Parse(%q): %v", s, err)
		}
		parsed = append(parsed, q)
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		d := NewDocument(title, body)
		for _, q := range parsed {
			matched, _ := q.Explain(d)
			hits := q.Hits(d)
			if matched != (hits != nil) {
				t.Fatalf("%s: matched %v but %d hits", q, matched, len(hits))
			}
			for _, h := range hits {
				text := d.Text(h.Field)
				if h.Start < 0 || h.End > len(text) || h.Start >= h.End {
					t.Fatalf("%s: hit %+v out of the field's %d bytes", q, h, len(text))
				}
			}
		}
	})
}
