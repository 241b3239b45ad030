package claims

import (
	"fmt"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// A forecast's due period is written as config's due dates are:
// YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY.

// period reads the time a plan or expectation is set for ("in the first
// half of 2015", "on February 29", "next week", "by the end of the year",
// "within six months"), resolved against published: the due period, and
// the words that said it. Only times after published (or on its day)
// count: a plan for the past is no forecast. It returns "" when the
// sentence names no such time.
func period(text string, toks []query.Token, hit int, published time.Time) (due, words string) {
	due, words, _ = periodIndex(text, toks, hit, hit, published)
	return due, words
}

// periodIndex is period, with the index of the token where the time
// starts, for the words hit..last (a phrase: "provisionally applied").
func periodIndex(text string, toks []query.Token, hit, last int, published time.Time) (due, words string, at int) {
	if published.IsZero() {
		return "", "", -1
	}
	pub := time.Date(published.Year(), published.Month(), published.Day(), 0, 0, 0, 0, time.UTC)
	// The time that governs the plan follows it in its clause ("will be
	// signed on Friday"), or just precedes it ("in the first half of 2015,
	// a deal is expected to be signed").
	from := max(hit-5, 0)
	for k := hit - 1; k > from; k-- {
		if clauseBreak(text[toks[k-1].End:toks[k].Start]) && k < hit-1 {
			from = k
			break
		}
	}
	for i := from; i < len(toks) && i-hit <= 14; i++ {
		if i > hit && clauseBreak(text[toks[i-1].End:toks[i].Start]) && !clockTime(text, toks, i) && !acronymAside(text, toks, i) {
			break
		}
		if i > last+1 && finitePast(toks, i-1) {
			break // "to return to the deal started again on 4 August": the time of another verb
		}
		d, n := periodAt(toks, i, pub)
		if d == "" {
			continue
		}
		if i+n < len(toks) && dealNoun(toks[i+n].Text) {
			continue // "the March 10 agreement": the date names the agreement, it sets nothing due
		}
		if i < hit && pastBefore(text, toks, i) {
			continue // "agreed at the summit in June to launch it": when they agreed
		}
		if i < hit && pastBetween(text, toks, i+n, hit) {
			continue // "on Friday threatened to halt the talks": when they threatened
		}
		if months[toks[i].Text] != 0 && len(d) == 7 && d[:4] != fmt.Sprint(pub.Year()) && year(next(toks, i)) == 0 && deedBefore(toks, hit) {
			// "gave notice of its intent to withdraw in February", read in
			// July: a month gone by this year, after a past deed, is when.
			continue
		}
		if (toks[i].Text == "in" || toks[i].Text == "within") && number(next(toks, i)) != 0 && datedBefore(text, toks, hit, published) {
			// "gave notice in February, setting the stage for it to end in
			// six months": the months count from that deed, not the item.
			continue
		}
		if weekdays[toks[i].Text] && (i == 0 || toks[i-1].Text != "next") && d > pub.AddDate(0, 0, 3).Format("2006-01-02") && pastBefore(text, toks, hit) {
			// "Russia announced that it would rejoin the deal on Wednesday",
			// read on Thursday: news names a day nearly a week ahead "next
			// Wednesday"; after a past verb, a bare one is the day gone by.
			continue
		}
		end, err := dueEnd(d)
		if err != nil || !end.After(pub) || !end.After(pub.AddDate(0, 0, 1)) && !weekdays[toks[i].Text] && !todayWords[toks[i].Text] && !sameDay(toks, i) {
			// A time before the item's day is when it was said, not when it
			// will be; on its day only a weekday or "today" counts
			// ("expected to sign on Friday", on a Friday morning).
			continue
		}
		return d, text[toks[i].Start:toks[min(i+n, len(toks))-1].End], i
	}
	return "", "", -1
}

// finitePast reports whether the word at i is a past tense that is a verb
// of its own, not a participle after "be" or "to be" ("will be signed"),
// nor a verb of expecting ("is expected", "was scheduled").
func finitePast(toks []query.Token, i int) bool {
	w := toks[i].Text
	if !pastForm(w) || expectWords[w] || i == 0 {
		return false
	}
	switch toks[i-1].Text {
	case "be", "been", "being", "is", "are", "was", "were", "and", "or", "not", "formally", "officially", "jointly", "to", "a", "an", "the":
		return false
	}
	return true
}

func next(toks []query.Token, i int) string {
	if i+1 < len(toks) {
		return toks[i+1].Text
	}
	return ""
}

// datedBefore reports whether the sentence dates something before the
// word at hit earlier than the item's news ("in February", read in July).
func datedBefore(text string, toks []query.Token, hit int, published time.Time) bool {
	for _, x := range timexes(text, toks, published) {
		if x.pos < hit && !x.recent && x.end.Before(published.AddDate(0, 0, -recentDays)) {
			return true
		}
	}
	return false
}

// deedBefore reports whether a past tense other than one of saying comes
// before the word at hit in its sentence.
func deedBefore(toks []query.Token, hit int) bool {
	for k := 0; k < hit; k++ {
		if finitePast(toks, k) && !sayingPast[toks[k].Text] {
			return true
		}
	}
	return false
}

// pastBefore reports whether a past-tense verb comes before the word at i
// in its clause. A capitalised word inside the sentence is a name ("the
// United Kingdom"), not a verb.
func pastBefore(text string, toks []query.Token, i int) bool {
	for k := i - 1; k >= 0; k-- {
		if finitePast(toks, k) && (k == 0 || !isCapital(text, toks[k])) {
			return true
		}
		if k > 0 && clauseBreak(text[toks[k-1].End:toks[k].Start]) {
			break
		}
	}
	return false
}

// pastBetween reports whether a finite past verb stands between tokens
// from and to: a time before it is that verb's.
func pastBetween(text string, toks []query.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if finitePast(toks, k) && !isCapital(text, toks[k]) {
			return true
		}
	}
	return false
}

