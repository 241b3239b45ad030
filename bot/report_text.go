package bot

import (
	"fmt"
	"strings"
	"time"
)

// dateFmt is how answers print dates: a policy team thinks in days.
const dateFmt = "2 Jan 2006"

// Text is the report as plain text, for the terminal and for Slack's text
// fallback.
func (r Report) Text(now time.Time) string {
	var b strings.Builder
	a := r.Agreement
	fmt.Fprintf(&b, "%s (%s): %s\n", a.Name, a.ID, r.State.Status)
	fmt.Fprintf(&b, "  %s\n", r.since())
	if why := r.why(); why != "" {
		fmt.Fprintf(&b, "  %s\n", why)
	}
	if !r.MutedUntil.IsZero() {
		fmt.Fprintf(&b, "  mentions muted until %s\n", plainMoment(r.MutedUntil))
	}
	if len(r.Parties) > 0 {
		b.WriteString("Parties:\n")
		for _, p := range r.Parties {
			fmt.Fprintf(&b, "  - %s: %s since %s\n", p.Party, p.Status, p.EvidenceAt.Format("2006-01-02"))
		}
	}
	if len(r.Forecasts) > 0 {
		b.WriteString("Forecasts:\n")
		for _, f := range r.Forecasts {
			fmt.Fprintf(&b, "  - %s\n", f.Line())
		}
	}
	if len(r.Mentions) > 0 {
		b.WriteString("Latest mentions:\n")
		for _, m := range r.Mentions {
			date := ""
			if !m.Published.IsZero() {
				date = m.Published.Format("2006-01-02") + " "
			}
			fmt.Fprintf(&b, "  - %s%s [%s] %s\n", date, m.Title, m.FeedID, m.Link)
		}
	}
	return b.String()
}

// since says since when the status holds.
func (r Report) since() string {
	at := r.sinceAt()
	if at.IsZero() {
		return "status as configured"
	}
	return "since " + at.Format(dateFmt)
}

// why says what set the status: the evidence, an admin, or the config.
func (r Report) why() string {
	c := r.evidence()
	switch {
	case c.Link != "" || c.Title != "":
		s := fmt.Sprintf("evidence: %q (%s) %s", c.Title, c.FeedID, c.Link)
		if c.Sentence != "" {
			s += fmt.Sprintf("\n    %q", c.Sentence)
		}
		return s
	case c.UserID != "":
		s := "set by <@" + c.UserID + ">"
		if c.Note != "" {
			s += ": " + c.Note
		}
		return s
	case c.Note != "":
		return c.Note
	}
	return ""
}

// Line is a forecast in one line: what, by when, and where it stands.
func (f ForecastState) Line() string {
	done := make([]string, len(f.DoneWhen))
	for i, st := range f.DoneWhen {
		done[i] = statusWords(st)
	}
	s := f.What + " " + byDue(f.Due) + ": "
	switch f.State {
	case ForecastFulfilled:
		s += fmt.Sprintf("fulfilled, %s on %s", statusWords(f.DoneVia), f.DoneAt.UTC().Format(dateFmt))
	case ForecastPassed:
		s += "passed " + daysText(-f.DaysTo) + " ago, not " + strings.Join(done, " or ")
	default:
		s += "due in " + daysText(f.DaysTo) + ", when " + strings.Join(done, " or ")
	}
	switch {
	case f.Source != "" && !f.Made.IsZero():
		s += " · forecast by " + f.Source + " on " + f.Made.UTC().Format(dateFmt)
	case f.Source != "":
		s += " · forecast by " + f.Source
	case !f.Made.IsZero():
		s += " · made on " + f.Made.UTC().Format(dateFmt)
	}
	if f.SlippedFrom != "" {
		s += " · slipped from " + strings.TrimPrefix(byDue(f.SlippedFrom), "by ")
		if f.Slips > 1 {
			s += fmt.Sprintf(" (%d slips)", f.Slips)
		}
	}
	return s
}

// daysText is "1 day", "12 days".
func daysText(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// ListLine is the report in one line, for lists.
func (r Report) ListLine() string {
	s := fmt.Sprintf("%-20s %-12s %s", r.Agreement.ID, r.State.Status, r.since())
	for _, f := range r.Forecasts {
		if f.State == ForecastPending || f.State == ForecastDueSoon {
			s += "; next: " + f.Line()
			break
		}
	}
	return s
}
