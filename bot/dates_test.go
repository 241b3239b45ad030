package bot

import (
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

func TestByDue(t *testing.T) {
	for _, tt := range []struct{ due, want string }{
		{"2015-H1", "by 30 Jun 2015 (first half of 2015)"},  // a half names its last day and itself
		{"2015-h2", "by 31 Dec 2015 (second half of 2015)"}, // lower case as the config accepts it
		{"2015-Q3", "by 30 Sep 2015 (Q3 2015)"},             // a quarter likewise
		{"2026-12", "by 31 Dec 2026"},                       // a month: its last day, not 1 Jan
		{"2016-02", "by 29 Feb 2016"},                       // a leap February
		{"2015", "by 31 Dec 2015"},                          // a year
		{"2015-06-30", "by 30 Jun 2015"},                    // a day is itself
		{"soon", "by soon"},                                 // unreadable: as written, never a wrong date
	} {
		if got := byDue(tt.due); got != tt.want {
			t.Errorf("byDue(%q) = %q, want %q", tt.due, got, tt.want)
		}
	}
}

func TestSlackDates(t *testing.T) {
	at := time.Date(2015, 3, 4, 9, 30, 0, 0, time.FixedZone("MSK", 3*3600))
	if got, want := slackDay(at), "<!date^1425450600^{date_short_pretty}|4 Mar 2015>"; got != want {
		t.Errorf("slackDay = %q, want %q", got, want)
	}
	// The fallback is in UTC whatever zone the time came in.
	if got, want := slackMoment(at), "<!date^1425450600^{date_short_pretty} at {time}|4 Mar 2015 06:30 UTC>"; got != want {
		t.Errorf("slackMoment = %q, want %q", got, want)
	}
	if slackDay(time.Time{}) != "" || slackMoment(time.Time{}) != "" {
		t.Error("a zero time gives a date")
	}
}

func TestDaysLeft(t *testing.T) {
	f := &storage.ForecastRef{Due: "2015-H1", DueAt: time.Date(2015, 7, 1, 0, 0, 0, 0, time.UTC)}
	for _, tt := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2015, 6, 23, 21, 0, 0, 0, time.UTC), "Deadline in 7 days"}, // calendar days to 30 Jun, whatever the hour
		{time.Date(2015, 6, 29, 1, 0, 0, 0, time.UTC), "Deadline tomorrow"},
		{time.Date(2015, 6, 30, 1, 0, 0, 0, time.UTC), "Deadline today"},
		{time.Time{}, "Deadline approaching"}, // unknown: no number
	} {
		if got := daysLeft(tt.at, f); got != tt.want {
			t.Errorf("daysLeft(%v) = %q, want %q", tt.at, got, tt.want)
		}
	}
}

func TestMatchedSentence(t *testing.T) {
	for _, tt := range []struct {
		rule, sentence, want, words string
	}{
		// The words the rule matched are bold, as they stand in the text.
		{`sign* OR inked`, "Russia and China Signed a pact & more", "Russia and China *Signed* a pact &amp; more", "Signed"},
		// A phrase is bold whole.
		{`"concluded an agreement"`, "They concluded an agreement.", "They *concluded an agreement*.", "concluded an agreement"},
		// A rule the sentence alone does not satisfy: nothing bold, its terms named.
		{`signed AND title:pact`, "It was signed.", "It was signed.", "signed"},
		// No rule (an admin's change): the sentence escaped.
		{``, "a <b> c", "a &lt;b&gt; c", ""},
	} {
		got, words, _ := matchedSentence(tt.rule, tt.sentence, 1000)
		if got != tt.want || joinWords(words) != tt.words {
			t.Errorf("matchedSentence(%q, %q) = %q %q, want %q %q", tt.rule, tt.sentence, got, words, tt.want, tt.words)
		}
	}
}

func joinWords(ws []string) string {
	s := ""
	for i, w := range ws {
		if i > 0 {
			s += ","
		}
		s += w
	}
	return s
}

func TestHeadline(t *testing.T) {
	for _, tt := range []struct{ title, feed, name, want string }{
		{"Russia, China sign pact | The Hill", "thehill", "The Hill", "Russia, China sign pact"}, // the name is shown beside it
		{"Russia, China sign pact - Reuters", "reuters", "Reuters", "Russia, China sign pact"},
		{"The Hill | The Hill", "x", "The Hill", "The Hill"},                 // a title that is only the name stays
		{"Pact signed - analysis", "x", "Reuters", "Pact signed - analysis"}, // another suffix stays
	} {
		it := &storage.ItemRef{Title: tt.title, Feed: tt.feed, FeedName: tt.name}
		if got := headline(it); got != tt.want {
			t.Errorf("headline(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}