// periodAt reads a time expression starting at token i: its due period and
// how many tokens it took, or "".
func periodAt(toks []query.Token, i int, pub time.Time) (string, int) {
	w := func(k int) string {
		if i+k < len(toks) {
			return toks[i+k].Text
		}
		return ""
	}
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	month := func(t time.Time) string { return t.Format("2006-01") }
	y := pub.Year()
	switch {
	case w(0) == "first" && w(1) == "half" || w(0) == "second" && w(1) == "half":
		n := 1
		if w(0) == "second" {
			n = 2
		}
		if yr := periodYear(w(2), w(3), y); yr != 0 {
			return fmt.Sprintf("%d-H%d", yr, n), 4
		}
		return fmt.Sprintf("%d-H%d", y, n), 2
	case quarters[w(0)] != 0 && w(1) == "quarter":
		if yr := periodYear(w(2), w(3), y); yr != 0 {
			return fmt.Sprintf("%d-Q%d", yr, quarters[w(0)]), 4
		}
		return fmt.Sprintf("%d-Q%d", y, quarters[w(0)]), 2
	case w(0) == "end" && w(1) == "of" && (w(2) == "the" && w(3) == "year" || w(2) == "this" && w(3) == "year"):
		return fmt.Sprint(y), 4
	case w(0) == "end" && w(1) == "of" && (w(2) == "the" || w(2) == "this") && w(3) == "month":
		return month(pub), 4
	case w(0) == "end" && w(1) == "of" && months[w(2)] != 0 && (w(2) != "may" || i > 0 && toks[i-1].Text == "the"):
		// "at the end of May": that month, this year's unless gone by.
		yr := y
		if year(w(3)) != 0 {
			yr = year(w(3))
		} else if time.Month(months[w(2)]) < pub.Month() {
			yr = y + 1
		}
		return fmt.Sprintf("%d-%02d", yr, months[w(2)]), 3
	case w(0) == "first" && w(1) == "week" && w(2) == "of" && year(w(3)) >= y:
		return day(friday(time.Date(year(w(3)), 1, 1, 0, 0, 0, 0, time.UTC))), 4
	case w(0) == "first" && w(1) == "week" && w(2) == "of" && months[w(3)] != 0:
		m := time.Month(months[w(3)])
		t := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
		if m < pub.Month() {
			t = t.AddDate(1, 0, 0)
		}
		return day(friday(t)), 4
	case w(0) == "end" && w(1) == "of" && year(w(2)) >= y:
		return w(2), 3
	case w(0) == "year" && w(1) == "end", w(0) == "this" && w(1) == "year":
		return fmt.Sprint(y), 2
	case w(0) == "next" && w(1) == "year", w(0) == "early" && w(1) == "next" && w(2) == "year":
		if w(0) == "early" {
			return fmt.Sprintf("%d-H1", y+1), 3
		}
		return fmt.Sprint(y + 1), 2
	case w(0) == "next" && w(1) == "month":
		return month(pub.AddDate(0, 1, 0)), 2
	case (w(0) == "this" || w(0) == "later") && w(1) == "month", w(0) == "later" && w(1) == "this" && w(2) == "month":
		return month(pub), 2
	case w(0) == "next" && w(1) == "week":
		return day(friday(pub.AddDate(0, 0, 7))), 2
	case w(0) == "this" && w(1) == "week", w(0) == "later" && w(1) == "this" && w(2) == "week":
		return day(friday(pub)), 2
	case w(0) == "tomorrow":
		return day(pub.AddDate(0, 0, 1)), 1
	case w(0) == "immediately" && afterEvent[w(1)]:
		return "", 0 // "immediately after the signing": when that is
	case (w(0) == "this" || w(0) == "later") && dayParts[w(1)]:
		return day(pub), 2 // "to sign this afternoon", "later this evening"
	case w(0) == "later" && w(1) == "today":
		return day(pub), 2
	case w(0) == "later" && w(1) == "in" && w(2) == "the" && w(3) == "day":
		return day(pub), 4 // "a final vote later in the day"
	case todayWords[w(0)] && !(i > 0 && pastForm(toks[i-1].Text)):
		return day(pub), 1 // "will today sign", "to sign the pact today"; not "said today"
	case w(0) == "end" && w(1) == "of" && months[w(2)] != 0 && w(2) != "may":
		m := time.Month(months[w(2)])
		yr := y
		if m < pub.Month() {
			yr = y + 1
		}
		return fmt.Sprintf("%d-%02d", yr, m), 3
	case (w(0) == "in" || w(0) == "within") && number(w(1)) != 0 && (w(2) == "to" || w(2) == "or") && number(w(3)) != 0 && unitDays[w(4)] != 0:
		// "within two to three weeks", "in two or three months": by the
		// later bound.
		n := number(w(3))
		switch w(4) {
		case "month", "months":
			return day(pub.AddDate(0, n, 0)), 5
		case "year", "years":
			return day(pub.AddDate(n, 0, 0)), 5
		}
		return day(pub.AddDate(0, 0, n*unitDays[w(4)])), 5
	case w(0) == "coming" && (w(1) == "days" || w(1) == "weeks" || w(1) == "months"):
		n := map[string]time.Time{"days": pub.AddDate(0, 0, 7), "weeks": pub.AddDate(0, 0, 28), "months": pub.AddDate(0, 6, 0)}[w(1)]
		return day(n), 2
	case (w(0) == "in" || w(0) == "within") && number(w(1)) != 0 && unitDays[w(2)] != 0:
		n := number(w(1))
		switch w(2) {
		case "month", "months":
			return day(pub.AddDate(0, n, 0)), 3
		case "year", "years":
			return day(pub.AddDate(n, 0, 0)), 3
		}
		return day(pub.AddDate(0, 0, n*unitDays[w(2)])), 3
	case w(0) == "within" && (w(1) == "weeks" || w(1) == "months" || w(1) == "days"):
		return day(pub.AddDate(0, 0, map[string]int{"days": 7, "weeks": 28, "months": 180}[w(1)])), 2
	case weekdays[w(0)] && i > 1 && toks[i-1].Text == "on" && pastForm(toks[i-2].Text) &&
		!(i > 2 && (toks[i-3].Text == "be" || toks[i-3].Text == "been")):
		return "", 0 // "said on Monday": when it was said
	case weekdays[w(0)] && i > 0 && (toks[i-1].Text == "on" || toks[i-1].Text == "by" || toks[i-1].Text == "next" ||
		toks[i-1].Text == "this" || toks[i-1].Text == "coming"):
		// "on Friday", "this Friday", "this coming Thursday"
		return day(nextWeekday(pub, w(0))), 1
	case weekdays[w(0)] && i > 1 && toks[i-1].Text != "last" && !pastForm(toks[i-1].Text) && !sayingVerbs[toks[i-1].Text] &&
		(nounWords[toks[i-1].Text] || eventPlaceNouns[toks[i-1].Text]):
		// News style drops the "on": "will sign the deal Thursday", "at
		// the summit Friday".
		return day(nextWeekday(pub, w(0))), 1
	case months[w(0)] != 0 && months[w(1)] > months[w(0)] && number(w(2)) == 0 &&
		!(w(0) == "may" && i > 0 && toks[i-1].Text != "in" && toks[i-1].Text != "on" && toks[i-1].Text != "by"):
		// "by September-October": the range's end.
		yr := y
		if year(w(2)) != 0 {
			yr = year(w(2))
		} else if time.Month(months[w(1)]) < pub.Month() {
			yr = y + 1
		}
		n := 2
		if year(w(2)) != 0 {
			n = 3
		}
		return fmt.Sprintf("%d-%02d", yr, months[w(1)]), n
	case months[w(0)] != 0 && !(w(0) == "may" && i > 0 && toks[i-1].Text != "in" && toks[i-1].Text != "on" && toks[i-1].Text != "by"):
		m := time.Month(months[w(0)])
		if d := number(w(1)); d >= 1 && d <= 31 && w(2) != "" {
			yr := y
			if year(w(2)) != 0 {
				yr = year(w(2))
			} else if time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Before(pub) {
				yr = y + 1
			}
			return day(time.Date(yr, m, d, 0, 0, 0, 0, time.UTC)), 2
		}
		if d := number(w(1)); d >= 1 && d <= 31 {
			t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			if t.Before(pub) {
				t = t.AddDate(1, 0, 0)
			}
			return day(t), 2
		}
		if i > 0 {
			if d := number(toks[i-1].Text); d >= 1 && d <= 31 { // "15 January"
				t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
				if yr := year(w(1)); yr != 0 {
					t = time.Date(yr, m, d, 0, 0, 0, 0, time.UTC)
				} else if t.Before(pub) {
					t = t.AddDate(1, 0, 0)
				}
				return day(t), 1
			}
		}
		yr := y
		if year(w(1)) != 0 {
			yr = year(w(1))
		} else if m < pub.Month() {
			yr = y + 1
		}
		return fmt.Sprintf("%d-%02d", yr, m), 1
	case year(w(0)) >= y && i > 0 && (toks[i-1].Text == "in" || toks[i-1].Text == "by" || toks[i-1].Text == "until"):
		return w(0), 1
	case seasonEnds[w(0)] != 0 && i > 0 && (toks[i-1].Text == "the" || toks[i-1].Text == "this" || toks[i-1].Text == "next" ||
		yearPreps[toks[i-1].Text] && (w(1) == "of" && year(w(2)) != 0 || year(w(1)) != 0)) &&
		!(w(1) == "of" && year(w(2)) == 0): // "the fall of the government"; "by fall of 2025", "in spring 2026"
		// "by the summer", "this autumn", "in the spring of 2016": to the
		// season's last month, as the northern hemisphere counts it (news
		// of the southern one says the month). "Winter" straddles two
		// years and is left alone; "fall" counts only after a determiner,
		// as a verb it is no time.
		m, n := seasonEnds[w(0)], 1
		yr := y
		switch {
		case w(1) == "of" && year(w(2)) != 0:
			yr, n = year(w(2)), 3
		case year(w(1)) != 0:
			yr, n = year(w(1)), 2
		case toks[i-1].Text == "next" || m < int(pub.Month()):
			yr = y + 1
		}
		return fmt.Sprintf("%d-%02d", yr, m), n
	}
	return "", 0
}

