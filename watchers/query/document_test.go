package query

import "testing"

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
