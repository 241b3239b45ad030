package claims

import (
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// Polarity is whether a sentence asserts a status, negates it ("no deal
// was signed") or denies a report of it ("denies the pact was signed").
type Polarity int

const (
	Asserted Polarity = iota
	Negated
	Denied
)

// Mode is whether a sentence reports a status as fact, or only as a plan or
// expectation ("plans to resume"), a hypothesis or question ("could be
// signed"), or an attempt that did not come off ("made little progress on
// restarting").
type Mode int

const (
	Fact Mode = iota
	Plan
	Hypothetical
	Unrealised
)

// reading is how a sentence commits to the status word at one place in it.
type reading struct {
	pol        Polarity
	mode       Mode
	hedged     bool      // only on unnamed sources or media reports
	background bool      // recalled from before the item, not news
	when       time.Time // when the sentence says it happened, if it says
	cue        string    // the words that decided
}

// read judges the status word at tokens first..last of a sentence (toks are
// its tokens). title says whether the sentence is a headline, whose
// present tense reports ("US, India sign chip pact"); published anchors
// relative times ("last year").
func read(text string, toks []query.Token, first, last int, title bool, published time.Time) reading {
	r := reading{}
	if strings.HasSuffix(strings.TrimRight(text, ` "'”’)`), "?") {
		return reading{mode: Hypothetical, cue: "?"} // "Will Moscow and Beijing sign?" asks
	}
	if cue, ok := denial(text, toks, first, last); ok {
		r.pol, r.cue = Denied, cue
		return r
	}
	if cue, ok := deniedComplement(text, toks, first); ok {
		r.pol, r.cue = Negated, cue
		return r
	}
	if pol, mode, cue := governed(text, toks, first, title); cue != "" {
		r.pol, r.mode, r.cue = pol, mode, cue
		return r
	}
	if cue := doubtAfter(text, toks, last); cue != "" {
		return reading{mode: Hypothetical, cue: cue}
	}
	if nominal(toks[first].Text) || gerund(toks[first].Text) {
		if cue := modalAfter(text, toks, last); cue != "" {
			// "ratification of the pact would breach the constitution": an
			// event that is the subject of a modal has not happened.
			return reading{mode: Hypothetical, cue: cue}
		}
	}
	if !title {
		if cue := unreported(toks, first); cue != "" {
			return reading{mode: Hypothetical, cue: cue}
		}
	} else if first == 0 && gerund(toks[first].Text) {
		return reading{mode: Hypothetical, cue: toks[first].Text} // "Resuming talks not foreseeable": a topic
	}
	r.hedged = hedge(text, toks) != ""
	if r.hedged {
		r.cue = hedge(text, toks)
	}
	r.when, r.background, r.cue = anchor(text, toks, first, last, published, r.cue)
	return r
}

// denial finds a verb of denial that governs the status word: "denies it
// has signed", "rejected a report that the pact was signed", "no truth to
// reports", or a verdict after it ("reports that it was signed are false").
func denial(text string, toks []query.Token, first, last int) (string, bool) {
	for i := first - 1; i >= 0 && first-i <= 24; i-- {
		if strings.ContainsAny(text[toks[i].End:toks[i+1].Start], ";") {
			break
		}
		w := toks[i].Text
		if denyVerbs[w] && i > 0 && determiners[toks[i-1].Text] {
			continue // "the disputed dam": an adjective, no one denying
		}
		if denyVerbs[w] {
			return w, true
		}
		if rejectVerbs[w] {
			for k := i + 1; k < first && k-i <= 4; k++ {
				if reportNouns[toks[k].Text] {
					return w + " " + toks[k].Text, true
				}
			}
		}
		if w == "truth" && i > 0 && toks[i-1].Text == "no" {
			return "no truth", true
		}
	}
	for i := last + 1; i < len(toks) && i-last <= 12; i++ {
		if strings.ContainsAny(text[toks[i-1].End:toks[i].Start], ";") {
			break
		}
		if falseWords[toks[i].Text] && reportBefore(toks, first) {
			return toks[i].Text, true
		}
	}
	return "", false
}

// reportBefore reports whether a report is what the sentence is about
// before the status word ("reports that ... are false").
func reportBefore(toks []query.Token, first int) bool {
	for i := first - 1; i >= 0 && first-i <= 10; i-- {
		if reportNouns[toks[i].Text] {
			return true
		}
	}
	return false
}

// deniedComplement finds a status word inside what a negated verb of saying
// or meaning governs: "did not mean the working group had resumed", "no
// sign that talks have restarted". It looks further back than the plain
// negation window, within the clause.
func deniedComplement(text string, toks []query.Token, hit int) (string, bool) {
	for i := hit - 1; i >= 0 && hit-i <= 16; i-- {
		if strings.ContainsAny(text[toks[i].End:toks[i+1].Start], ";:()") {
			return "", false
		}
		if !complementHeads[toks[i].Text] {
			continue
		}
		for k := i - 1; k >= 0 && i-k <= 3; k-- {
			if negators[toks[k].Text] {
				return toks[k].Text + " " + toks[i].Text, true
			}
			if toks[k].Text == "t" && k > 0 && strings.HasSuffix(toks[k-1].Text, "n") {
				return toks[k-1].Text + "'t " + toks[i].Text, true
			}
		}
	}
	return "", false
}

// lookBack is how many words before a status word are searched for a
// negation or a modal that governs it, within its clause.
const lookBack = 6

// governed walks back over the status word's clause for what governs it: a
// negator ("no", "never", "failed to"), a modal or condition ("would",
// "if"), a verb of planning or hoping ("plans to", "ready to"), an
// infinitive, or a preposition that makes it a topic rather than a report
// ("progress on restarting", "calls for the resumption").
func governed(text string, toks []query.Token, hit int, title bool) (Polarity, Mode, string) {
	if v := setterBefore(text, toks, hit); v >= 0 {
		// "to put the talks on ice": the verb that sets the state is
		// what a plan or a negation governs.
		hit = v
	}
	w := toks[hit].Text
	if hit > 0 && (nominal(w) || eventWords[w]) && !(hit > 1 && markVerbs[toks[hit-2].Text]) {
		switch toks[hit-1].Text {
		case "a", "an", "any":
			// "a revival", "any resumption": an event talked about, not one
			// that happened.
			return Asserted, Hypothetical, toks[hit-1].Text + " " + w
		}
	}
	if hit > 0 && (gerund(w) || nominal(w)) {
		// "revoking the ratification", "withdrawal of Russia's
		// ratification": an event undone did not happen.
		for p := hit - 1; p >= 0 && hit-p <= 5; p-- {
			if clauseBreak(text[toks[p].End:toks[p+1].Start]) || coordinators[toks[p].Text] {
				break // "cancelling meetings and suspending talks": two acts
			}
			if undoing[toks[p].Text] {
				return Negated, Fact, toks[p].Text + " " + w
			}
		}
	}
	if hit > 0 && (gerund(w) || nominal(w)) {
		// "progress on restarting", "a law on Russia's withdrawal": an event
		// noun that a preposition makes the topic of something else.
		for p := hit - 1; p >= 0 && hit-p <= 4; p-- {
			v := toks[p].Text
			if clauseBreak(text[toks[p].End:toks[p+1].Start]) || auxiliaries[v] && !determiners[v] || verbForm(v) || pastForm(v) ||
				v == "by" && p == hit-1 {
				break // "took the lead by ratifying the deal": the means, done
			}
			if topicPreps[v] && (weekdays[toks[p+1].Text] || months[toks[p+1].Text] != 0) {
				break // "signed a decree on Monday extending the pact": a time, no topic
			}
			if topicPreps[v] {
				if gerund(w) || v != "of" {
					return Asserted, Unrealised, v + " " + w
				}
				break
			}
		}
	}
	if hit > 0 && (gerund(w) || nominal(w)) {
		// "to announce the suspension", "will seek the resumption": an
		// event noun that is the object of a planned verb is planned too.
		for i := hit - 1; i >= 1 && hit-i <= 5; i-- {
			if clauseBreak(text[toks[i-1].End:toks[i].Start]) {
				break
			}
			if p := toks[i-1].Text; p == "to" || plans[p] || conditions[p] || needVerbs[p] {
				if !determiners[toks[i].Text] && !auxiliaries[toks[i].Text] {
					return Asserted, Plan, p + " " + toks[i].Text
				}
			}
		}
	}
	adjacent := true // only auxiliaries and adverbs so far
	for i := hit - 1; i >= 0 && hit-i <= lookBack; i-- {
		if clauseBreak(text[toks[i].End:toks[i+1].Start]) {
			break
		}
		v := toks[i].Text
		if v == "t" && i > 0 && strings.HasSuffix(toks[i-1].Text, "n") { // "didn't", "hasn't", "won't"
			return Negated, Fact, toks[i-1].Text + "'t"
		}
		if negators[v] {
			return Negated, Fact, v
		}
		if failures[v] || (v == "close" || v == "closer") && toks[i+1].Text == "to" {
			return Asserted, Unrealised, v // "close to signing", not "a close vote"
		}
		if conditions[v] {
			return Asserted, Hypothetical, v
		}
		if (plans[v] || advocacy[v]) && !(pastForm(v) && timeAfter(toks, i)) {
			// Not "the deal, which was agreed last October, was signed":
			// a participle with its own time is a verb of its own.
			return Asserted, Plan, v
		}
		if possibility[v] && hit-i <= 3 {
			return Asserted, Hypothetical, v
		}
		if adjacent && v == "to" && i+1 < hit && (toks[i+1].Text == "a" || toks[i+1].Text == "an") {
			break // "came to a halt", "brought to an end": a noun, no infinitive
		}
		if adjacent && v == "to" {
			// An infinitive: a plan, a hope or a refusal ("failed to sign",
			// "not going to be reconvened"), never a fact; but a decision
			// taken is one ("decided to terminate the pact", "voted
			// overwhelmingly on Wednesday to ratify"), and so is what one
			// managed to do or was the first to do ("the sixth country to
			// ratify").
			if i > 0 && decided[toks[i-1].Text] || factualInfinitive(toks, hit) {
				return Asserted, Fact, ""
			}
			for k := i - 1; k >= 0 && i-k <= 3 && !clauseBreak(text[toks[k].End:toks[k+1].Start]); k-- {
				if negators[toks[k].Text] {
					return Negated, Plan, toks[k].Text + " to " + w
				}
				if failures[toks[k].Text] {
					return Asserted, Unrealised, toks[k].Text + " to " + w
				}
			}
			return Asserted, Plan, "to " + w
		}
		if v == "and" && adjacent && bareVerb(w) {
			// "will travel to Geneva and begin talks": a bare verb after
			// "and" shares the modal or infinitive of the verb before.
			adjacent = false
			continue
		}
		if v == "and" && adjacent && i > 0 && !pastForm(toks[i-1].Text) && !verbForm(toks[i-1].Text) && !negators[toks[i-1].Text] {
			// "have not fulfilled our expectation and finally broke off": a
			// new verb after an object; but "was not signed and ratified"
			// shares its negation.
			break
		}
		if (v == "or" || v == "and") && adjacent && i > 0 && pastForm(toks[i-1].Text) {
			// "calls to be scrapped or suspended": two participles share
			// what governs the first.
			i--
			continue
		}
		if !auxiliaries[v] && !strings.HasSuffix(v, "ly") {
			adjacent = false
		}
		if (v == "when" || v == "until" || v == "till") && !pastForm(w) && !presentPerfect(toks, hit) && !progressiveBefore(toks, hit) {
			// "when the pact takes effect", "until talks resume": a present
			// tense in a clause of time speaks of what is to come.
			return Asserted, Hypothetical, v
		}
		if clauseWord(v) {
			break
		}
	}
	return Asserted, Fact, ""
}

// setterBefore returns the verb that puts the agreement into the state
// phrase at hit ("put the talks on ice", "placed the deal on hold"), or -1.
func setterBefore(text string, toks []query.Token, hit int) int {
	if w := toks[hit].Text; w != "on" && w != "in" {
		return -1
	}
	for i := hit - 1; i >= 0 && hit-i <= 8; i-- {
		if clauseBreak(text[toks[i].End:toks[i+1].Start]) {
			return -1
		}
		if stateSetters[toks[i].Text] {
			return i
		}
	}
	return -1
}

var stateSetters = set("put", "puts", "putting", "place", "placed", "places", "placing", "keep", "keeps", "kept", "keeping", "left", "leave", "leaves")

// doubtAfter finds a verdict of doubt soon after the status word ("a revival
// is unlikely").
func doubtAfter(text string, toks []query.Token, last int) string {
	for i := last + 1; i < len(toks) && i-last <= 10; i++ {
		if clauseBreak(text[toks[i-1].End:toks[i].Start]) {
			break
		}
		w := toks[i].Text
		if doubt[w] {
			return w
		}
		if w == "likely" && i > last+1 && (toks[i-1].Text == "less" || toks[i-1].Text == "not") {
			return toks[i-1].Text + " likely"
		}
	}
	return ""
}

// modalAfter finds the modal verb whose subject is the event noun ending at
// last: the noun, its "of" phrase, then "would", "could", "will".
func modalAfter(text string, toks []query.Token, last int) string {
	for i := last + 1; i < len(toks) && i-last <= 10; i++ {
		if clauseBreak(text[toks[i-1].End:toks[i].Start]) {
			return ""
		}
		w := toks[i].Text
		if modals[w] {
			if i+1 < len(toks) && effectVerbs[toks[i+1].Text] {
				return "" // "the withdrawal will take effect in six months": when, not whether
			}
			return w
		}
		if pastForm(w) || verbForm(w) || auxiliaries[w] && !determiners[w] {
			return "" // the noun's own verb comes first: "the ratification was completed"
		}
	}
	return ""
}

var (
	modals      = set("would", "could", "might", "may", "should", "will", "must", "can")
	effectVerbs = set("take", "come", "enter", "begin", "start", "go", "become", "happen", "occur")
	// needVerbs want what they take: "requires parliamentary ratification".
	needVerbs = set("requires", "require", "required", "needs", "need", "needed", "awaits", "await", "awaiting", "pending")
)

// unreported says why a verb form in running text does not report: in a
// body, only the past tense, a participle, a state ("on hold") or an event
// noun reports; "sign", "signs" and "signing" there speak of habits, plans
// or topics. Headlines report in the present tense, and are not asked.
func unreported(toks []query.Token, hit int) string {
	w := toks[hit].Text
	switch {
	case factualInfinitive(toks, hit):
		return "" // "managed to ratify", "the sixth country to ratify", "voted to ratify"
	case hit > 1 && (toks[hit-1].Text == "a" || toks[hit-1].Text == "an") && toks[hit-2].Text == "to":
		return "" // "came to a halt": a noun
	case gerund(w) && hit > 0 && toks[hit-1].Text == "by":
		return "" // "took the lead by ratifying the deal": the means, done
	case gerund(w) && enacted(toks, hit):
		return "" // "signed an executive order extending the truce": what the order does
	case pastForm(w) || nominal(w) || stateWords[w] || strings.HasPrefix(w, "negotiat") && w != "negotiating":
		return ""
	case perfectBefore(toks, hit):
		return "" // "has come into force": a participle like its base
	case !baseVerbs[strings.TrimSuffix(strings.TrimSuffix(w, "ing"), "s")] && !baseVerbs[strings.TrimSuffix(w, "es")] && !gerund(w):
		return "" // not a verb of the triggers: "media reports", an admin's own words
	case gerund(w):
		if progressiveBefore(toks, hit) || hit > 0 && toks[hit-1].Text == "be" {
			return "" // "are resuming", "were signing", "is currently negotiating"
		}
		return w
	case strings.HasSuffix(w, "s") && hit > 0 && !determiners[toks[hit-1].Text] &&
		(hit+1 >= len(toks) || toks[hit+1].Text != "of" && toks[hit+1].Text != "that"):
		return "" // "Russia suspends its participation": a present report, not "signs of"
	}
	return w
}

// perfectBefore reports whether "have", "has" or "had" stands just before
// the word at hit, adverbs between: its participle then looks like its base
// ("has come into force", "had now become effective").
func perfectBefore(toks []query.Token, hit int) bool {
	for k := hit - 1; k >= 0 && hit-k <= 3; k-- {
		switch w := toks[k].Text; {
		case w == "have" || w == "has" || w == "had":
			return true
		case strings.HasSuffix(w, "ly") || stillWords[w]:
		default:
			return false
		}
	}
	return false
}

// pastForm reports whether w is a past tense or participle.
func pastForm(w string) bool {
	return strings.HasSuffix(w, "ed") || irregularPast[w]
}

// bareVerb reports whether w is a verb of the triggers in its bare form
// ("begin", "sign"), which after "and" takes the tense of the verb before.
func bareVerb(w string) bool {
	return baseVerbs[w] || w == "begin" || w == "start" || w == "open"
}

func gerund(w string) bool { return strings.HasSuffix(w, "ing") && len(w) > 5 }

// nominal reports whether a status word is a noun of an event ("revival",
// "suspension", "resumption", "withdrawal") rather than a verb.
func nominal(w string) bool {
	for _, suf := range []string{"al", "ion", "ment", "ure"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return true
		}
	}
	return false
}

