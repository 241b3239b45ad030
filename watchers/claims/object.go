package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// actor is who or what a status word acts on, as far as the words around
// it tell: the agreement itself, one of its parties, or something else.
type actor struct {
	party string // the one party that joins or leaves, for party statuses
	other string // what else the word acts on ("inspections"), if not the agreement
	// postNominal says the word is a participle that describes the noun
	// before it ("the treaty, signed by Reagan and Gorbachev, banned..."):
	// what the sentence takes as known, not what it reports.
	postNominal bool
	// subjectParty says the word's subject is one party of the agreement
	// ("South Korea terminates the pact"), whether or not it has more.
	subjectParty bool
	// talks says the word's object is the agreement's talks ("suspends
	// normalization talks"), not the agreement: one side that stops
	// talking stops the talks, it leaves nothing.
	talks bool
}

// actsOn reads what the status word at tokens first..last acts on. A status
// word counts only when its object is the agreement ("suspended the
// talks"), or it has no object and its subject is the agreement or its
// parties ("talks resumed", "the pact was signed"). "Suspends inspections",
// "signed executive orders", "two officials pulled out of the talks" act on
// something else.
func (c *Compiled) actsOn(text string, toks []query.Token, first, last int, title bool) actor {
	sc := c.scope()
	if name, ok := sc.otherInstrument(text, toks, first, last); ok {
		return actor{other: name}
	}
	if first == last && agreeWords[toks[first].Text] && first+2 < len(toks) && toks[first+1].Text == "to" &&
		talkOnBases[toks[first+2].Text] && !clauseBreak(text[toks[first].End:toks[first+2].Start]) {
		// "have agreed to engage in negotiations": they agreed to go on
		// talking, not on a deal; "agreed to export grain" is one.
		return actor{other: "to " + toks[first+2].Text}
	}
	if endWords[toks[first].Text] {
		// "concluded a round of talks", "closed the meeting": the round
		// ends, no deal is reached.
		k := first + 1
		for k < len(toks) && k-first <= 3 && (determiners[toks[k].Text] || ordinals[toks[k].Text] || numberWords[toks[k].Text] != 0 ||
			toks[k].Text[0] >= '0' && toks[k].Text[0] <= '9') { // "the 12th round", "its fourth round"
			k++
		}
		if k < len(toks) && roundNouns[toks[k].Text] {
			return actor{other: toks[k].Text}
		}
	}
	if head := infinitiveOf(sc, text, toks, first, last); head != "" {
		return actor{other: head}
	}
	if subj := effectSubject(sc, text, toks, first, last); subj != "" {
		return actor{other: subj}
	}
	if np := modifies(sc, text, toks, first, last); np != "" {
		return actor{other: np}
	}
	var a actor
	for k := last + 1; k < len(toks) && k-last <= 5; k++ {
		if w := toks[k].Text; clauseBreak(text[toks[k-1].End:toks[k].Start]) || w != "it" && w != "its" && sc.ref.Match(query.NewDocument("", w)) {
			break // its object comes first: "announced the pact"
		}
		if (toks[k].Text == "that" || conditions[toks[k].Text] || toks[k].Text == "will" || clauseSubject(toks, k)) && sayingVerbs[toks[first].Text] {
			// "announced on Friday that it will withdraw", "announced it
			// would extend", "announced Thursday he is taking up arms":
			// what it says is a clause, not the agreement.
			return actor{other: "a statement"}
		}
	}
	if sayingVerbs[toks[first].Text] && first == last && !passive(toks, first) && saysNothing(text, toks, last) {
		// "opened its embassy, the ministry announced", "officials
		// announced on Wednesday, ending the deal": a verb of saying with
		// nothing said is a source, not a status.
		return actor{other: "a statement"}
	}
	if sayingVerbs[toks[first].Text] && first == last && passive(toks, first) && expletiveIt(text, toks, first) && saysNothing(text, toks, last) {
		// "the two sides will meet again, it was announced on Monday": an
		// "it" set off by a comma stands for what was said, not for the
		// agreement.
		return actor{other: "a statement"}
	}
	if last+1 < len(toks) && gerund(toks[last+1].Text) && !talkGerunds[toks[last+1].Text] && !hyphenAfter(text, toks, last+1) && // "working-level talks": an adjective
		!clauseBreak(text[toks[last].End:toks[last+1].Start]) && !passive(toks, first) &&
		!(last+2 < len(toks) && (dealNoun(toks[last+2].Text) || dealNoun(next(toks, last+2)) && !determiners[toks[last+2].Text])) { // "sign groundbreaking peace deal": an adjective; "proposed postponing talks" acts on the talks
		// "proposed postponing the talks", "suspended funding the group":
		// the word acts on another act.
		return actor{other: toks[last+1].Text}
	}
	if last+2 < len(toks) && toks[last+1].Text == "into" && toks[last+2].Text == "law" {
		return actor{other: "a law"} // "signed into law a bill denouncing the treaty"
	}
	i := last + 1
	for i < len(toks) && particles[toks[i].Text] && !clauseBreak(text[toks[i-1].End:toks[i].Start]) {
		i++
	}
	objStart := i
	var window []string
	for ; i < len(toks) && len(window) < 9; i++ {
		if between := text[toks[i-1].End:toks[i].Start]; clauseBreak(between) &&
			!(strings.TrimSpace(between) == "," && len(window) > 0 && allAdjectives(window) && nounAhead(sc, text, toks, i)) {
			break // but a list of adjectives goes on: "to cancel military, climate talks"
		}
		w := toks[i].Text
		if number(w) != 0 && i+1 < len(toks) && timeNouns[toks[i+1].Text] {
			i++ // "extended two months", "a two-month extension": a length, not an object
			continue
		}
		if timeNouns[w] || weekdays[w] || months[w] != 0 ||
			(w == "last" || w == "this" || w == "next") && i+1 < len(toks) && (timeNouns[toks[i+1].Text] || weekdays[toks[i+1].Text]) {
			break // "signed this month", "resumed last week"
		}
		if len(window) > 0 && (verbForm(w) || gerund(w) && instrumentNouns[window[len(window)-1]]) && !hyphenAfter(text, toks, i-1) {
			break // "signs decree suspending the treaty": a verb ends the object, not "a Japan-brokered accord"
		}
		if w == "of" && len(window) > 0 && portionNouns[window[len(window)-1]] {
			// "suspends part of the pact", "scraps a clause of the deal":
			// a portion of it, the rest standing.
			return actor{other: strings.Join(window, " ") + " of it"}
		}
		if (w == "and" || w == "or") && len(window) > 0 && allAdjectives(window) && nounAhead(sc, text, toks, i+1) {
			continue // "held intensive and substantive arms control talks"
		}
		if w == "of" && !title && len(window) > 0 && i+1 < len(toks) && isCapital(text, toks[i-1]) && isCapital(text, toks[i+1]) {
			continue // a name: "ratifies the Council of Europe Istanbul Convention"
		}
		if boundaries[w] && !(len(window) > 0 && (stakeNouns[window[len(window)-1]] || w == "of" && contentNouns[window[len(window)-1]])) {
			if (w == "from" || w == "out") && len(window) > 0 && !eventNoun(contentWords(window)[0]) {
				// "withdrew the United States from the deal": the party it
				// moves; not "announced its withdrawal from the deal", an
				// event.
				a.party = c.partyOf(strings.Join(window, " "))
				window = window[:0]
				continue
			}
			break
		}
		window = append(window, w)
	}
	content := contentWords(window)
	a.talks = len(content) > 0 && talkNouns[content[len(content)-1]]
	if passive(toks, first) {
		content = nil // "the agreement had been finalised from its side": what follows is no object
	}
	if startsWithOurName(sc, toks, objStart) {
		content = nil // "signed the General Security of Military Information Agreement"
	}
	// "the agreements signed included...": a participle after its noun.
	// It describes when set off by a comma, followed by its agent ("by"),
	// or followed by the verb the noun governs ("signed included").
	noun := first - 1
	if noun > 0 && mannerAdverbs[toks[noun].Text] {
		noun-- // "the agreement recently signed with the United States"
	}
	postNominal := first > 0 && pastForm(toks[first].Text) && sc.ref.Match(query.NewDocument("", toks[noun].Text))
	if postNominal && last+1 < len(toks) {
		next := toks[last+1].Text
		postNominal = strings.Contains(text[toks[noun].End:toks[noun+1].Start], ",") || next == "by" || pastForm(next) ||
			transitiveOnly(toks[first].Text) && (boundaries[next] || clauseBreak(text[toks[last].End:toks[last+1].Start]))
	}
	a.postNominal = postNominal && !title
	if len(content) > 0 && extendWords[toks[first].Text] && talkNouns[content[len(content)-1]] {
		return actor{other: content[len(content)-1]} // "extend Juba peace talks for three weeks": the talks go on
	}
	if len(content) > 0 && !phraseHasObject(toks, first, last) && !postNominal {
		doc := query.NewDocument("", strings.Join(window, " "))
		if !sc.ref.Match(doc) && !talkNouns[content[len(content)-1]] && !appositiveName(sc, text, toks, i) { // "will hold its first meeting": its talks
			return actor{other: strings.Join(window, " ")}
		}
		// "announces withdrawal from the pact": the word acts on an event
		// (a withdrawal, a suspension), not on the agreement.
		if w := content[0]; eventNoun(w) && !stakeNouns[w] && !sc.ref.Match(query.NewDocument("", w)) && c.partyOf(w) == "" {
			return actor{other: w}
		}
	}
	// The subject: the words before it in its clause.
	var before []string
	for k := first - 1; k >= 0 && first-k <= 10; k-- {
		between := text[toks[k].End:toks[k+1].Start]
		if title && strings.TrimSpace(between) == "," {
			between = " " // "Russia, Ukraine sign": a headline joins its subjects with commas
		}
		if sayingVerbs[toks[k].Text] && first == last && nominal(toks[first].Text) && onlyDeterminers(toks[k+1:first]) && !clauseBreak(between) {
			continue // "Russia announces (its) withdrawal": who announces the event is who does it
		}
		if clauseBreak(between) || clauseWord(toks[k].Text) || toks[k].Text == "that" || sayingPast[toks[k].Text] {
			break // "officials said the pullout will...": what they said has its own subject
		}
		before = append([]string{toks[k].Text}, before...)
	}
	if onlyAuxiliaries(before) && len(content) == 0 && !title {
		// The subject stands before an aside set off by commas: "A peace
		// summit between the two, scheduled for Sunday in Luanda,
		// collapsed" is the summit's. The sentence's first noun is it.
		if head := sentenceHead(toks); gatheringNouns[head] {
			return actor{other: head}
		}
	}
	subject := strings.Join(before, " ")
	ourSubject := sc.ref.Match(query.NewDocument("", subject)) // "a dialogue between the two former foes"
	if len(before) > 0 && !ourSubject {
		k := len(before) - 1
		for k >= 0 && (auxiliaries[before[k]] || strings.HasSuffix(before[k], "ly")) {
			k--
		}
		if k >= 0 {
			head := before[k]
			if personNouns[head] && (k > 0 && quantifiers[before[k-1]] || k > 1 && quantifiers[before[k-2]]) {
				// "two officials pulled out of the talks": people counted
				// one by one act for themselves, not for their state.
				return actor{other: head}
			}
			if a.party == "" && c.partyOf(subject) == "" && len(content) == 0 && !title && commonNoun(head) &&
				!properHead(text, toks, first-len(before)+k) && // "Morrison and Kishida signed": people who sign for states
				!sc.ref.Match(query.NewDocument("", head)) {
				return actor{other: head} // "inspections were suspended"
			}
		}
	}
	if !c.multi() && partyActs[toks[first].Text] && len(before) > 0 && c.parties(subject) == 0 &&
		countriesIn(query.NewDocument("", subject)).beyond(sc.mine) {
		// "Australia inks a security deal with the Solomon Islands", of
		// an agreement of China's and the Solomon Islands': only its
		// parties sign or ratify an agreement of two, so a third state
		// that does signs another.
		return actor{other: "a deal of " + subject}
	}
	if c.parties(subject) == 1 {
		if a.party == "" {
			a.party = c.partyOf(subject) // "Russia and Ukraine sign" is the whole agreement's
		}
		// The party acts itself only when it is the subject's head, just
		// before the verb: not "the Ukraine peace agreement does not exist".
		k := len(before) - 1
		for k >= 0 && (auxiliaries[before[k]] || strings.HasSuffix(before[k], "ly")) {
			k--
		}
		for j := k; j >= 0 && k-j < 4 && !a.subjectParty; j-- {
			a.subjectParty = c.isPartyForm(strings.Join(before[j:k+1], " ")) // "North Korea scraps the deal"
		}
	}
	return a
}

