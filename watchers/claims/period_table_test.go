package claims

import (
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// TestPeriodPhrases reads the time of forecasts as the news words them,
// resolved against the item's date. tools/datecheck runs the same
// sentences through two kept date libraries (go-dateparser, when) for
// comparison; docs/DETECTION.md has the table.
func TestPeriodPhrases(t *testing.T) {
	for _, tc := range []struct {
		sentence, word, published, want string
	}{
		{"A final deal is expected in the first half of 2015.", "deal", "2014-11-12", "2015-H1"},
		{"The pact will be signed on November 10.", "signed", "2014-11-05", "2014-11-10"},
		{"Officials said the pact would be signed by the end of the year.", "signed", "2026-06-10", "2026"},
		{"The signing was postponed until the first half of next year.", "postponed", "2026-06-10", "2027-H1"},
		{"The two sides hope to finish the agreement next year.", "finish", "2014-11-17", "2015"},
		{"Negotiators expect to conclude the treaty within six months.", "conclude", "2026-03-02", "2026-09-02"},
		{"The working group is to resume in the second quarter of 2016.", "resume", "2016-01-20", "2016-Q2"},
		{"Talks are set to resume next week in Vienna.", "resume", "2021-04-01", "2021-04-09"},
		{"The deal is due to take effect on Friday.", "effect", "2022-07-27", "2022-07-29"},
		{"Officials hope to restart the dialogue early next year.", "restart", "2014-12-02", "2015-H1"},
		{"The withdrawal takes effect in August.", "effect", "2019-02-02", "2019-08"},
		// The item's own day, a weekday of this week, the end of a month,
		// a range of weeks (its later bound).
		{"The two ministers will today sign the pact.", "sign", "2022-04-14", "2022-04-14"},
		{"The leaders will sign the accord in Washington this Friday.", "sign", "2025-08-07", "2025-08-08"},
		{"The treaty will come into force at the end of December.", "force", "2018-10-31", "2018-12"},
		{"Working-level talks will resume within two to three weeks.", "resume", "2019-06-30", "2019-07-21"},
		// "Immediately" is the item's day, unless it counts from another
		// event; a clock time's colon breaks no clause.
		{"The pact will go into effect immediately, officials said.", "go", "2016-11-23", "2016-11-23"},
		{"The ceasefire will come into force at 7:00 tomorrow morning.", "force", "2023-11-23", "2023-11-24"},
		// The end of a month is that month; an acronym in brackets ends
		// no clause.
		{"The free trade agreement will come into force at the end of May.", "force", "2023-05-02", "2023-05"},
		{"The two sides will bring the Reciprocal Access Agreement (RAA) into force on 11 September.", "bring", "2025-08-12", "2025-09-11"},
		// A range of months, to its later one.
		{"The two sides aim to sign the deal by September-October this year.", "sign", "2025-02-14", "2025-10"},
		// A name in capitals is no past verb: "the United Kingdom".
		{"Rwanda and the United Kingdom will today sign the partnership.", "sign", "2022-04-14", "2022-04-14"},
		// Seasons, to their last month; next year's once this one's is past.
		{"The accord is expected to be ready for signing by the summer.", "signing", "2015-01-15", "2015-08"},
		{"Talks are due to resume in the autumn.", "resume", "2026-12-01", "2027-11"},
		{"The pact is to be signed by fall of 2026.", "signed", "2026-03-01", "2026-11"},
		{"The deadline for implementing the March 10 agreement ends this year.", "implementing", "2026-03-20", "2026"},
		{"The pact is to be signed in spring 2027.", "signed", "2026-03-01", "2027-05"},
		{"Talks are to resume in fall.", "resume", "2026-03-01", ""},
		{"The deal should be ratified in the spring of 2028.", "ratified", "2026-06-10", "2028-05"},
		{"The group will meet again next spring.", "meet", "2026-02-01", "2027-05"},
		{"Talks are to resume after the fall of the government.", "resume", "2026-06-10", ""},
		// When it was said is not when it will be.
		{"The minister said on Monday that the pact would be signed.", "signed", "2026-06-10", ""},
		{"The minister said today the pact would be signed.", "signed", "2026-06-10", ""},
		// A month already past this year is next year's.
		{"The deal is to be signed in March.", "signed", "2026-06-10", "2027-03"},
	} {
		pub, err := time.Parse("2006-01-02", tc.published)
		if err != nil {
			t.Fatal(err)
		}
		toks := query.Tokenize(tc.sentence)
		hit := -1
		for i, tok := range toks {
			if tok.Text == tc.word {
				hit = i
				break
			}
		}
		if hit < 0 {
			t.Fatalf("%q has no %q", tc.sentence, tc.word)
		}
		if got, words := period(tc.sentence, toks, hit, pub.Add(12*time.Hour)); got != tc.want {
			t.Errorf("%q (published %s): period %q (%q), want %q", tc.sentence, tc.published, got, words, tc.want)
		}
	}
}
