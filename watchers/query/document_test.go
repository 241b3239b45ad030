package query

import (
	"slices"
	"strings"
	"testing"
)

func TestDocumentText(t *testing.T) {
	d := NewDocument("Title", "Summary", "Content")
	tests := []struct {
		field Field
		want  string
	}{
		// The title is field 0.
		{Title, "Title"},
		// Body parts follow in the order given.
		{2, "Content"},
		// A field past the end is empty.
		{3, ""},
		// A negative field is empty.
		{-1, ""},
	}
	for _, tt := range tests {
		if got := d.Text(tt.field); got != tt.want {
			t.Errorf("Text(%d) = %q, want %q", tt.field, got, tt.want)
		}
	}
}

func TestDocumentPrefixLookup(t *testing.T) {
	d := NewDocument("", "cyan cyber cybercrime cyberspace cycle cyborg")
	tests := []struct {
		prefix string
		want   int
	}{
		// Every word with the prefix, including the prefix itself.
		{"cyber", 3},
		// A shorter prefix takes in more words.
		{"cy", 6},
		// A prefix nothing starts with.
		{"cyz", 0},
		// A prefix past every word.
		{"z", 0},
	}
	for _, tt := range tests {
		from, to := d.lookup(word{text: tt.prefix, prefix: true})
		if got := to - from; got != tt.want {
			t.Errorf("lookup(%q*) found %d words, want %d", tt.prefix, got, tt.want)
		}
	}
}

// TestBuilderReusesMemory checks that Documents built one after another
// by one Builder, longer and shorter, index exactly what NewDocument's do.
func TestBuilderReusesMemory(t *testing.T) {
	texts := [][]string{
		{"Russia and China sign cyber pact", "Moscow and Beijing signed a cyber-security agreement on Friday.", "cyber · pact"},
		{"Short"},
		{"", strings.Repeat("The working group met again in Washington. ", 40)},
		{"Straße café", "naïve 日本語 text", ""},
	}
	queries := []string{`cyber* AND pact`, `"working group"`, `strasse`, `title:short`, `washington NEAR/3 group`, `日本`}
	var b Builder
	for round := range 2 {
		for _, tx := range texts {
			got, want := b.Build(tx[0], tx[1:]...), NewDocument(tx[0], tx[1:]...)
			if g, w := slices.Collect(got.Words()), slices.Collect(want.Words()); !slices.Equal(g, w) {
				t.Fatalf("round %d, %q: words %q, want %q", round, tx[0], g, w)
			}
			for _, q := range queries {
				parsed, err := Parse(q)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := parsed.Match(got), parsed.Match(want); g != w {
					t.Errorf("round %d, %q: %s matched %v, want %v", round, tx[0], q, g, w)
				}
			}
		}
	}
}

// TestDocumentTokens checks that a field's tokens are Tokenize's of its
// text, whichever field it is.
func TestDocumentTokens(t *testing.T) {
	title, body := "Russia, China sign pact", "Talks resumed; the U.S. shrugged."
	d := NewDocument(title, "", body)
	for f, text := range []string{title, "", body} {
		got, want := d.Tokens(Field(f)), Tokenize(text)
		if len(got) != len(want) {
			t.Fatalf("field %d: %d tokens, want %d", f, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("field %d token %d: %+v, want %+v", f, i, got[i], want[i])
			}
		}
	}
}