// infinitiveOf returns what a status word acts on when the agreement is
// only the object of an infinitive that hangs on it: "agreement was reached
// to extend the grain deal" and "the text to revive the nuclear deal has
// been finalised" reach an agreement and finalise a text about the deal,
// not the deal. Talks about it are its talks ("talks to revive the deal
// resumed"). It returns "" when the agreement is no such object.
func infinitiveOf(sc *scope, text string, toks []query.Token, first, last int) string {
	refAt := func(k int) bool {
		w := toks[k].Text
		return w != "it" && w != "its" && sc.ref.Match(query.NewDocument("", w))
	}
	verbAt := func(k int) bool { // the verb of an infinitive: no determiner, no name of ours
		return k < len(toks) && !determiners[toks[k].Text] && !auxiliaries[toks[k].Text] && !refAt(k)
	}
	// After the word: "reached an agreement to extend the deal".
	k, head := last+1, toks[last].Text
	for k < len(toks) && k-last <= 3 && (determiners[toks[k].Text] || nounWords[toks[k].Text] ||
		k+1 < len(toks) && nounWords[toks[k+1].Text] && !boundaries[toks[k].Text]) && !clauseBreak(text[toks[k-1].End:toks[k].Start]) { // "a tacit agreement"
		if nounWords[toks[k].Text] {
			head = toks[k].Text // "reached an agreement to extend"
		}
		k++
	}
	if k+1 < len(toks) && toks[k].Text == "to" && !clauseBreak(text[toks[k-1].End:toks[k].Start]) && verbAt(k+1) {
		for b := first - 1; !nounWords[head] && b >= 0 && first-b <= 4; b-- {
			if nounWords[toks[b].Text] {
				head = toks[b].Text // "agreement had been reached to extend"
			}
		}
		if dealNoun(head) { // not "withdrew to renegotiate the deal"
			for j := k + 2; j < len(toks) && j-k <= 7; j++ {
				if clauseBreak(text[toks[j-1].End:toks[j].Start]) {
					break
				}
				if refAt(j) {
					return "an " + head + " to " + toks[k+1].Text
				}
			}
		}
	}
	// Before it, in its subject: "the text to revive the deal has been finalised".
	for j := first - 1; j >= 2 && first-j <= 10; j-- {
		if clauseBreak(text[toks[j].End:toks[j+1].Start]) || clauseWord(toks[j].Text) {
			break
		}
		if !refAt(j) {
			continue
		}
		for b := j + 1; b < first; b++ {
			if !auxiliaries[toks[b].Text] && !strings.HasSuffix(toks[b].Text, "ly") {
				return "" // "the group it suspended": the word has a subject of its own
			}
		}
		for k := j - 1; k >= 1 && j-k <= 7; k-- {
			if clauseBreak(text[toks[k].End:toks[k+1].Start]) {
				break // "According to officials, the pact was reached": another clause
			}
			if toks[k].Text != "to" || !verbAt(k+1) || k+1 == j {
				continue
			}
			for b := k - 1; b >= 0 && k-b <= 8 && !clauseWord(toks[b].Text); b-- {
				if talkNouns[toks[b].Text] {
					return "" // "negotiations between Iran and the EU to return to the deal"
				}
			}
			if head := toks[k-1].Text; commonNoun(head) && !talkNouns[head] && !refAt(k-1) && !auxiliaries[head] && !sc.words[head] &&
				!plans[head] && !failures[head] && !conditions[head] && !strings.HasSuffix(head, "ed") {
				return "the " + head + " to " + toks[k+1].Text
			}
			return ""
		}
		return ""
	}
	return ""
}

