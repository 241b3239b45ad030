package claims

import (
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// heldBack reads the status word at byte offsets start..end of a sentence
// of running text and says whether it is held back: "negated" (negated or
// denied), "hypothetical" (any mode but fact), or "" when it reports.
func heldBack(sentence string, start, end int) (string, string) {
	toks := query.Tokenize(sentence)
	first, last := span(toks, start, end)
	r := read(sentence, toks, first, last, false, time.Time{})
	switch {
	case r.pol != Asserted:
		return "negated", r.cue
	case r.mode != Fact:
		return "hypothetical", r.cue
	}
	return "", r.cue
}

// TestHeldBack checks, on real news sentences, whether a status word is
// reported as holding now, or held back as negated or hypothetical.
func TestHeldBack(t *testing.T) {
	tests := []struct {
		sentence, word, want string
	}{
		// A plain past-tense report holds.
		{"Russia and China signed an agreement on information security on Friday.", "signed", ""},
		// A past-tense mention inside a clause still holds.
		{"The language built on the agreement that Moscow and Beijing signed in May.", "signed", ""},
		// Passive voice with an adverb holds.
		{"The working group was formally suspended on Wednesday.", "suspended", ""},
		// "no ... was signed" is negated.
		{"The summit came and went and no deal was signed.", "signed", "negated"},
		// "did not" / "didn't" negate.
		{"The two leaders did not sign the accord.", "sign", "negated"},
		{"Beijing didn't resume the talks.", "resume", "negated"},
		// "failed to" says it did not come off.
		{"Negotiators failed to sign the text before the deadline.", "sign", "hypothetical"},
		// "refused to resume" is a refusal, not a resumption.
		{"Officials refused to resume the dialogue.", "resume", "negated"},
		// A conditional is hypothetical.
		{"If it is signed, the pact would allow joint operations.", "signed", "hypothetical"},
		// Modals are hypothetical.
		{"The deal could be signed in May.", "signed", "hypothetical"},
		// A hope or a plan is not a fact.
		{"The U.S. hopes to restart the talks early next year.", "restart", "hypothetical"},
		{"Moscow says it is ready to resume cyber talks.", "resume", "hypothetical"},
		// "no plans to" is a negated plan.
		{"China has no plans to resume the working group.", "resume", "negated"},
		// A verdict of doubt after the word holds it back.
		{"A revival of the group looks unlikely.", "revival", "hypothetical"},
		// A negation in an earlier clause does not reach past the comma.
		{"No one was surprised, but the pact was signed on time.", "signed", ""},
		// "not going to be reconvened" is negated.
		{"Officials said the group is not going to be reconvened.", "reconvened", "negated"},
		// Two verbs joined by "and" share their negation.
		{"The pact was not signed and ratified before the summit.", "ratified", "negated"},
		// "agree to revive" is a promise about the future.
		{"Obama and Xi agree to revive talks.", "revive", "hypothetical"},
	}
	for _, tt := range tests {
		i := strings.Index(tt.sentence, tt.word)
		if i < 0 {
			t.Fatalf("%q not in %q", tt.word, tt.sentence)
		}
		got, cue := heldBack(tt.sentence, i, i+len(tt.word))
		if got != tt.want {
			t.Errorf("heldBack(%q, %q) = %q (cue %q), want %q", tt.sentence, tt.word, got, cue, tt.want)
		}
	}
}

// TestSentences checks sentence splitting on abbreviations, initials and
// quotes.
func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"Russia and China signed a pact. The U.S. shrugged it off.", 2},
		{"The U.S. State Department said so. Mr. Kerry agreed.", 2},
		{"He said \"it is over.\" Then he left.", 2},
		{"First line\nSecond line", 2},
		{"Talks resumed in Jan. 2015 in Geneva.", 1},
		// A feed that lost the spaces after its full stops.
		{"The pact was signed by India.U.S. media said so.The deal is new.", 3},
		{"Growth was 3.5 percent in the U.S. economy, per the I.M.F. report.", 1},
		{"", 0},
	}
	for _, tt := range tests {
		if got := Split(tt.text); len(got) != tt.want {
			t.Errorf("Split(%q) = %q, want %d", tt.text, got, tt.want)
		}
	}
}

// TestHeldBackFurther covers cues beyond the plain negation window.
func TestHeldBackFurther(t *testing.T) {
	tests := []struct {
		sentence, word, want string
	}{
		// A negated verb of meaning governs its whole complement clause.
		{"Both sides stressed that the encounter did not mean the U.S.-Russia working group on cybersecurity had resumed.", "resumed", "negated"},
		// "no sign that" likewise.
		{"There was no sign that the U.S.-China working group on cyber issues had restarted.", "restarted", "negated"},
		// An event noun after "a" is talked about, not reported.
		{"The breach makes a revival of the working group even less likely.", "revival", "hypothetical"},
		// A doubt verdict several words later still counts.
		{"A resumption of the long-frozen cyber working group looks unlikely.", "resumption", "hypothetical"},
		// A question asks; it does not report.
		{"Has the Russia-China cyber pact been signed?", "signed", "hypothetical"},
		// A plain report after a semicolon-free clause holds.
		{"Officials said the pact was signed in May.", "signed", ""},
	}
	for _, tt := range tests {
		i := strings.Index(tt.sentence, tt.word)
		got, cue := heldBack(tt.sentence, i, i+len(tt.word))
		if got != tt.want {
			t.Errorf("heldBack(%q, %q) = %q (cue %q), want %q", tt.sentence, tt.word, got, cue, tt.want)
		}
	}
}
