package claims

import (
	"strings"
	"testing"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// TestOtherInstrument checks that a status verb acting on another named
// instrument is not credited to the agreement.
func TestOtherInstrument(t *testing.T) {
	q, _ := query.Parse(`"New START" OR (treaty AND (Russia OR Moscow))`)
	s := newScope(&Target{ID: "new-start", Name: "New START treaty", Kind: "treaty",
		Parties: []string{"United States", "Russia"}, Aliases: []string{"New START"}, Match: q})
	tests := []struct {
		sentence, word string
		other          bool
	}{
		// The object is another treaty.
		{"The U.S. formally quits INF treaty, leaving New START as the last pact.", "quits", true},
		// Through a preposition.
		{"The United States formally withdrew from the Intermediate-Range Nuclear Forces Treaty on Friday.", "withdrew", true},
		// Through a party's stake in it.
		{"Moscow said it was suspending its participation in the Open Skies Treaty as well.", "suspending", true},
		{"Russia suspended its obligations under New START on Tuesday.", "suspended", false},
		// In a relative clause about another named instrument.
		{"It replaces the Privacy Shield arrangement that the court struck down in 2020.", "struck down", true},
		// The agreement's own name is ours.
		{"Moscow said it quit New START in February.", "quit", false},
		// A party is ours.
		{"Officials said the treaty with Russia was extended.", "extended", false},
		// A date is not an instrument.
		{"Washington and Moscow extended the treaty on Friday.", "extended", false},
		// A sentence's first word is capitalised whatever it is.
		{"The treaty that Washington and Moscow extended remains in force.", "extended", false},
		// Headlines in title case carry no signal.
		{"Russia Quits Open Skies Treaty After Long Dispute", "Quits", false},
	}
	for _, tt := range tests {
		i := strings.Index(tt.sentence, tt.word)
		toks := query.Tokenize(tt.sentence)
		first, last := span(toks, i, i+len(tt.word))
		name, got := s.otherInstrument(tt.sentence, toks, first, last)
		if got != tt.other {
			t.Errorf("otherInstrument(%q, %q) = %v (%q), want %v", tt.sentence, tt.word, got, name, tt.other)
		}
	}
}