// talkNouns are the talks about an agreement, which are its talks.
var talkNouns = set("talks", "negotiations", "dialogue", "meeting", "meetings", "round", "rounds", "consultations", "contacts", "discussions")

// transitiveOnly reports whether w is a form of a status verb that always
// takes an object: right after its noun ("the deal signed in Pretoria") it
// describes the noun, where "the talks resumed in Geneva" reports.
func transitiveOnly(w string) bool {
	for _, suf := range []string{"ed", "d"} {
		if b, ok := strings.CutSuffix(w, suf); ok && (transitiveVerbs[b] || transitiveVerbs[b+"e"]) {
			return true
		}
	}
	return transitiveVerbs[w]
}

var transitiveVerbs = set("sign", "ink", "seal", "ratify", "ratifie", "conclude", "initial", "initiall", "announce", "unveil",
	"abandon", "scrap", "scrapp", "terminate", "renounce", "clinch", "strike", "struck", "reach", "secure", "broker", "negotiate")

// passive reports whether the status word at first is a participle after a
// form of "be": its subject is what it acts on.
func passive(toks []query.Token, first int) bool {
	if first == 0 || !pastForm(toks[first].Text) {
		return false
	}
	k := first - 1
	for k > 0 && strings.HasSuffix(toks[k].Text, "ly") {
		k--
	}
	switch toks[k].Text {
	case "is", "are", "was", "were", "be", "been", "being":
		return true
	}
	return false
}