// clauseBreak reports whether the text between two words ends a clause.
func clauseBreak(between string) bool {
	return strings.ContainsAny(between, ",;:()—–")
}

// clauseWord reports whether w starts a new clause, beyond which a negation
// no longer reaches.
func clauseWord(w string) bool {
	switch w {
	case "but", "while", "although", "though", "whereas", "because", "which", "who", "after", "since", "as", "when", "where":
		return true
	}
	return false
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var (
	negators = set("no", "not", "never", "nor", "neither", "without", "cannot", "unlikely",
		"refused", "refuses", "refuse", "declined", "declines", "decline",
		"yet", "instead", "rather", "before", "against", "nothing", "none")
	failures = set("failed", "fails", "fail", "failure", "unable", "hard", "difficult", "struggled", "struggling",
		"struggle", "progress", "effort", "efforts", "bid", "attempt", "attempts", "attempted", "trying", "tried", "try",
		"push", "pushing", "pushed", "seeking", "sought", "seek", "seeks",
		// near, not there: "nearly finalised", "on the verge of signing"
		"nearly", "almost", "verge", "brink", "cusp")
	conditions = set("would", "could", "might", "may", "should", "can", "must", "if", "unless", "whether", "once")
	plans      = set("will", "shall", "hopes", "hope", "hoped", "hoping", "wants", "want", "wanted",
		"plans", "plan", "planned", "planning", "aims", "aim", "aimed", "intends", "intend", "intended",
		"expected", "expects", "expect", "ready", "prepared", "urged", "urges", "urge",
		"pressed", "presses", "proposed", "proposes", "propose", "considering", "consider",
		"weighs", "weighing", "poised", "agreed", "agree", "agrees", "vowed", "vows", "pledged", "pledges",
		"promised", "promises", "threatened", "threatens", "ultimatum")
	// undoing are words that undo an event named after them: "revoking
	// the ratification", "withdrawal of its signature".
	undoing = set("revoke", "revokes", "revoked", "revoking", "revocation", "cancel", "cancels", "canceled",
		"cancelled", "canceling", "cancelling", "cancellation", "rescind", "rescinds", "rescinded", "rescinding",
		"annul", "annuls", "annulled", "annulling", "annulment", "repeal", "repeals", "repealed", "repealing",
		"reverse", "reverses", "reversed", "reversing", "reversal", "undo", "undoes", "undoing",
		"withdraw", "withdraws", "withdrew", "withdrawing", "withdrawal", "retract", "retracts", "retracted", "retracting")
	// advocacy are verbs that argue for what they govern: what a committee
	// "recommends ratifying" or "supports the ratification of" is yet to
	// be done. Not the participles ("a Russia-backed deal").
	advocacy = set("recommend", "recommends", "recommending", "supports", "backs", "endorse", "endorses",
		"favours", "favors", "advocate", "advocates", "advocating")
	// markVerbs say that an event happened as what something else was:
	// "the talks mark a resumption of the dialogue".
	markVerbs = set("mark", "marks", "marked", "marking", "constitute", "constitutes", "constituted")
	decided   = set("decided", "decides", "decision", "moved", "moves", "chose", "chooses")
	// implicative verbs say their infinitive happened: "managed to
	// ratify"; so do verbs of going on or starting: "continue to
	// negotiate", "began to withdraw".
	implicative = set("managed", "manages", "continue", "continues", "continued", "continuing",
		"began", "begins", "started", "starts")
	// agentNouns are who can be the first to do something: "the first
	// country to ratify".
	agentNouns = set("country", "countries", "nation", "nations", "state", "states", "member", "members", "party", "parties",
		"signatory", "signatories", "government", "governments", "parliament", "legislature")
	ordinals = set("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"last", "latest", "only", "final")
	possibility = set("prospect", "prospects", "chance", "chances", "hope", "hopes", "possibility",
		"possible", "potential", "talk", "idea", "question", "eventual", "future")
	complementHeads = set("mean", "means", "meant", "signal", "signals", "indicate", "indicates", "suggest", "suggests",
		"confirm", "confirmed", "sign", "evidence", "indication", "say", "said", "believe", "think")
	doubt       = set("unlikely", "doubtful", "uncertain", "improbable", "unclear")
	auxiliaries = set("be", "been", "being", "is", "are", "was", "were", "am", "have", "has", "had",
		"do", "does", "did", "get", "got", "formally", "officially", "finally", "now", "already", "also",
		"just", "reportedly", "eventually", "jointly", "quickly", "soon", "then", "the", "a", "an")
	progressive = set("is", "are", "was", "were", "be", "been", "am")
	denyVerbs   = set("deny", "denies", "denied", "denying", "denial", "refuted", "refutes", "refute", "disputed", "disputes")
	rejectVerbs = set("rejected", "rejects", "reject", "rejecting", "dismissed", "dismisses", "dismiss", "dismissing",
		"played", "downplayed", "brushed", "quashed", "scotched")
	reportNouns = set("report", "reports", "claim", "claims", "speculation", "rumors", "rumours", "suggestion", "suggestions",
		"reporting", "story", "stories", "allegation", "allegations")
	falseWords  = set("false", "untrue", "baseless", "unfounded", "groundless", "fabricated", "fake", "inaccurate", "wrong")
	topicPreps  = set("on", "of", "about", "for", "toward", "towards", "to", "into", "over", "at")
	stateWords  = set("on", "in", "final", "agreement", "frozen", "withdrawn", "left", "quit")
	determiners = set("the", "a", "an", "its", "their", "his", "her", "this", "that", "any")
	baseVerbs   = set("sign", "ink", "seal", "exit", "quit", "withdraw", "pull", "walk", "renounce", "collapse", "scrap",
		"abandon", "terminate", "join", "rejoin", "ratify", "ratifie", "launch", "halt", "resume", "restart", "revive", "reconvene",
		"convene", "suspend", "freeze", "dissolve", "disband", "abolish", "propose", "clinch", "strike", "reach",
		"unveil", "announce", "pause", "stall", "shelve", "leave", "accede", "enter", "take", "come", "go", "call", "break", "cut", "fall")
	irregularPast = set("said", "told", "wrote", "withdrew", "withdrawn", "froze", "frozen", "quit", "left", "cut", "put", "shut", "set", "fell", "broke", "struck", "took",
		"came", "went", "entered", "sealed", "met", "begun", "began", "held", "made", "won", "gave", "sent", "spoke", "led", "kept", "brought")
)

// progressiveBefore reports whether a form of "be" stands just before the
// status word: "when talks were resuming", "as it is entering into force".
// An adverb may stand between: "is currently negotiating".
func progressiveBefore(toks []query.Token, hit int) bool {
	b := hit - 1
	if b > 0 && (strings.HasSuffix(toks[b].Text, "ly") || stillWords[toks[b].Text]) {
		b--
	}
	return b >= 0 && progressive[toks[b].Text] && toks[b].Text != "be"
}

// stillWords are adverbs of time that stand inside a verb: "is still
// negotiating", "are now resuming".
var stillWords = set("still", "now", "already", "also", "again", "just")

// factualInfinitive reports whether the infinitive at hit says its act
// happened: what one managed to do, was the first to do, or, for a
// legislature, voted to ratify (its vote is the ratification; a vote to
// leave a treaty only lets the government do so).
func factualInfinitive(toks []query.Token, hit int) bool {
	if hit < 2 || toks[hit-1].Text != "to" {
		return false
	}
	return implicative[toks[hit-2].Text] || decidedVerbs[toks[hit-2].Text] || ordinalAgent(toks, hit-1) && !plannedBefore(toks, hit) || enacted(toks, hit-1) ||
		resumeWords[toks[hit].Text] && (toks[hit-2].Text == "agreed" || agreementReached(toks, hit-1)) ||
		ratifyWords[toks[hit].Text] && votedBefore(toks, hit-1)
}

var ratifyWords = set("ratify", "approve", "endorse")

// enacted reports whether the infinitive whose "to" is at token to is what
// a signed order, decree or law does: "signed an executive order Monday
// to withdraw the United States from the pact" withdraws it.
func enacted(toks []query.Token, to int) bool {
	k := to - 1
	for k >= 0 && (dayBetween(toks[k].Text) || todayWords[toks[k].Text]) {
		k--
	}
	if k < 1 || !decreeNouns[toks[k].Text] {
		return false
	}
	for j := k - 1; j >= 0 && k-j <= 3; j-- {
		switch toks[j].Text {
		case "signed", "signs", "issued", "issues": // done, not "will sign"
			return j == 0 || !plans[toks[j-1].Text] && toks[j-1].Text != "to"
		}
	}
	return false
}

var decreeNouns = set("order", "orders", "decree", "decrees", "law", "laws", "directive", "proclamation")

// decidedVerbs report a decision taken, which news reports as the act:
// "India decided to suspend the treaty". The noun does not: "the decision
// to withdraw", announced, often takes effect later.
var decidedVerbs = set("decided", "decides")

// resumeWords: what the sides have agreed, or reached an agreement, to take
// up again or to keep going is so ("agreed to resume talks", "have agreed
// to extend the agreement for two years"); agreeing to sign is not signing.
var resumeWords = set("resume", "restart", "reconvene", "revive", "extend", "renew", "prolong")

// votedBefore reports whether a vote governs the infinitive whose "to" is
// at token to, adverbs and times between: "voted overwhelmingly on
// Wednesday to ratify".
func votedBefore(toks []query.Token, to int) bool {
	for k := to - 1; k >= 0 && to-k <= 4; k-- {
		w := toks[k].Text
		switch {
		case w == "voted" || w == "votes" || w == "vote":
			return true
		case strings.HasSuffix(w, "ly") || dayBetween(w): // "unanimously", "on Wednesday"
		default:
			return false
		}
	}
	return false
}

// timeAfter reports whether a time expression starts right after token i:
// "agreed last October", "planned in 2019", "expected on Monday".
func timeAfter(toks []query.Token, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	w, after := toks[i+1].Text, next(toks, i+1)
	switch {
	case w == "last" || w == "earlier" || w == "yesterday" || weekdays[w] || months[w] != 0 && w != "may":
		return true
	case w == "in" || w == "on" || w == "since":
		return year(after) != 0 || months[after] != 0 && after != "may" || weekdays[after]
	}
	return false
}

// dayBetween reports whether w may stand between a verb and the
// infinitive it governs as the day it was done: "voted on Wednesday to
// ratify", "signed an order yesterday to withdraw".
func dayBetween(w string) bool {
	return weekdays[w] || w == "on" || w == "today" || w == "yesterday"
}

// agreementReached reports whether the infinitive whose "to" is at token to
// hangs on an agreement reached: "reached a tacit agreement to extend the
// deal", "an agreement was reached to extend it" extend it (Read takes it
// as done for the verbs of going on, resumeWords; "reached an agreement to
// reopen embassies within two months" is still to come). Not one still to
// be reached ("hope to reach a deal to extend").
func agreementReached(toks []query.Token, to int) bool {
	from := -1 // where the phrase that reached the agreement starts
	switch k := to - 1; {
	case k >= 2 && reachWords[toks[k].Text] && auxiliaries[toks[k-1].Text] && agreementNouns[toks[k-2].Text]:
		from = k - 2 // "an agreement was reached to"
	case k >= 1 && reachWords[toks[k].Text] && agreementNouns[toks[k-1].Text]:
		from = k - 1 // a headline's "agreement reached to"
	case k >= 1 && agreementNouns[toks[k].Text]:
		for j := k - 1; j >= 0 && k-j <= 3; j-- {
			if reachWords[toks[j].Text] {
				from = j // "reached a tacit agreement to"
				break
			}
		}
	}
	if from < 0 {
		return false
	}
	for j := from - 1; j >= 0 && from-j <= 3; j-- {
		if w := toks[j].Text; w == "to" || plans[w] || conditions[w] || negators[w] || failures[w] {
			return false // "hope to reach an agreement to extend it"
		}
	}
	return true
}

var (
	reachWords     = set("reached", "struck", "clinched", "sealed", "secured")
	agreementNouns = set("agreement", "deal", "accord", "understanding", "consensus")
)

// plannedBefore reports whether the ordinal agent before the infinitive at
// hit hangs on a plan: "Canada will withdraw, making it the first nation
// to pull out" is still one; "became the sixth country to ratify" is done,
// whatever else the sentence plans.
func plannedBefore(toks []query.Token, hit int) bool {
	k := hit - 4 // before "the first nation to"
	for k > 0 && (determiners[toks[k].Text] || toks[k].Text == "it" || toks[k].Text == "them") {
		k--
	}
	if k >= 0 && (pastForm(toks[k].Text) || factCopulas[toks[k].Text]) {
		return false
	}
	for k := 0; k < hit; k++ {
		if w := toks[k].Text; w == "will" || w == "would" || w == "could" || w == "might" || w == "may" || w == "plans" || w == "expected" {
			return true
		}
	}
	return false
}

var factCopulas = set("became", "becomes", "is", "are", "was", "were", "remains", "remained")

// ordinalAgent reports whether the infinitive at "to" describes who did it
// first or last: "Mexico becomes the first country to ratify", "the 60th
// state to join".
func ordinalAgent(toks []query.Token, to int) bool {
	if to < 2 || !agentNouns[toks[to-1].Text] {
		return false
	}
	w := toks[to-2].Text
	return ordinals[w] || len(w) > 2 && w[0] >= '0' && w[0] <= '9' &&
		(strings.HasSuffix(w, "th") || strings.HasSuffix(w, "st") || strings.HasSuffix(w, "nd") || strings.HasSuffix(w, "rd"))
}