// periodYear reads "of 2015" or "of next year" after a half or a quarter.
func periodYear(of, what string, y int) int {
	if of != "of" {
		return 0
	}
	if year(what) != 0 {
		return year(what)
	}
	switch what {
	case "next":
		return y + 1
	case "this":
		return y
	}
	return 0
}

func friday(t time.Time) time.Time {
	for t.Weekday() != time.Friday {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

// nextWeekday is the first day on or after t that is the named weekday.
func nextWeekday(t time.Time, name string) time.Time {
	for k := 0; k < 7; k++ {
		d := t.AddDate(0, 0, k)
		if weekdayNames[d.Weekday()] == name {
			return d
		}
	}
	return t
}

var (
	quarters     = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}
	seasonEnds   = map[string]int{"spring": 5, "summer": 8, "autumn": 11, "fall": 11}
	unitDays     = map[string]int{"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365}
	weekdayNames = map[time.Weekday]string{time.Monday: "monday", time.Tuesday: "tuesday", time.Wednesday: "wednesday",
		time.Thursday: "thursday", time.Friday: "friday", time.Saturday: "saturday", time.Sunday: "sunday"}
)

// dueEnd is the first instant after a due period (as config.ParseDue, which
// this leaf package cannot import).
func dueEnd(d string) (time.Time, error) {
	var y, m, n int
	switch {
	case len(d) == 10:
		t, err := time.Parse("2006-01-02", d)
		return t.AddDate(0, 0, 1), err
	case len(d) == 7 && (d[5] == 'H' || d[5] == 'Q'):
		if _, err := fmt.Sscanf(d[:4], "%d", &y); err != nil {
			return time.Time{}, err
		}
		n = int(d[6] - '0')
		months := 3
		if d[5] == 'H' {
			months = 6
		}
		return time.Date(y, time.Month(months*n+1), 1, 0, 0, 0, 0, time.UTC), nil
	case len(d) == 7:
		if _, err := fmt.Sscanf(d, "%d-%d", &y, &m); err != nil {
			return time.Time{}, err
		}
		return time.Date(y, time.Month(m)+1, 1, 0, 0, 0, 0, time.UTC), nil
	case len(d) == 4:
		if _, err := fmt.Sscanf(d, "%d", &y); err != nil {
			return time.Time{}, err
		}
		return time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC), nil
	}
	return time.Time{}, fmt.Errorf("bad period %q", d)
}

var todayWords = set("today", "tonight", "immediately")

// sameDay reports whether the time at i names a part of the item's own
// day ("this afternoon", "later today", "later in the day").
func sameDay(toks []query.Token, i int) bool {
	w := toks[i].Text
	return (w == "this" || w == "later") && (dayParts[next(toks, i)] || next(toks, i) == "today" || next(toks, i) == "in")
}

// dayParts are the parts of a day that "this" or "later" name on the
// item's day.
var dayParts = set("morning", "afternoon", "evening")

// eventPlaceNouns are gatherings a plan may be set at, besides an
// agreement's own nouns (nounWords: "talks", "meeting"): "at the summit
// Thursday".
var eventPlaceNouns = set("summit", "ceremony", "conference", "session", "visit")

// clockTime reports whether tokens i-1 and i are the hours and minutes of
// a clock time ("7:00"), whose colon breaks no clause.
func clockTime(text string, toks []query.Token, i int) bool {
	return text[toks[i-1].End:toks[i].Start] == ":" && number(toks[i-1].Text) != 0 && len(toks[i].Text) == 2 &&
		toks[i].Text[0] >= '0' && toks[i].Text[0] <= '9'
}

// afterEvent words tie a time to another event: "immediately after the
// signing", "upon ratification".
var afterEvent = set("after", "upon", "on", "once", "when", "following")

// acronymAside reports whether a parenthesis around token i, or closing
// after it, only gives an acronym ("the Reciprocal Access Agreement (RAA)
// on 11 September"): no clause ends there.
func acronymAside(text string, toks []query.Token, i int) bool {
	between := strings.TrimSpace(text[toks[i-1].End:toks[i].Start])
	if between == "(" {
		raw := text[toks[i].Start:toks[i].End]
		return strings.ToUpper(raw) == raw && i+1 < len(toks) && strings.TrimSpace(text[toks[i].End:toks[i+1].Start]) == ")"
	}
	if between == ")" {
		raw := text[toks[i-1].Start:toks[i-1].End]
		return strings.ToUpper(raw) == raw && i > 1 && strings.TrimSpace(text[toks[i-2].End:toks[i-1].Start]) == "("
	}
	return false
}