// extendWords lengthen what they act on: the agreement's life, or its
// talks'.
var extendWords = set("extend", "extends", "extended", "extending", "prolong", "prolongs", "prolonged", "renew", "renews", "renewed")

// contentNouns stand for the agreement they are "of": "unveiled the details
// of the deal", "implementing the terms of the agreement".
var contentNouns = set("details", "terms", "text", "contents", "elements", "outline", "outlines", "validity", "term", "life", "duration")

// gatheringNouns are gatherings that are no talks of the agreement's own:
// a summit called off calls off no deal.
var gatheringNouns = set("summit", "summits", "visit", "visits", "trip", "tour", "conference", "ceremony")

// onlyAuxiliaries reports whether ws holds nothing but auxiliaries and
// adverbs ("was", "has been formally"): no subject of its own.
func onlyAuxiliaries(ws []string) bool {
	for _, w := range ws {
		if !auxiliaries[w] && !strings.HasSuffix(w, "ly") {
			return false
		}
	}
	return true
}

// sentenceHead returns the sentence's first noun, past its determiners and
// up to two modifiers: "A peace summit between ..." gives "summit".
func sentenceHead(toks []query.Token) string {
	k := 0
	for k < len(toks) && determiners[toks[k].Text] {
		k++
	}
	for j := k; j < len(toks) && j-k <= 2; j++ {
		if w := toks[j].Text; roundNouns[w] || nounWords[w] || talkNouns[w] || boundaries[w] {
			return w
		}
	}
	return ""
}

// appositiveName reports whether the object that ended before token i is
// named by an appositive after a comma: "signed two documents, the AlUla
// Declaration and a final communique".
func appositiveName(sc *scope, text string, toks []query.Token, i int) bool {
	if i <= 0 || i >= len(toks) || strings.TrimSpace(text[toks[i-1].End:toks[i].Start]) != "," {
		return false
	}
	if determiners[toks[i].Text] {
		i++
	}
	return startsWithOurName(sc, toks, i)
}

// properHead reports whether the subject's head at token i is a person's
// or place's name: capitalised, the rest in lower case (not "MoU"), inside
// the sentence; at its start, unless it has the
// ending of a common plural or abstract noun ("Inspections were
// suspended", but "Putin suspends").
func properHead(text string, toks []query.Token, i int) bool {
	raw := text[toks[i].Start:toks[i].End]
	if !isCapital(text, toks[i]) || strings.ToLower(raw[1:]) != raw[1:] {
		return false // not "MoU", "FTA": a name of a thing, not of a person
	}
	if i > 0 {
		return true
	}
	w := toks[i].Text
	for _, suf := range []string{"s", "ment", "ness", "ity", "tion"} {
		if strings.HasSuffix(w, suf) {
			return false
		}
	}
	return true
}

// expletiveIt reports whether the passive participle at first has for its
// subject an "it" that opens a clause after a comma: ", it was announced".
func expletiveIt(text string, toks []query.Token, first int) bool {
	k := first - 1
	for k > 0 && strings.HasSuffix(toks[k].Text, "ly") {
		k--
	}
	if k > 0 && toks[k].Text == "been" {
		k--
	}
	return k >= 2 && toks[k-1].Text == "it" && strings.Contains(text[toks[k-2].End:toks[k-1].Start], ",")
}

