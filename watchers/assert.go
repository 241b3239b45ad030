package watchers

import (
	"strings"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// Why a status word found in a sentence does not report that the status
// holds now.
const (
	heldNegated      = "negated"
	heldHypothetical = "hypothetical"
)

// lookBack is how many words before a status word are searched for a
// negation or a modal that governs it, within its clause.
const lookBack = 6

// heldBack tells whether the words of sentence between start and end (byte
// offsets) are asserted as holding now. It returns "" when they are, else
// heldNegated or heldHypothetical with the cue that held them back.
//
// The rules are about English news prose, and general: a negator ("no",
// "not", "never", "n't", "failed to", "refused to") or a modal or condition
// ("would", "could", "if", "whether") earlier in the same clause, an
// infinitive ("hopes to restart", "to be signed"), a noun of possibility
// ("prospects of a revival"), or a verdict of doubt soon after ("a revival
// is unlikely").
func heldBack(sentence string, start, end int) (why, cue string) {
	toks := query.Tokenize(sentence)
	hit := -1
	for i, t := range toks {
		if t.Start >= start {
			hit = i
			break
		}
	}
	if hit < 0 {
		return "", ""
	}
	if strings.HasSuffix(strings.TrimRight(sentence, ` "'”’)`), "?") {
		return heldHypothetical, "?" // "Will Moscow and Beijing sign?" asks, it does not report
	}
	if hit > 0 && nominal(toks[hit].Text) {
		switch toks[hit-1].Text {
		case "a", "an", "any":
			// "a revival", "any resumption": an event talked about, not one
			// that happened.
			return heldHypothetical, toks[hit-1].Text + " " + toks[hit].Text
		}
	}
	if cue, ok := deniedComplement(sentence, toks, hit); ok {
		return heldNegated, cue
	}
	// Walk back over the clause.
	adjacent := true // only auxiliaries and adverbs so far
	for i := hit - 1; i >= 0 && hit-i <= lookBack; i-- {
		if clauseBreak(sentence[toks[i].End:toks[i+1].Start]) {
			break
		}
		w := toks[i].Text
		if w == "t" && i > 0 && strings.HasSuffix(toks[i-1].Text, "n") { // "didn't", "hasn't", "won't"
			return heldNegated, toks[i-1].Text + "'t"
		}
		if _, ok := negators[w]; ok {
			return heldNegated, w
		}
		if _, ok := modals[w]; ok {
			return heldHypothetical, w
		}
		if _, ok := possibility[w]; ok && hit-i <= 3 {
			return heldHypothetical, w
		}
		if adjacent && w == "to" {
			// An infinitive: a plan, a hope or a refusal ("failed to sign",
			// "not going to be reconvened"), never a fact.
			for k := i - 1; k >= 0 && i-k <= 3 && !clauseBreak(sentence[toks[k].End:toks[k+1].Start]); k-- {
				if _, ok := negators[toks[k].Text]; ok {
					return heldNegated, toks[k].Text + " to " + toks[hit].Text
				}
			}
			return heldHypothetical, "to " + toks[hit].Text
		}
		if _, ok := auxiliaries[w]; !ok && !strings.HasSuffix(w, "ly") {
			adjacent = false
		}
		if clauseWord(w) {
			break
		}
	}
	for i := hit + 1; i < len(toks) && i-hit <= 10; i++ {
		if clauseBreak(sentence[toks[i-1].End:toks[i].Start]) {
			break
		}
		w := toks[i].Text
		if _, ok := doubt[w]; ok {
			return heldHypothetical, w
		}
		if w == "likely" && i > hit+1 && (toks[i-1].Text == "less" || toks[i-1].Text == "not") {
			return heldHypothetical, toks[i-1].Text + " likely"
		}
	}
	return "", ""
}

// nominal reports whether a status word is a noun of an event ("revival",
// "suspension", "resumption", "agreement") rather than a verb.
func nominal(w string) bool {
	for _, suf := range []string{"al", "ion", "ment"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return true
		}
	}
	return false
}

// deniedComplement finds a status word inside what a negated verb of saying
// or meaning governs: "did not mean the working group had resumed", "no
// sign that talks have restarted", "denied that it had signed". It looks
// further back than the plain negation window, within the clause.
func deniedComplement(sentence string, toks []query.Token, hit int) (string, bool) {
	for i := hit - 1; i >= 0 && hit-i <= 16; i-- {
		if i+1 < len(toks) && strings.ContainsAny(sentence[toks[i].End:toks[i+1].Start], ";:()") {
			return "", false
		}
		if _, ok := complementHeads[toks[i].Text]; !ok {
			continue
		}
		for k := i - 1; k >= 0 && i-k <= 3; k-- {
			if _, ok := negators[toks[k].Text]; ok {
				return toks[k].Text + " " + toks[i].Text, true
			}
			if toks[k].Text == "t" && k > 0 && strings.HasSuffix(toks[k-1].Text, "n") {
				return toks[k-1].Text + "'t " + toks[i].Text, true
			}
		}
	}
	return "", false
}

// clauseBreak reports whether the text between two words ends a clause.
func clauseBreak(between string) bool {
	return strings.ContainsAny(between, ",;:()—–")
}

// clauseWord reports whether w starts a new clause, beyond which a negation
// no longer reaches.
func clauseWord(w string) bool {
	switch w {
	case "but", "while", "although", "though", "whereas", "because", "which", "who":
		return true
	}
	return false
}

func set(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}

var (
	negators = set("no", "not", "never", "nor", "neither", "without", "cannot", "unlikely",
		"failed", "fails", "fail", "refused", "refuses", "refuse", "declined", "declines",
		"denied", "denies", "deny", "yet", "instead", "rather", "before", "against", "nothing", "none")
	modals = set("would", "could", "might", "may", "should", "will", "shall", "can", "must",
		"if", "unless", "whether", "once", "hopes", "hope", "hoped", "wants", "want", "wanted",
		"plans", "plan", "planned", "aims", "aim", "seeks", "seek", "expected", "expects", "expect",
		"likely", "ready", "urged", "urges", "urge", "calls", "called", "pressed", "presses",
		"proposed", "proposes", "propose", "considering", "consider", "weighs", "weighing", "set", "poised", "due")
	possibility = set("prospect", "prospects", "chance", "chances", "hope", "hopes", "possibility",
		"possible", "potential", "talk", "idea", "question", "eventual", "future")
	complementHeads = set("mean", "means", "meant", "signal", "signals", "indicate", "indicates", "suggest", "suggests",
		"confirm", "confirmed", "sign", "evidence", "indication", "say", "said", "believe", "think")
	doubt       = set("unlikely", "doubtful", "uncertain", "improbable", "unclear")
	auxiliaries = set("be", "been", "being", "is", "are", "was", "were", "am", "have", "has", "had",
		"do", "does", "did", "get", "got", "formally", "officially", "finally", "now", "already", "also",
		"just", "reportedly", "eventually", "jointly", "quickly", "soon", "then", "the", "a", "an")
)
