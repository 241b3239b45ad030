package claims

import (
	"strconv"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// recentDays is how long before an item an event may have happened and
// still be its news: older is background.
const recentDays = 21

// timex is a time expression found in a sentence: the period it names, at
// token position pos.
type timex struct {
	pos        int
	start, end time.Time
	recent     bool // "on Monday", "this week", "today": the item's own news
	gone       bool // "last month": gone by, however near its end
}

// anchor places the event at tokens hit..last in time, from the time expression
// nearest to it in its sentence, resolved against published: it returns
// when it happened (zero if the sentence does not say), whether that is
// background rather than news, and the cue that decided (cue when none).
// A status word in a clause that recalls an earlier event ("after China
// withdrew", "since the talks stalled", "the then-president signed") is
// background too, with no time.
func anchor(text string, toks []query.Token, hit, last int, published time.Time, cue string) (time.Time, bool, string) {
	best, found := timex{}, false
	perfect := presentPerfect(toks, hit)
	for _, x := range timexes(text, toks, published) {
		if x.pos > last && (perfect && !x.recent && !sinceBefore(toks, x.pos) || verbBetween(text, toks, last, x.pos)) {
			// Another clause's time: "have resumed talks to end the war
			// that began in April", "negotiations interrupted in 2018".
			continue
		}
		if namesAgreement(toks, x.pos) && !makingVerbs[toks[hit].Text] {
			// "the March 10 pact remains stalled": the date names the
			// pact; it dates its making, not the state.
			continue
		}
		if x.pos < hit && asideTime(text, toks, x.pos, hit) {
			// "The protocol, adopted in December 1997, enters into force on
			// Wednesday": the time of the aside's participle.
			continue
		}
		if !found || abs(x.pos-hit) < abs(best.pos-hit) {
			best, found = x, true
		}
	}
	if !found {
		// "the 2018 deal was signed by the previous government": a year
		// that names the agreement dates its making.
		best, found = datedNoun(text, toks, hit)
	}
	if found && best.pos > 0 && toks[best.pos-1].Text == "since" && presentState(toks, hit) {
		// "has been on ice since May", "remains suspended since 2014": a
		// state that still holds, not a recalled event.
		return time.Time{}, false, cue
	}
	if found && !best.recent && !published.IsZero() && (best.gone || best.end.Before(published.AddDate(0, 0, -recentDays))) && !sinceThen(toks, hit, best.pos) {
		return best.start, true, text[toks[best.pos].Start:toks[best.pos].End]
	}
	for i := hit - 1; i >= 0 && hit-i <= 6 && !clauseBreak(text[toks[i].End:toks[i+1].Start]); i-- {
		if toks[i].Text == "when" && deedBefore(toks, i) {
			// "the positions Tehran set out when talks broke off last
			// week": the time of another past event, not news of its own.
			return time.Time{}, true, "when"
		}
	}
	if found && best.recent {
		return time.Time{}, false, cue
	}
	if pastPerfect(toks, hit) && !said(toks) {
		// "Russia had suspended its part in the deal over the weekend": the
		// past perfect places an event before the story the item tells.
		// Reported speech ("said it had signed", "had signed, officials
		// said") tells the news so.
		return time.Time{}, true, "had"
	}
	// A clause that recalls: "after X withdrew", "since the group was frozen".
	for i := hit - 1; i >= 0 && hit-i <= 8; i-- {
		if clauseBreak(text[toks[i].End:toks[i+1].Start]) && i+1 < hit {
			break
		}
		switch w := toks[i].Text; w {
		case "after", "since", "following", "previously", "originally", "formerly", "former", "earlier":
			return time.Time{}, true, w
		case "then":
			if i+1 < len(toks) && text[toks[i].End] == '-' { // "then-President"
				return time.Time{}, true, "then-"
			}
		}
	}
	for i := hit + 1; i < len(toks) && i-hit <= 3; i++ {
		if w := toks[i].Text; w == "earlier" || w == "previously" || w == "before" && i == len(toks)-1 {
			return time.Time{}, true, w
		}
	}
	for i := max(hit-8, 1); i < len(toks) && i-hit <= 6; i++ {
		// "came into force two years later", "Months later, the pact was
		// signed": a time told from another past event.
		if toks[i].Text == "later" && longUnits[toks[i-1].Text] {
			return time.Time{}, true, toks[i-1].Text + " later"
		}
	}
	return time.Time{}, false, cue
}

// datedNoun finds a year that stands before an agreement's noun as its
// adjective ("the 2018 deal", "a 2015 agreement") in the sentence of a
// verb of its making ("signed", "struck"): that year is when it was made.
// The noun must be the verb's own: no clause but a relative one between
// them ("the 2018 deal, which …, was signed"; "a 2015 accord, struck …").
func datedNoun(text string, toks []query.Token, hit int) (timex, bool) {
	if !makingVerbs[toks[hit].Text] {
		return timex{}, false
	}
	relative := false // inside a relative clause set off by commas
	for p := hit - 1; p >= 1 && hit-p <= 20; p-- {
		if clauseBreak(text[toks[p].End:toks[p+1].Start]) && p+1 < hit { // ", struck under Park": its participle
			if !relative && !relativeWords[toks[p+1].Text] {
				relative = true // its closing comma; the clause must open with "which"
			} else if relativeWords[toks[p+1].Text] && relative {
				relative = false
			} else {
				return timex{}, false
			}
		}
		y := year(toks[p].Text)
		if y == 0 || !determiners[toks[p-1].Text] || relative {
			continue
		}
		for k := p + 1; k < hit && k-p <= 4; k++ {
			if dealNoun(toks[k].Text) {
				s := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
				return timex{pos: p, start: s, end: s.AddDate(1, 0, 0)}, true
			}
		}
	}
	return timex{}, false
}

var relativeWords = set("which", "who", "whose", "that")

// makingVerbs are the verbs that make an agreement: its year is theirs.
var makingVerbs = set("signed", "inked", "sealed", "struck", "reached", "agreed", "concluded", "clinched",
	"brokered", "negotiated", "adopted", "initialled", "initialed", "finalized", "finalised")

// namesAgreement reports whether the time expression at pos is an
// adjective of an agreement's noun: "the March 10 agreement", "the 2018
// deal".
func namesAgreement(toks []query.Token, pos int) bool {
	for k := pos + 1; k < len(toks) && k-pos <= 3; k++ {
		w := toks[k].Text
		if dealNoun(w) {
			return true
		}
		if number(w) == 0 && year(w) == 0 {
			return false
		}
	}
	return false
}

// asideTime reports whether the time at pos, before the status word at hit,
// belongs to a participle just before it in a clause set off by a comma
// from the status word: "an agreement adopted in December 1997, enters".
func asideTime(text string, toks []query.Token, pos, hit int) bool {
	verb := false
	for k := pos - 1; k >= 0 && pos-k <= 8; k-- {
		if k < pos-1 && strings.Contains(text[toks[k].End:toks[k+1].Start], ",") {
			break
		}
		if pastForm(toks[k].Text) && !isCapital(text, toks[k]) && pos-k <= 3 || relativeWords[toks[k].Text] && toks[k].Text != "that" {
			verb = true // "adopted in 1997", "which ratified it in 1993"
			break
		}
	}
	if !verb {
		return false
	}
	for k := pos + 1; k <= hit; k++ {
		if strings.Contains(text[toks[k-1].End:toks[k].Start], ",") {
			return true
		}
	}
	return false
}

// verbBetween reports whether another verb stands between the status word
// at hit and a time after it, which then is that verb's: "the resumption
// of negotiations interrupted in 2018", "resumed talks on ending the war
// that began in April". A verb joined to the status word ("was signed and
// ratified in 1996") shares its time.
func verbBetween(text string, toks []query.Token, hit, at int) bool {
	for k := hit + 1; k < at; k++ {
		if pastForm(toks[k].Text) && !isCapital(text, toks[k]) && !coordinators[toks[k-1].Text] {
			return true
		}
	}
	return false
}

var coordinators = set("and", "or", "but", "nor")

// sinceBefore reports whether the time at pos follows "since": "has been
// frozen since 2014" says how long a state has held.
func sinceBefore(toks []query.Token, pos int) bool {
	return pos > 0 && toks[pos-1].Text == "since"
}

// sinceThen reports whether the status word at hit is a present perfect
// whose time is a "since" clause after it, whatever its verb: "talks have
// continued since it was first announced in October" hold now.
func sinceThen(toks []query.Token, hit, at int) bool {
	if at <= hit || at-hit > 10 || !presentPerfect(toks, hit) {
		return false
	}
	for i := hit + 1; i < at; i++ {
		if toks[i].Text == "since" {
			return true
		}
	}
	return false
}

// pastPerfect reports whether the status word at hit is a past perfect:
// "had suspended", "had been frozen".
func pastPerfect(toks []query.Token, hit int) bool {
	if !pastForm(toks[hit].Text) {
		return false
	}
	for i := hit - 1; i >= 0 && hit-i <= 3; i-- {
		switch w := toks[i].Text; {
		case w == "had":
			return true
		case w == "been" || strings.HasSuffix(w, "ly") || w == "already" || w == "also" || w == "just":
		default:
			return false
		}
	}
	return false
}

// said reports whether a sentence has a verb of saying: what is said is
// told in the past perfect ("India said it had signed").
func said(toks []query.Token) bool {
	for _, t := range toks {
		if sayingPast[t.Text] {
			return true
		}
	}
	return false
}

var sayingPast = set("said", "says", "say", "told", "tells", "announced", "announces", "confirmed", "confirms", "stated",
	"reported", "reports", "added", "declared", "insisted", "noted", "explained", "revealed", "disclosed", "acknowledged")

// presentPerfect reports whether the status word at hit is a present
// perfect ("talks have continued", "the pact has been suspended"): it
// reports what holds up to now, and English gives such a verb no past
// time of its own, so a past time in its sentence belongs to another
// clause ("have continued since it was announced in October").
func presentPerfect(toks []query.Token, hit int) bool {
	for i := hit - 1; i >= 0 && hit-i <= 3; i-- {
		switch w := toks[i].Text; {
		case w == "have" || w == "has":
			return pastForm(toks[hit].Text) || gerund(toks[hit].Text) && toks[i+1].Text == "been"
		case w == "been" || strings.HasSuffix(w, "ly") || w == "now" || w == "already" || w == "also":
		default:
			return false
		}
	}
	return false
}

// recentTime reports whether a sentence has a time word of the item's own
// news: "on Saturday", "today", "this week".
func recentTime(text string, toks []query.Token, published time.Time) bool {
	for _, x := range timexes(text, toks, published) {
		if x.recent {
			return true
		}
	}
	return false
}

// recentAfter reports whether a time word of the item's own news follows
// the status word ending at last: "a deal signed on Saturday", "the text
// of a pact initialled by the ministers in Washington last week" report,
// where in "announced on Sunday that it breaks the accords signed by the
// powers" the day is the announcement's.
// A verb between them gives the time to its own clause: "the minister who
// signed the pact unveiled rules on Monday".
func recentAfter(text string, toks []query.Token, last int, published time.Time) bool {
next:
	for _, x := range timexes(text, toks, published) {
		if !x.recent || x.pos <= last {
			continue
		}
		for k := last + 1; k < x.pos; k++ {
			if pastForm(toks[k].Text) && !isCapital(text, toks[k]) {
				continue next
			}
		}
		return true
	}
	return false
}

// presentState reports whether the status word at hit is a state said to
// hold now: "is", "remains", "has been", "still" just before it.
func presentState(toks []query.Token, hit int) bool {
	for i := hit - 1; i >= 0 && hit-i <= 3; i-- {
		switch toks[i].Text {
		case "is", "are", "remains", "remain", "still", "been":
			return true
		}
	}
	return false
}

func isCapital(text string, t query.Token) bool {
	c := text[t.Start]
	return 'A' <= c && c <= 'Z'
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// timexes finds the time expressions of a sentence: years after a
// preposition ("in 2014", "since 2018"), months with or without a day and
// year ("in May", "on March 3, 2019"), "last year", "N months ago",
// "earlier this year", and the day words of recent news ("on Monday",
// "this week", "today").
func timexes(text string, toks []query.Token, published time.Time) []timex {
	var out []timex
	ref := published
	if ref.IsZero() {
		ref = time.Now()
	}
	for i := 0; i < len(toks); i++ {
		w := toks[i].Text
		prev := ""
		if i > 0 {
			prev = toks[i-1].Text
		}
		next := func(k int) string {
			if i+k < len(toks) {
				return toks[i+k].Text
			}
			return ""
		}
		switch {
		case recentWords[w] && (w != "now" || prev != "until"):
			out = append(out, timex{pos: i, recent: true})
		case weekdays[w] && (prev == "on" || prev == "last" || prev == "this" || next(1) == "night" || next(1) == "morning"):
			out = append(out, timex{pos: i, recent: true})
		case w == "this" && (next(1) == "week" || next(1) == "month" || next(1) == "morning"):
			out = append(out, timex{pos: i, recent: true})
		case w == "last" && months[next(1)] != 0 && !(next(1) == "may" && !isCapital(text, toks[i+1])):
			// "last November": the latest November before the item's month.
			m := time.Month(months[next(1)])
			y := ref.Year()
			if m >= ref.Month() {
				y--
			}
			s := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
			out = append(out, timex{pos: i, start: s, end: s.AddDate(0, 1, 0)})
			i++
		case w == "last" && (next(1) == "year" || next(1) == "month" || next(1) == "week" || next(1) == "decade"):
			var s, e time.Time
			switch next(1) {
			case "year":
				s = time.Date(ref.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC)
				e = s.AddDate(1, 0, 0)
			case "month":
				s = time.Date(ref.Year(), ref.Month()-1, 1, 0, 0, 0, 0, time.UTC)
				e = s.AddDate(0, 1, 0)
			case "week":
				out = append(out, timex{pos: i, recent: true})
				continue
			case "decade":
				s, e = ref.AddDate(-10, 0, 0), ref.AddDate(-1, 0, 0)
			}
			out = append(out, timex{pos: i, start: s, end: e, gone: true})
		case w == "ago" && i > 1:
			n, unit := number(toks[i-2].Text), toks[i-1].Text
			if n == 0 && (toks[i-2].Text == "a" || toks[i-2].Text == "an") || unit == "decades" || unit == "years" && n == 0 {
				n = max(n, 1) // "a year ago", "decades ago", "years ago"
			}
			if t, ok := before(ref, n, unit); ok {
				out = append(out, timex{pos: i - 1, start: t, end: t.AddDate(0, 0, 1)})
			}
		case w == "earlier" && next(1) == "this" && next(2) == "year":
			out = append(out, timex{pos: i, start: time.Date(ref.Year(), 1, 1, 0, 0, 0, 0, time.UTC), end: ref.AddDate(0, 0, -recentDays-1)})
		case months[w] != 0 && !(w == "may" && !isCapital(text, toks[i])) && !(w == "march" && prev != "in" && prev != "on" && prev != "since" && number(next(1)) == 0):
			out = append(out, monthTimex(toks, i, ref))
		case len(w) == 4 && year(w) != 0 && (yearPreps[prev] || (prev == "a" || prev == "the") && i > 1 && eventPreps[toks[i-2].Text]):
			// "in 2014", and an event of a year: "at a 2018 summit",
			// "during the 2018 talks".
			y := year(w)
			s := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
			out = append(out, timex{pos: i, start: s, end: s.AddDate(1, 0, 0)})
		}
	}
	return out
}

// monthTimex reads "May", "May 2018", "May 8", "May 8, 2018" or "8 May
// 2018" at token i. A month with no year is the last such month up to ref.
func monthTimex(toks []query.Token, i int, ref time.Time) timex {
	m := months[toks[i].Text]
	y, day := 0, 0
	if i+1 < len(toks) {
		if d := number(toks[i+1].Text); d >= 1 && d <= 31 {
			day = d
			if i+2 < len(toks) {
				y = year(toks[i+2].Text)
			}
		} else {
			y = year(toks[i+1].Text)
		}
	}
	if day == 0 && i > 0 {
		if d := number(toks[i-1].Text); d >= 1 && d <= 31 {
			day = d
		}
	}
	if y == 0 {
		y = ref.Year()
		if time.Month(m) > ref.Month() {
			y--
		}
	}
	if day > 0 {
		s := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
		return timex{pos: i, start: s, end: s.AddDate(0, 0, 1)}
	}
	s := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	return timex{pos: i, start: s, end: s.AddDate(0, 1, 0)}
}

func before(ref time.Time, n int, unit string) (time.Time, bool) {
	if n <= 0 {
		return time.Time{}, false
	}
	switch unit {
	case "day", "days":
		return ref.AddDate(0, 0, -n), true
	case "week", "weeks":
		return ref.AddDate(0, 0, -7*n), true
	case "month", "months":
		return ref.AddDate(0, -n, 0), true
	case "year", "years":
		return ref.AddDate(-n, 0, 0), true
	case "decade", "decades":
		return ref.AddDate(-10*n, 0, 0), true
	}
	return time.Time{}, false
}

func year(w string) int {
	if len(w) != 4 {
		return 0
	}
	y, err := strconv.Atoi(w)
	if err != nil || y < 1945 || y > 2100 {
		return 0
	}
	return y
}

func number(w string) int {
	if n, err := strconv.Atoi(w); err == nil && n > 0 && n < 1000 {
		return n
	}
	return numberWords[w]
}

var (
	recentWords = set("today", "yesterday", "tonight", "now", "currently")
	weekdays    = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
	eventPreps  = set("at", "during")
	yearPreps   = set("in", "since", "during", "from", "until", "till", "by", "of", "early", "late", "mid", "through", "around", "before", "after")
	months      = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
	numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
		"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 2}
)

// longUnits are the lengths of time after which "later" tells of another
// time than the news': "two years later", "months later".
var longUnits = set("month", "months", "year", "years", "decade", "decades")