// startsWithOurName reports whether the tokens from i on begin with one of
// the agreement's names or aliases, which may run through words that
// otherwise end an object ("Treaty on Open Skies").
func startsWithOurName(sc *scope, toks []query.Token, i int) bool {
	var b strings.Builder
	for k := i; k < len(toks) && k-i < 12; k++ {
		b.WriteByte(' ')
		b.WriteString(toks[k].Text)
	}
	rest := b.String() + " "
	for _, form := range sc.titles {
		// The agreement's own name or alias, not a party's ("suspends
		// U.S. inspections": "U.S." is a party's name).
		if form != "" && strings.HasPrefix(rest, " "+form+" ") && len(strings.Fields(form)) > 1 {
			return true
		}
	}
	return false
}

// phraseHasObject reports whether the trigger already names what it acts
// on ("reached a deal", "talks ended", "final deal", "on hold").
func phraseHasObject(toks []query.Token, first, last int) bool {
	if last > first {
		// "left the", "returned to": its object follows ("left the island",
		// "return to economic nationalism").
		return !determiners[toks[last].Text] && !objectPreps[toks[last].Text]
	}
	return stateWords[toks[first].Text]
}

var objectPreps = set("to", "from")

// endWords end what they act on; roundNouns are the parts of talks that
// end without the agreement being reached.
var (
	endWords   = set("concluded", "concludes", "conclude", "closed", "closes", "close", "wrapped", "wraps", "finalised", "finalized")
	roundNouns = set("round", "rounds", "session", "sessions", "meeting", "meetings", "visit", "visits", "summit", "trip", "tour")
)

// onlyDeterminers reports whether toks are all determiners (possessives
// among them).
func onlyDeterminers(toks []query.Token) bool {
	for _, t := range toks {
		if !determiners[t.Text] {
			return false
		}
	}
	return true
}

// hyphenAfter reports whether the word at i is joined by a hyphen to the
// next: the first part of a compound ("working-level", "long-running").
func hyphenAfter(text string, toks []query.Token, i int) bool {
	return i+1 < len(toks) && text[toks[i].End:toks[i+1].Start] == "-"
}

// partyActs are what only an agreement's parties do to it.
var partyActs = set("signed", "signs", "sign", "signing", "inked", "inks", "ink", "ratified", "ratifies", "ratify", "ratifying")

// agreeWords agree on something; talkOnBases are what one agrees to do
// when the deal is still to come: talk on.
var (
	agreeWords  = set("agreed", "agree", "agrees")
	talkOnBases = set("engage", "negotiate", "meet", "talk", "hold", "continue", "discuss", "explore", "consider", "study",
		"work", "pursue", "keep", "seek", "launch", "start", "begin", "open", "resume", "reconvene", "convene", "step")
)

// contentWords drops determiners and possessives from a window.
func contentWords(window []string) []string {
	var out []string
	for _, w := range window {
		if !determiners[w] && w != "s" {
			out = append(out, w)
		}
	}
	return out
}

// commonNoun reports whether w looks like a noun that could be a subject:
// not a function word, a number or a time.
func commonNoun(w string) bool {
	if functionWords[w] || weekdays[w] || months[w] != 0 || number(w) != 0 || year(w) != 0 {
		return false
	}
	return !strings.HasSuffix(w, "ly")
}

var (
	// particles stand between a status verb and its object.
	particles = set("out", "of", "from", "away", "off", "up", "back", "into", "the", "a", "an", "its", "their", "his", "her",
		"this", "that", "these", "those", "formally", "officially", "finally", "now", "also", "again", "unilaterally")
	// boundaries end a status word's object.
	boundaries = set("of", "on", "in", "at", "by", "for", "after", "before", "since", "amid", "over", "as", "with", "to", "during",
		"until", "because", "following", "despite", "while", "when", "and", "but", "or", "that", "which", "who", "from",
		"out", "earlier", "later", "today", "yesterday", "under", "between", "if", "than", "is",
		"was", "were", "are", "has", "have", "had", "will", "would", "amid", "against", "via", "without", "said", "says",
		"ahead", "prior", "thanks", "toward", "towards", "across", "through", "within", "near", "along")
	// stakeNouns are a party's share in an agreement: "suspended its
	// participation in the deal" acts on the deal.
	stakeNouns = set("participation", "membership", "involvement", "part", "role", "obligations", "commitments",
		"implementation", "adherence", "compliance", "engagement", "observance",
		// and the making of one: "announced the formation of a partnership"
		"formation", "creation", "establishment", "launch", "conclusion", "text")
	personNouns = set("official", "officials", "negotiator", "negotiators", "diplomat", "diplomats", "delegate", "delegates",
		"member", "members", "lawmaker", "lawmakers", "staff", "expert", "experts", "adviser", "advisers", "advisor", "advisors",
		"envoy", "envoys", "executives", "companies", "firms", "journalists", "activists", "workers", "players", "athletes")
	sayingVerbs = set("announced", "announces", "announce", "unveiled", "unveils", "confirmed", "confirms")
	thingsInIon = set("information", "union", "commission", "region", "nation", "convention", "federation",
		"administration", "coalition", "opinion", "government", "parliament", "department", "committee", "settlement")
	timeNouns = set("month", "week", "year", "day", "days", "weeks", "months", "years", "morning", "evening", "night", "tonight", "overnight",
		"weekend", "summer", "spring", "autumn", "fall", "winter", "time", "decade")
	quantifiers   = set("two", "three", "four", "five", "six", "several", "some", "many", "few", "dozen", "dozens", "a", "one", "hundreds")
	functionWords = set("it", "they", "we", "he", "she", "i", "you", "who", "which", "that", "there", "this", "these",
		"those", "and", "or", "but", "not", "so", "then", "also", "have", "has", "had", "be", "is", "are", "was", "were",
		"been", "being", "do", "did", "does", "a", "an", "the", "s", "to", "of", "in", "on", "at", "by", "for", "with",
		"sides", "parties", "countries", "nations", "leaders", "governments", "states", "powers", "both", "two", "all",
		"president", "minister", "government", "administration", "kremlin", "ministry", "department", "state",
		"will", "would", "shall", "should", "can", "could", "may", "might", "must")
)

