// Package claims reads what the sentences of a news item say about the
// agreements it matched: for each sentence about an agreement, which status
// it reports, and how it commits to it (asserted, negated or denied; fact,
// plan or hypothesis; news or background; on named or unnamed sources).
// It is a leaf: it knows words and sentences, not feeds or databases.
package claims

import (
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// Item is the text of a news item to read.
type Item struct {
	Title, Summary, Content string
	Published               time.Time // anchors "last year"; zero when unknown
}

// Claim is what one sentence says about one agreement's status.
type Claim struct {
	Status     string
	Party      string // the one party it is about, in an agreement of more than two
	Polarity   Polarity
	Mode       Mode
	Hedged     bool
	Background bool
	When       time.Time // when it happened, when the sentence says (background)
	Strong     bool      // certain, about now, on the agreement itself, on the writer's or a named source's word
	Title      bool      // in the headline
	Sentence   string
	Rule       string // the rule's query
	Cue        string // the words that decided how it commits
	Word       string // the status word, folded ("signed", "withdrawal")
	Other      string // what else the status word acts on, when not the agreement
	Explicit   bool   // the sentence names the agreement, not only refers back to it
	// Lead says the sentence is in the headline or the lead of what the
	// item says about the agreement (see leadSentences).
	Lead bool
	// Due is the period a plan or expectation is set for ("expected in the
	// first half of 2015": 2015-H1), in config's due forms; DueWords the
	// words that said it. Empty unless the claim is one.
	Due, DueWords string
	// Slip says the expectation was moved there from an earlier time
	// ("postponed until …").
	Slip bool
}

// Forecast reports whether the claim states a forecast: the status is
// planned or expected by a time ("will be signed on Friday", "expected in
// the first half of 2015", "would be signed on Jan. 15"), on the agreement.
func (c Claim) Forecast() bool {
	return c.Due != "" && c.Polarity == Asserted && c.Other == "" && !c.Background &&
		(c.Mode == Plan || c.Mode == Hypothetical && (c.Cue == "would" || c.Cue == "should"))
}

// News reports whether the claim reports a status holding now as fact:
// asserted, not a plan or hypothesis, not background, not about another
// object.
func (c Claim) News() bool {
	return c.Polarity == Asserted && c.Mode == Fact && !c.Background && c.Other == ""
}

// Why says in a few words why a claim does not report news, or "".
func (c Claim) Why() string {
	switch {
	case c.Other != "":
		return "acts on " + c.Other
	case c.Polarity == Denied:
		return "denied"
	case c.Polarity == Negated:
		return "negated"
	case c.Mode == Plan:
		return "plan or expectation"
	case c.Mode == Hypothetical:
		return "hypothetical"
	case c.Mode == Unrealised:
		return "not achieved"
	case c.Background:
		return "background"
	case c.Hedged:
		return "hedged"
	}
	return ""
}

// sentence is one sentence of an item, prepared for matching.
type sentence struct {
	body   int // place in the body, from 1; 0 for the headline
	text   string
	title  bool
	doc    *query.Document
	places *query.Document // doc without the venues ("talks in Geneva")
	toks   []query.Token
}

// Read returns, for each target, the claims the item's sentences make about
// it, headline first, then in text order. Every target should be one the
// item matched: a sentence about one of them is not about another.
func Read(it Item, targets []*Compiled) [][]Claim {
	sents := split(it)
	about, explicit := attach(sents, targets)
	titleDenies, titleCancels := false, false
	for _, s := range sents {
		if s.title && denies(s.toks) {
			titleDenies = true
		}
		if s.title && calledOff(s.toks) {
			titleCancels = true
		}
	}
	out := make([][]Claim, len(targets))
	for i, t := range targets {
		seen := map[[2]int]bool{}
		words := anyTrigger[kinds[t.Kind]]
		nth, titled := 0, false
		for j, s := range sents {
			if !about[j][i] {
				continue
			}
			if s.title {
				titled = true
			} else {
				nth++
			}
			lead := leadOf(s.body, nth, titled)
			builtin := words == nil || words.Match(s.doc) // else no built-in rule can fire
			for _, r := range t.Rules {
				if r.Builtin && !builtin {
					continue
				}
				for _, h := range r.Query.Hits(s.doc) {
					first, last := span(s.toks, h.Start, h.End)
					if first > 0 && first == last && !s.title && isCapital(s.text, s.toks[first]) && t.scope().words[s.toks[first].Text] {
						continue // "the New START treaty": a word of a name, no verb
					}
					if first < 0 || seen[[2]int{j, first}] || first == last && nounWords[s.toks[first].Text] {
						continue // the noun a "held talks" or "reached a deal" rule names beside its verb
					}
					if first == last && personNouns[s.toks[first].Text] && !agentActs(s.text, s.toks, first) {
						continue // "the deal's lead negotiators, ...": people named, not at work
					}
					if r.Builtin && r.Status == "ratified" && approvalWords[s.toks[first].Text] && !legislates(s.text, s.toks, first, last) {
						continue // "the cabinet approved the deal", "talks passed a milestone"
					}
					seen[[2]int{j, first}] = true
					c := t.claim(s, first, last, r, explicit[j][i], it.Published)
					if r.Expected && !c.Forecast() {
						continue // "implementation has been slow": no status
					}
					c.Lead = lead
					if c.Due != "" && !c.Slip && (calledOff(s.toks) || titleCancels && talkStatuses[c.Status]) {
						c.Due, c.DueWords = "", "" // "talks scheduled for Sunday were called off": no longer due
					}
					if titleDenies && c.Hedged {
						c.Polarity = Denied // the report the headline denies
					}
					out[i] = append(out[i], c)
				}
			}
		}
	}
	for i, t := range targets {
		for j, s := range sents {
			if about[j][i] {
				if c, ok := t.expected(s, explicit[j][i], it.Published); ok && (c.Slip || !calledOff(s.toks) && !(titleCancels && talkStatuses[c.Status])) {
					out[i] = append(out[i], c)
				}
			}
		}
	}
	return out
}

// MayClaim reports whether an item (doc: its whole text) can make any
// claim about the targets: whether it has a status word of one of their
// kinds, or one of them has rules of its own. Most items that match an
// agreement report no status, and reading them sentence by sentence is
// most of the cost of a poll's matched items.
func MayClaim(doc *query.Document, targets []*Compiled) bool {
	for _, t := range targets {
		words := anyTrigger[kinds[t.Kind]]
		if words == nil || words.Match(doc) {
			return true
		}
		for _, r := range t.Rules {
			if !r.Builtin {
				return true
			}
		}
	}
	return false
}

// demanded reports whether a demand governs the status word at first: a
// call, an urging, a demand or a threat before it in its clause.
func demanded(text string, toks []query.Token, first int) bool {
	for i := first - 1; i >= 0 && first-i <= 10; i-- {
		if clauseBreak(text[toks[i].End:toks[i+1].Start]) {
			return false
		}
		switch w := toks[i].Text; {
		case demandWords[w]:
			return true
		case callWords[w] && i+1 < first && (toks[i+1].Text == "on" || toks[i+1].Text == "upon" || toks[i+1].Text == "for"):
			return true
		}
	}
	return false
}

// demandWords ask of another what a forecast would expect of it; callWords
// do when "on" or "for" follows.
var (
	demandWords = set("urged", "urges", "urge", "urging", "demanded", "demands", "demand", "demanding",
		"pressed", "presses", "pressing", "threatened", "threatens", "threaten", "threatening", "ultimatum", "asked", "asks", "asking")
	callWords = set("called", "calls", "call", "calling")
)

// claim reads one status word of a sentence about t.
func (t *Compiled) claim(s sentence, first, last int, r Rule, explicit bool, published time.Time) Claim {
	rd := read(s.text, s.toks, first, last, s.title, published)
	if rd.pol == Asserted && rd.mode != Fact && attributive(s.toks, first, last) {
		// "a stalled working group": a state the sentence takes as given,
		// whatever the verb it hangs on says.
		rd.mode, rd.cue = Fact, "attributive"
	}
	if v := stateLeft(s.toks, first, last); v >= 0 {
		if rv := read(s.text, s.toks, v, v, s.title, published); rv.pol == Asserted && rv.mode != Unrealised {
			// "to revive stalled negotiations", "restarting frozen talks": the
			// state the object is in, named as what the verb leaves behind, is
			// given, not news. Not where the verb fails ("little progress on
			// restarting a stalled group"): then the state holds.
			rd.mode, rd.cue, rd.background = Fact, "state left", true
		}
	}
	c := Claim{Status: r.Status, Polarity: rd.pol, Mode: rd.mode, Hedged: rd.hedged, Background: rd.background,
		When: rd.when, Title: s.title, Sentence: s.text, Rule: r.Source, Cue: rd.cue, Explicit: explicit, Word: s.toks[first].Text}
	if c.Mode == Plan && isPlanStatus(c.Status) && c.Polarity == Asserted {
		c.Mode = Fact // "agreed to set up a working group": proposed
	}
	if rd.pol == Asserted && (rd.mode == Plan || rd.mode == Hypothetical && (rd.cue == "would" || rd.cue == "should")) {
		var at int
		c.Due, c.DueWords, at = periodIndex(s.text, s.toks, first, last, published)
		if c.Due != "" && demanded(s.text, s.toks, first) {
			// "calling on the UK to withdraw within six months", "Iran
			// urged Iraq to disarm the groups by September": what one
			// side asks of another by a time is no forecast of it.
			c.Due, c.DueWords = "", ""
		}
		if c.Due != "" && at > 0 && stateEnds[s.toks[at-1].Text] {
			// "will continue to be in effect until February 18": how long
			// a state lasts, not when it comes.
			c.Due, c.DueWords = "", ""
		}
		if c.Status == "negotiating" && c.Due != "" && at > 0 && deadlineWords[s.toks[at-1].Text] && strings.HasPrefix(s.toks[first].Text, "negotiat") {
			// "agreed to negotiate a trade deal by October": what is due
			// then is the deal, negotiated: reached, not talks.
			c.Status = "announced"
		}
		if todayWords[lastWord(c.DueWords)] && !baseVerbs[s.toks[first].Text] {
			// "will today sign" is planned for today; "ceased to be in
			// force today" is today's news.
			c.Due, c.DueWords = "", ""
		}
	} else if rd.pol == Asserted && (rd.mode == Fact || rd.mode == Unrealised && topicCue(rd.cue)) && (unfinished(s.toks, first) || first > 0 && s.toks[first-1].Text == "to") {
		// "the withdrawal will take effect in six months", "is withdrawing
		// effective in six months", "preparing for the signing on
		// February 29": an event dated after the item is planned.
		if due, words, at := periodIndex(s.text, s.toks, last+1, last+1, published); due != "" && !weekdays[lastWord(words)] && !todayWords[lastWord(words)] && ownTime(s.toks, last, at) {
			if c.Background && rd.cue != "" && strings.Contains(words, rd.cue) {
				// The time read as gone by ("July 1", read in June as last
				// year's) is the one ahead that the event is set for.
				c.Background, c.When = false, time.Time{}
			}
			c.Mode, c.Cue, c.Due, c.DueWords = Plan, words, due, words
		}
	}
	a := t.actsOn(s.text, s.toks, first, last, s.title)
	c.Other = a.other
	describes := a.postNominal
	if !s.title && pastForm(s.toks[first].Text) && relativeClause(s.text, s.toks, first) && !recentAfter(s.text, s.toks, last, published) {
		// "Patel, who signed the deal, announced the flights": the clause
		// describes a person or the pact; "which was reached this week"
		// still tells the news.
		describes = true
	}
	if c.Status == "collapsed" && a.subjectParty && !a.talks {
		// "South Korea terminates the pact": one party ends it for itself.
		// "Egypt ends the talks" ends them for both.
		c.Status = "withdrawn"
	}
	if t.multi() && kinds[t.Kind] == &pactKind && isPartyStatus(c.Status) && !a.talks {
		// A working group has no party statuses: "Ethiopia dam talks
		// have failed" are the whole group's. Nor have talks: "Riyadh
		// suspends normalization talks" stops them for all.
		c.Party = a.party
		if m := partyMeaning[c.Status]; m != "" && c.Party != "" {
			c.Status = m
		}
	}
	if describes && c.News() && !recentAfter(s.text, s.toks, last, published) {
		// "the 2015 accords signed by the world powers", "a deal signed
		// in January": what the sentence takes as known about the
		// agreement, not its news ("a deal signed on Saturday" may be).
		c.Background, c.Cue = true, "description"
	}
	c.Strong = c.News() && !c.Hedged && (explicit || s.title) && c.Status != Rumored && rd.cue != "attributive" && !describes &&
		!(t.multi() && c.Party == "" && (c.Status == "withdrawn" || c.Status == "ratified")) &&
		(s.title || !nominal(s.toks[first].Text))
	if c.Hedged && c.News() && t.hasStatus(Rumored) {
		// On unnamed sources a pact is at most rumoured: a rumour of its
		// making ("reportedly signed"). A rumour of what befalls a pact
		// already made ("reportedly freezes the deal") is no status.
		if !rumourable[c.Status] {
			c.Mode, c.Cue = Hypothetical, "rumour of "+c.Status
		}
		c.Status = Rumored
	}
	return c
}

// unfinished reports whether the status word at first names the event
// without placing it in the past: an event noun ("withdrawal"), a gerund
// or a present progressive ("is withdrawing").
func unfinished(toks []query.Token, first int) bool {
	w := toks[first].Text
	return !pastForm(w) && (nominal(w) || gerund(w) || eventWords[w] || presentThird(w))
}

// presentThird reports whether w is a verb's present tense of the third
// person ("takes", "enters"): with a time ahead of its own it tells what is
// scheduled ("the treaty takes effect on January 17").
func presentThird(w string) bool {
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && verbForm(w)
}

// eventWords are event nouns that nominal does not tell by their ending.
var eventWords = set("pullout", "exit", "signing", "handover", "return")

// topicCue reports whether a cue is a preposition before an event noun
// ("for signing", "on withdrawal").
func topicCue(cue string) bool {
	p, _, ok := strings.Cut(cue, " ")
	return ok && topicPreps[p]
}

// ownTime reports whether the time at token at, after a status word ending
// at last, is when the event happens: not how long a state lasts or since
// when ("extended until 2026", "negotiating since December"), nor the
// time of a clause of its own ("negotiating a pact that they hope to
// finish next year").
func ownTime(toks []query.Token, last, at int) bool {
	if at <= last {
		return false
	}
	switch toks[at-1].Text {
	case "since", "until", "till", "through", "for", "from", "to":
		return false
	}
	for k := last + 1; k < at; k++ {
		if w := toks[k].Text; w == "that" || w == "which" || w == "who" || clauseWord(w) || plans[w] && w != "will" && w != "shall" || endVerbs[w] {
			return false
		}
	}
	return true
}

// endVerbs say when something ends: "the extension means the truce is set
// to expire in November" dates the end, not the extension.
var endVerbs = set("expire", "expires", "expired", "expiring", "lapse", "lapses", "lapsed", "ends", "end")

func lastWord(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func (t *Compiled) hasStatus(s string) bool {
	for _, r := range t.Rules {
		if r.Status == s {
			return true
		}
	}
	return false
}

func isPartyStatus(s string) bool {
	for _, p := range partyStatuses {
		if p == s {
			return true
		}
	}
	return false
}

func isPlanStatus(s string) bool {
	for _, p := range planStatuses {
		if p == s {
			return true
		}
	}
	return false
}

// nounWords are the nouns of every kind, and of meetings: in a rule they
// say what its verb acts on, and are never a status word themselves.
var nounWords = set("pact", "pacts", "accord", "accords", "agreement", "agreements", "treaty", "treaties", "deal", "deals",
	"convention", "memorandum", "initiative", "framework", "arrangement", "partnership", "declaration", "roadmap", "protocol", "group", "dialogue", "talks",
	"channel", "consultations", "mechanism", "forum", "commission", "cooperation", "negotiations", "meeting", "meetings", "round",
	"rounds", "communication", "communications", "contacts")

// denies reports whether a sentence holds a verb of denial: "deny",
// "rejects report".
func denies(toks []query.Token) bool {
	for i, t := range toks {
		if denyVerbs[t.Text] {
			return true
		}
		if rejectVerbs[t.Text] {
			for k := i + 1; k < len(toks) && k-i <= 4; k++ {
				if reportNouns[toks[k].Text] {
					return true
				}
			}
		}
	}
	return false
}

// agentActs reports whether a noun of people at first ("negotiators") is
// the subject of a verb that says they are at work: "negotiators are still
// working on a successor", "negotiators in Vienna met on Monday". Named
// only ("the deal's lead negotiators, X and Y, spoke", "its chief
// negotiator said"), they report no talks.
func agentActs(text string, toks []query.Token, first int) bool {
	for k := first + 1; k < len(toks) && k-first <= 6; k++ {
		if clauseBreak(text[toks[k-1].End:toks[k].Start]) {
			return false
		}
		switch toks[k].Text {
		case "are", "were", "have", "met", "meet", "meets", "resumed", "resume", "gathered", "convened":
			return true
		case "said", "says", "told", "say":
			return false
		}
	}
	return false
}

// stateLeft returns the verb whose object the participle at first..last
// is an adjective of, when the verb ends that state ("revive stalled
// talks", "revived the frozen dialogue"), or -1.
func stateLeft(toks []query.Token, first, last int) int {
	if first == 0 || first != last || !pastForm(toks[first].Text) || last+1 >= len(toks) || boundaries[toks[last+1].Text] {
		return -1
	}
	v := first - 1
	if determiners[toks[v].Text] && v > 0 {
		v--
	}
	if !leaveVerbs[toks[v].Text] {
		return -1
	}
	return v
}

// leaveVerbs end the state of their object: a participle right after one
// is that object's adjective ("revive stalled talks").
var leaveVerbs = set("revive", "revives", "revived", "reviving", "restart", "restarts", "restarted", "restarting",
	"resume", "resumes", "resumed", "resuming", "unfreeze", "unfreezes", "unfroze", "unfreezing", "rescue", "rescues",
	"rescued", "rescuing", "salvage", "salvages", "salvaged", "salvaging", "unblock", "unblocks", "unblocked", "unblocking",
	"reactivate", "reactivates", "reactivated", "reactivating")

// attributive reports whether a participle stands before its noun as an
// adjective: "a stalled working group", "the frozen talks".
func attributive(toks []query.Token, first, last int) bool {
	if first == 0 || last+1 >= len(toks) || !pastForm(toks[first].Text) {
		return false
	}
	switch toks[first-1].Text {
	case "a", "an", "the", "its", "their", "this", "that":
	default:
		return false
	}
	return !boundaries[toks[last+1].Text] && !particles[toks[last+1].Text]
}

// span returns the tokens from the one starting at start to the one ending
// at end, or -1.
func span(toks []query.Token, start, end int) (int, int) {
	first, last := -1, -1
	for i, t := range toks {
		if t.Start >= start && first < 0 {
			first = i
		}
		if t.End <= end {
			last = i
		}
	}
	if first < 0 || last < first {
		return -1, -1
	}
	return first, last
}

// maxBodySentences is how much of an item's body is read: news says what
// happened in its first paragraphs, and what a long article says further
// down is mostly background and commentary. It also bounds the cost of a
// very long item.
const maxBodySentences = 24

// split splits an item into sentences: the title's, then the summary's and
// the content's, each body sentence once (a summary often repeats the
// content's lead), at most maxBodySentences of the body.
func split(it Item) []sentence {
	var out []sentence
	seen := map[string]bool{}
	for _, s := range Split(it.Title) {
		out = append(out, newSentence(s, true))
		seen[s] = true
	}
	body := 0
	for _, text := range []string{it.Summary, it.Content} {
		for _, s := range Split(text) {
			if seen[s] || body >= maxBodySentences {
				continue
			}
			seen[s] = true
			body++
			ns := newSentence(s, false)
			ns.body = body
			out = append(out, ns)
		}
	}
	return out
}

func newSentence(text string, title bool) sentence {
	s := sentence{text: text, title: title}
	if title {
		s.doc = query.NewDocument(text)
		s.toks = s.doc.Tokens(query.Title)
	} else {
		s.doc = query.NewDocument("", text)
		s.toks = s.doc.Tokens(query.Title + 1)
	}
	s.places = s.doc
	if h := hostless(text, s.toks); h != text {
		s.places = query.NewDocument("", h)
	}
	return s
}

// leadOf reports whether a sentence about an agreement is in the lead of
// what the item says about it (see leadSentences): the headline, the first
// sentences of the body, or, when the headline is about something else
// (a roundup of several stories), the first sentences about it. body is
// the sentence's place in the body (0: headline), nth its place among the
// body's sentences about the agreement, titled whether the headline is
// about it.
func leadOf(body, nth int, titled bool) bool {
	return body <= leadSentences || !titled && nth <= leadSentences
}
