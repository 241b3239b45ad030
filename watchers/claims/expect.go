package claims

// What news expects: forecasts that name no status word of the
// agreement ("a final deal is expected in the first half of 2015", "eye a
// trade deal by October", "the next round of talks will take place on
// June 24"), and what calls a plan off.

import (
	"slices"
	"time"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// expected reads a forecast that names no status word: the agreement "is
// expected", "due" or "scheduled" by a time ("a final deal is expected in
// the first half of 2015"); its status is the one its kind reaches when
// done (signed, active).
func (t *Compiled) expected(s sentence, explicit bool, published time.Time) (Claim, bool) {
	k := kinds[t.Kind]
	if k == nil || k.done == "" {
		return Claim{}, false
	}
	for i, tok := range s.toks {
		if !(expectWords[tok.Text] || tok.Text == "set" && i+1 < len(s.toks) && s.toks[i+1].Text == "for" || takesPlace(s.toks, i)) || i == 0 {
			continue
		}
		if i+1 < len(s.toks) && s.toks[i+1].Text == "to" {
			continue // "expected to sign": the status word says it, and is read as such
		}
		// The agreement is what is expected: a noun of it before, in the
		// subject ("the next round of talks between the two is
		// scheduled for June 24"); talks expected are talks, not a deal.
		// Of the subject's nouns, a vote ratifies, talks are talks, an
		// event ("the pullout from the pact", "the signing of the pact")
		// is its own status; else the agreement is expected done.
		noun, vote, talks, event := false, false, false, ""
		for b := i - 1; b >= 0 && i-b <= 14; b-- {
			if clauseBreak(s.text[s.toks[b].End:s.toks[b+1].Start]) {
				break
			}
			w := s.toks[b].Text
			if i-b > 4 && (verbForm(w) || pastForm(w)) || clauseWord(w) {
				break
			}
			if nounWords[w] || voteNouns[w] || w != "it" && t.scope().ref.Match(query.NewDocument("", w)) {
				noun = true
				if e := eventOf(s.text, s.toks, b); e != "" && event == "" {
					event = e
				}
			}
			vote = vote || voteNouns[w]
			talks = talks || talkNouns[w]
		}
		status := k.done
		switch {
		case !noun:
			continue
		case vote && slices.Contains(k.lifecycle, "ratified"):
			status = "ratified" // "a vote on the treaty is to be held on Thursday"
		case vote:
			continue
		case talks:
			status = k.talks
		case event != "":
			if status = t.statusOf(event); status == "" {
				continue
			}
		}
		due, words := period(s.text, s.toks, i, published)
		if due == "" {
			continue
		}
		return Claim{Status: status, Mode: Plan, Title: s.title, Sentence: s.text, Cue: tok.Text, Explicit: explicit,
			Due: due, DueWords: words, Slip: slipWords[tok.Text]}, true
	}
	for i, tok := range s.toks {
		if !aimWords[tok.Text] {
			continue
		}
		// The agreement is the goal: its noun just after, then a time it
		// is due by ("eye a trade deal by October").
		for j := i + 1; j < len(s.toks) && j-i <= 5; j++ {
			if clauseBreak(s.text[s.toks[j-1].End:s.toks[j].Start]) || boundaries[s.toks[j].Text] && s.toks[j].Text != "for" {
				break
			}
			if !dealNoun(s.toks[j].Text) {
				continue
			}
			due, words, at := periodIndex(s.text, s.toks, j+1, j+1, published)
			if due == "" || at <= j+1 || !deadlineBefore(s.toks, at) || s.toks[j+1].Text == "to" {
				break
			}
			return Claim{Status: k.done, Mode: Plan, Title: s.title, Sentence: s.text, Cue: tok.Text, Explicit: explicit,
				Due: due, DueWords: words}, true
		}
	}
	for i, tok := range s.toks {
		if !finishWords[tok.Text] || !slices.Contains(k.lifecycle, "announced") {
			continue
		}
		// What is to be finished by a time: the talks ("wrap up the
		// negotiations by the end of the year": the deal reached) or the
		// agreement ("finalise the first phase of the deal by the fall":
		// the deal done). The first noun of ours after the verb says which.
		for j := i + 1; j < len(s.toks) && j-i <= 7; j++ {
			w := s.toks[j].Text
			if clauseBreak(s.text[s.toks[j-1].End:s.toks[j].Start]) || deadlineWords[w] {
				break
			}
			if !talkNouns[w] && !nounWords[w] {
				continue
			}
			for j+1 < len(s.toks) && (talkNouns[s.toks[j+1].Text] || nounWords[s.toks[j+1].Text]) {
				j++ // the compound's head: "the chip pact negotiations"
				w = s.toks[j].Text
			}
			due, words, at := periodIndex(s.text, s.toks, j+1, j+1, published)
			if due == "" || at <= j+1 || !deadlineBefore(s.toks, at) {
				break
			}
			status := k.done
			if talkNouns[w] {
				status = "announced"
			}
			return Claim{Status: status, Mode: Plan, Title: s.title, Sentence: s.text, Cue: tok.Text, Explicit: explicit,
				Due: due, DueWords: words}, true
		}
	}
	return Claim{}, false
}

// finishWords finish what they act on: "conclude the negotiations by
// December", "finalise the deal by the fall", "wrap up the talks".
var finishWords = set("conclude", "concluding", "finalise", "finalize", "finalising", "finalizing", "wrap", "wrapping",
	"complete", "completing")

// statusOf returns the status a built-in rule reads in one word ("pullout":
// withdrawn, "signing": signed), or "".
func (t *Compiled) statusOf(word string) string {
	doc := query.NewDocument("", word)
	for _, r := range t.Rules {
		if r.Builtin && r.Query.Match(doc) {
			return r.Status
		}
	}
	return ""
}

// takesPlace reports whether token i ends "take place" or "be held": what
// takes place is expected then ("the first meeting will take place on
// January 14", "a vote to be held on Thursday").
func takesPlace(toks []query.Token, i int) bool {
	if i == 0 {
		return false
	}
	switch p := toks[i-1].Text; toks[i].Text {
	case "place":
		return p == "take" || p == "takes"
	case "held":
		return p == "be"
	}
	return false
}

// voteNouns are the votes that ratify: "a plenum vote to be held on
// Thursday".
var voteNouns = set("vote", "votes", "referendum", "plebiscite", "ballot")

// aimWords set an agreement as a goal: "eye a trade deal by October",
// "aim for a deal by the end of the year".
var aimWords = set("eye", "eyes", "eyeing", "eyed", "aim", "aims", "aiming", "target", "targets", "targeting", "targeted",
	"seek", "seeks", "seeking", "want", "wants", "push", "pushes", "pushing")

// stateEnds open the time a state lasts until.
var stateEnds = set("until", "till", "through", "untill")

// deadlineBefore reports whether a deadline word opens the time at token
// at: "by October", "by the fall of 2025", "before the end of the year".
func deadlineBefore(toks []query.Token, at int) bool {
	if at > 0 && deadlineWords[toks[at-1].Text] {
		return true
	}
	return at > 1 && (toks[at-1].Text == "the" || toks[at-1].Text == "this") && deadlineWords[toks[at-2].Text]
}

// deadlineWords open a time that something is due by.
var deadlineWords = set("by", "before", "within")

var expectWords = set("expected", "due", "scheduled", "slated", "planned", "envisaged", "foreseen",
	"postponed", "delayed", "deferred", "rescheduled")

// slipWords move what was expected to a later time: "the signing was
// postponed until the first half of next year".
var slipWords = set("postponed", "delayed", "deferred", "rescheduled")

// talkStatuses are the statuses of talks under way: a headline that calls
// talks off ("next round of talks called off") cancels the body's plans
// of them.
var talkStatuses = set("negotiating", "active")

// calledOff reports whether a sentence calls something off: a plan in it
// ("US cancels India trade talks scheduled for August") is due no more.
func calledOff(toks []query.Token) bool {
	for i, t := range toks {
		switch t.Text {
		case "cancelled", "canceled", "cancels", "cancel", "cancelling", "canceling", "cancellation", "scrapped", "scraps":
			return true
		case "called", "calls", "call", "calling":
			if i+1 < len(toks) && toks[i+1].Text == "off" {
				return true
			}
		}
	}
	return false
}