// otherInstrument reports whether a status word (tokens first..last) acts
// on a named instrument that is not the agreement: its object is a proper
// name that holds none of the agreement's names or parties ("quits INF
// treaty", "invalidated Privacy Shield"), or it stands in a relative clause
// about one ("the Privacy Shield arrangement that the court struck down").
// Headlines in title case carry no such signal and are left alone.
func (s *scope) otherInstrument(text string, toks []query.Token, first, last int) (string, bool) {
	if r, _ := utf8.DecodeRuneInString(text[toks[first].Start:]); first > 0 && unicode.IsUpper(r) {
		return "", false // a capitalised verb: a headline in title case, where capitals say nothing
	}
	i := last + 1
	for i < len(toks) && (objectLead[toks[i].Text] || stakeNouns[toks[i].Text] || i > last+1 && stakeNouns[toks[i-1].Text] && stakePreps[toks[i].Text]) {
		i++ // "suspended its participation in the New START treaty"
	}
	// Only words joined by spaces are an object: "frozen' -TASS" and
	// "terminated," Peskov said" name a source, not what the word acts on.
	joined := i < len(toks) && strings.IndexFunc(text[toks[last].End:toks[i].Start], func(r rune) bool {
		return r != ' ' && !unicode.IsLetter(r) // only the skipped words and spaces
	}) < 0
	if name := properName(text, toks, i, 1); name != "" && joined && !s.ours(name) && !modifierName(text, toks, i, name) {
		return name, true
	}
	for k := first - 1; k >= 0 && first-k <= 8; k-- {
		if w := toks[k].Text; w != "that" && w != "which" {
			continue
		}
		for a := k - 1; a >= 0 && k-a <= 4; a-- {
			if name := properName(text, toks, a, -1); name != "" {
				if s.ours(name) {
					return "", false
				}
				return name, true
			}
		}
		break
	}
	return "", false
}

// stakePreps join a party's stake to the agreement: "participation in",
// "obligations under".
var stakePreps = set("in", "under", "to")

// objectLead are the determiners and prepositions of "withdrew from",
// "pulled out of", "signed with" between a status verb and its object.
var objectLead = set("the", "a", "an", "its", "their", "his", "her", "from", "of", "out", "with", "on")

// properName returns the run of capitalised words starting at token i and
// going in direction dir (1 forward, -1 backward), or "" when token i is
// not capitalised, is a date word or starts the sentence.
func properName(text string, toks []query.Token, i, dir int) string {
	var words []string
	for ; i >= 0 && i < len(toks); i += dir {
		raw := text[toks[i].Start:toks[i].End]
		if raw == "of" && dir > 0 && len(words) > 0 && i+1 < len(toks) && isCapital(text, toks[i+1]) {
			words = append(words, raw) // "the Council of Europe Istanbul Convention"
			continue
		}
		r, _ := utf8.DecodeRuneInString(raw)
		if !unicode.IsUpper(r) || weekdays[toks[i].Text] || months[toks[i].Text] != 0 || i == 0 && toks[i].Start < 3 {
			break // a sentence's first word is capitalised whatever it is
		}
		words = append(words, raw)
	}
	if dir < 0 {
		for l, r := 0, len(words)-1; l < r; l, r = l+1, r-1 {
			words[l], words[r] = words[r], words[l]
		}
	}
	return strings.Join(words, " ")
}

// verbForm reports whether w is an inflected status verb ("suspending",
// "signed"): within an object it starts a new verb phrase.
func verbForm(w string) bool {
	for _, suf := range []string{"ing", "ed", "d", "es", "s"} {
		if b, ok := strings.CutSuffix(w, suf); ok && (baseVerbs[b] || baseVerbs[b+"e"]) {
			return true
		}
	}
	return irregularPast[w]
}

// eventNoun reports whether w names an event ("withdrawal", "suspension",
// "resumption", "deployment") rather than a thing; adjectives such as
// "bilateral" are not.
func eventNoun(w string) bool {
	if thingsInIon[w] {
		return false
	}
	for _, suf := range []string{"ion", "ment", "wal", "sal", "val"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return true
		}
	}
	return false
}

