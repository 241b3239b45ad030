package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseDue reads a forecast's due period and returns its end: the first
// instant after the period, at midnight in loc (UTC when loc is nil). The
// forms are
//
//	2015-06-30  a day      → 2015-07-01
//	2015-06     a month    → 2015-07-01
//	2015-Q2     a quarter  → 2015-07-01
//	2015-H1     a half     → 2015-07-01
//	2015        a year     → 2016-01-01
//
// "q" and "h" may be lower case.
func ParseDue(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	bad := func(why string) (time.Time, error) {
		return time.Time{}, fmt.Errorf("bad due date %q: %s", s, why)
	}
	const forms = "want YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY"
	date := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc) }

	ys, rest, hasRest := strings.Cut(s, "-")
	year, ok := digits(ys, 4)
	if !ok {
		return bad(forms)
	}
	if !hasRest {
		return date(year+1, 1, 1), nil
	}
	if len(rest) == 2 && strings.ContainsAny(rest[:1], "QqHh") {
		n, ok := digits(rest[1:], 1)
		switch {
		case !ok:
			return bad(forms)
		case (rest[0] == 'Q' || rest[0] == 'q') && 1 <= n && n <= 4:
			return date(year, 3*n+1, 1), nil
		case (rest[0] == 'H' || rest[0] == 'h') && 1 <= n && n <= 2:
			return date(year, 6*n+1, 1), nil
		case rest[0] == 'Q' || rest[0] == 'q':
			return bad("quarters are Q1 to Q4")
		}
		return bad("halves are H1 and H2")
	}
	ms, ds, hasDay := strings.Cut(rest, "-")
	month, ok := digits(ms, 2)
	if !ok {
		return bad(forms)
	}
	if month < 1 || month > 12 {
		return bad("months are 01 to 12")
	}
	if !hasDay {
		return date(year, month+1, 1), nil
	}
	day, ok := digits(ds, 2)
	if !ok {
		return bad(forms)
	}
	if day < 1 || date(year, month, day).Day() != day {
		return bad("no such day")
	}
	return date(year, month, day+1), nil
}

// digits parses exactly n ASCII digits.
func digits(s string, n int) (int, bool) {
	if len(s) != n {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.Atoi(s)
	return v, err == nil
}