// relativeClause reports whether the status word at first stands in a
// relative clause that describes a noun: "the delegation that signed the
// accord", "Patel, who signed the deal", "the pact that it says was
// signed", or with no pronoun, "an agreement we signed". Such a clause
// tells what the sentence takes as known about the agreement or a person,
// not its news, which is in the main clause. A "that" after a verb ("said
// that it signed") opens what is said, which may be news, and is not one.
func relativeClause(text string, toks []query.Token, first int) bool {
	for k := first - 1; k > 0 && first-k <= 7; k-- {
		if clauseBreak(text[toks[k].End:toks[k+1].Start]) {
			break
		}
		if w := toks[k].Text; (w == "which" || w == "whom") && relativePreps[toks[k-1].Text] {
			return true // "the treaty, to which 160 nations have acceded"
		}
	}
	for k := first - 1; k >= 0 && first-k <= 5; k-- {
		w := toks[k].Text
		switch {
		case w == "who" || w == "which" || w == "whom":
			return true
		case w == "that":
			return k > 0 && !clauseBreak(text[toks[k-1].End:toks[k].Start]) && relativeHeads[toks[k-1].Text]
		case subjectPronouns[w]:
			// "an agreement we signed": a pronoun subject right after an
			// agreement noun, with no "that".
			if k > 0 && nounWords[toks[k-1].Text] && !clauseBreak(text[toks[k-1].End:toks[k].Start]) {
				return true
			}
		case auxiliaries[w] || strings.HasSuffix(w, "ly") || sayingPast[w] || w == "it" || w == "they":
		default:
			return false
		}
		if clauseBreak(text[toks[k].End:toks[k+1].Start]) {
			return false
		}
	}
	return false
}

var (
	// relativePreps open a relative clause before "which": "to which",
	// "under which".
	relativePreps   = set("to", "of", "under", "by", "with", "in", "for", "from", "on", "at")
	subjectPronouns = set("we", "they", "he", "she", "i", "you")
	// relativeHeads are nouns a "that" clause describes: the agreement's
	// nouns, and the people and bodies who act on it.
	relativeHeads = func() map[string]bool {
		m := set("delegation", "delegations", "government", "governments", "administration", "side", "sides",
			"country", "countries", "leader", "leaders", "minister", "ministers", "president", "team", "party", "parties",
			"man", "woman", "people", "person")
		for w := range nounWords {
			m[w] = true
		}
		for w := range personNouns {
			m[w] = true
		}
		return m
	}()
)

// portionNouns name a portion of an agreement: what acts on "part of" it
// leaves the rest standing.
var portionNouns = set("part", "parts", "portion", "portions", "clause", "clauses", "provision", "provisions",
	"section", "sections", "article", "articles", "element", "elements", "chapter", "chapters")

// clauseSubject reports whether token k is a pronoun that starts a clause
// of its own, its verb right after it: "announced it was opening the
// border", "announced Wednesday it had completed the procedures".
func clauseSubject(toks []query.Token, k int) bool {
	if k+1 >= len(toks) || !subjectPronouns[toks[k].Text] && toks[k].Text != "it" {
		return false
	}
	w := toks[k+1].Text
	return auxiliaries[w] && !determiners[w] || pastForm(w) || plans[w]
}

// effectSubject returns what takes effect or comes into force when it is
// not the agreement: "tariffs that were set to take effect on Sunday",
// "duties scheduled to go into effect in December". These phrases have no
// object, so their subject says what they act on: the nearest word before
// them, past the verbs of planning, auxiliaries and relative pronouns
// between, and past what qualifies it ("tariffs on Indian chips"), when it
// is one of the measures that news says take effect
// (tariffs, sanctions, laws). "" otherwise.
func effectSubject(sc *scope, text string, toks []query.Token, first, last int) string {
	if w := toks[last].Text; last == first || w != "effect" && w != "force" && w != "effective" {
		return ""
	}
	for k := first - 1; k >= 0 && first-k <= 8; k-- {
		if clauseBreak(text[toks[k].End:toks[k+1].Start]) {
			return ""
		}
		w := toks[k].Text
		if effectLead[w] || auxiliaries[w] || strings.HasSuffix(w, "ly") {
			continue
		}
		if sc.ref.Match(query.NewDocument("", w)) || nounWords[w] {
			// The agreement, unless an event's: "its withdrawal from the
			// pact will become effective".
			return eventOf(text, toks, k)
		}
		if pastForm(w) && !isCapital(text, toks[k]) {
			return "" // a verb of another clause
		}
		if effectOthers[w] || (eventNoun(w) || eventWords[w]) && !effectOwn[w] && !isCapital(text, toks[k]) && !sc.ref.Match(query.NewDocument("", w)) {
			return w // "tariffs on Indian chips that were set to take effect", "the withdrawal will become effective"
		}
	}
	return ""
}

// instrumentNouns are acts of one government or body that do something
// to an agreement: "signs law denouncing the treaty".
var instrumentNouns = set("law", "bill", "decree", "order", "resolution", "legislation", "act", "motion", "ordinance")

// effectOthers are what else news says takes effect: measures of one
// government, not agreements between several. "The extension took effect"
// and "the measure will take effect" may be the agreement's.
var effectOthers = set("tariff", "tariffs", "duty", "duties", "sanctions", "tax", "taxes", "levy", "levies", "fees",
	"ban", "bans", "curbs", "restrictions", "controls", "quotas", "law", "laws", "rule", "rules", "regulation",
	"regulations", "decree", "order", "orders")

// effectOwn are the events whose taking effect is the agreement's: "the
// extension took effect".
var effectOwn = set("extension", "renewal", "agreement", "arrangement", "implementation")

// effectLead are the words between a subject and "take effect": "that
// were set to", "which are scheduled to", "due to".
var effectLead = set("to", "set", "planned", "scheduled", "expected", "due", "slated", "poised", "that", "which",
	"will", "would", "shall", "should", "could", "may", "might", "can", "not", "yet", "about")

// saysNothing reports whether a verb of saying at last has no object: the
// sentence or clause ends after it, perhaps after when it was said ("on
// Wednesday", "yesterday", "April 26").
func saysNothing(text string, toks []query.Token, last int) bool {
	i := last + 1
	for i < len(toks) && !clauseBreak(text[toks[i-1].End:toks[i].Start]) {
		w := toks[i].Text
		if w == "on" || w == "this" || w == "last" || weekdays[w] || recentWords[w] || timeNouns[w] || months[w] != 0 || number(w) != 0 || year(w) != 0 {
			i++
			continue
		}
		return false
	}
	return true
}

// talkGerunds are the acts of talks themselves: "resumed negotiating".
var talkGerunds = set("negotiating", "talking", "meeting", "discussing")

// modifies returns the noun phrase a participle qualifies when it stands
// before it as an adjective ("released $6 billion in frozen funds", "its
// suspended inspections"), after an article, a possessive or a
// preposition where no verb can stand: it says what state that other
// thing is in, and nothing of the agreement. "" when the phrase is the
// agreement or its talks ("the stalled working group", "in suspended
// talks").
func modifies(sc *scope, text string, toks []query.Token, first, last int) string {
	if first != last || first == 0 || last+1 >= len(toks) || !pastForm(toks[first].Text) {
		return ""
	}
	prev := toks[first-1].Text
	if !(beforeAdjective[prev] && !clauseBreak(text[toks[first-1].End:toks[first].Start]) ||
		participleOnly[toks[first].Text] && !auxiliaries[prev] && !strings.HasSuffix(prev, "ly") && !stayVerbs[prev]) {
		return ""
	}
	var np []string
	for k := last + 1; k < len(toks) && len(np) < 6; k++ {
		w := toks[k].Text
		if clauseBreak(text[toks[k-1].End:toks[k].Start]) || boundaries[w] || particles[w] || verbForm(w) && len(np) > 0 {
			break
		}
		if nounWords[w] || talkNouns[w] || sc.ref.Match(query.NewDocument("", w)) {
			return ""
		}
		np = append(np, w)
	}
	return strings.Join(np, " ")
}

// beforeAdjective are the words after which a participle can only be an
// adjective of the noun that follows: articles, possessives, quantifiers
// and prepositions.
var beforeAdjective = set("a", "an", "the", "its", "their", "his", "her", "our", "these", "those", "some", "any", "no",
	"in", "of", "on", "for", "with", "into", "about", "over", "under", "without")

// participleOnly are participles that cannot be a past tense: without "be"
// or "have" before them they are adjectives ("and frozen funds").
var participleOnly = set("frozen", "withdrawn", "broken", "begun", "taken", "undertaken", "forsaken")

// stayVerbs take an adjective as their complement: "remains frozen".
var stayVerbs = set("remain", "remains", "remained", "stay", "stays", "stayed", "seem", "seems", "become", "becomes", "became", "appear", "appears", "left", "keep", "keeps", "kept")

// mannerAdverbs may stand between a noun and the participle that describes
// it: "the pact recently signed", "the accord already ratified".
var mannerAdverbs = set("recently", "already", "jointly", "formally", "officially", "originally", "previously", "newly",
	"just", "hastily", "secretly", "quietly", "eventually", "finally", "only")

// allAdjectives reports whether every word looks like an adjective by its
// ending ("intensive", "formal", "fruitful", "serious", "diplomatic").
func allAdjectives(ws []string) bool {
	for _, w := range ws {
		ok := false
		for _, suf := range []string{"ive", "al", "ful", "ous", "ic", "ant", "ent", "ble", "ary", "est", "er"} {
			if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// nounAhead reports whether an agreement's noun or name follows within a
// few words, before any other boundary: the rest of a noun phrase that an
// "and" between two adjectives does not end.
func nounAhead(sc *scope, text string, toks []query.Token, from int) bool {
	for k := from; k < len(toks) && k-from < 5; k++ {
		w := toks[k].Text
		if k > from && clauseBreak(text[toks[k-1].End:toks[k].Start]) || boundaries[w] {
			return false
		}
		if nounWords[w] || talkNouns[w] || sc.ref.Match(query.NewDocument("", w)) {
			return true
		}
	}
	return false
}

// modifierName reports whether the name starting at token i is the first
// part of a hyphened modifier ("the Japan-brokered accord"), not the name
// of an instrument.
func modifierName(text string, toks []query.Token, i int, name string) bool {
	j := i + len(strings.Fields(name))
	return j < len(toks) && text[toks[j-1].End:toks[j].Start] == "-" && !isCapital(text, toks[j])
}

// eventOf returns the event whose phrase holds the agreement's noun at
// token k ("its withdrawal from the pact", "the pullout of the US from
// the deal"), or "".
func eventOf(text string, toks []query.Token, k int) string {
	for p := k - 1; p > 0 && k-p <= 5; p-- {
		if clauseBreak(text[toks[p].End:toks[p+1].Start]) {
			break
		}
		if v := toks[p].Text; v == "from" || v == "of" || v == "under" {
			if e := toks[p-1].Text; (eventNoun(e) || eventWords[e]) && !effectOwn[e] && !isCapital(text, toks[p-1]) {
				return e
			}
			break
		}
	}
	return ""
}

// dealNoun reports whether w is a noun of an agreement itself, not of its
// talks.
func dealNoun(w string) bool { return nounWords[w] && !talkNouns[w] }
