// Command datecheck reads the time phrases of forecasts in news with two
// kept date libraries, github.com/markusmobius/go-dateparser and
// github.com/olebedev/when, and prints what each reads beside the period
// pactwatch's own reader (watchers/claims/period.go) gives, so that the
// choice to write our own grammar rests on a measurement. It is a module
// of its own: the libraries do not enter pactwatch's go.mod.
//
//	cd tools/datecheck && go run .
package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/markusmobius/go-dateparser"
	"github.com/olebedev/when"
	"github.com/olebedev/when/rules/common"
	"github.com/olebedev/when/rules/en"
)

// cases are forecasts as the news words them (our own sentences), the
// date of the item, and the period a forecast needs: the end of it is the
// due time (YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY).
var cases = []struct{ sentence, published, want string }{
	{"A final deal is expected in the first half of 2015.", "2014-11-12", "2015-H1"},
	{"The pact will be signed on November 10.", "2014-11-05", "2014-11-10"},
	{"Officials said the pact would be signed by the end of the year.", "2026-06-10", "2026"},
	{"The signing was postponed until the first half of next year.", "2026-06-10", "2027-H1"},
	{"The two sides hope to finish the agreement next year.", "2014-11-17", "2015"},
	{"Negotiators expect to conclude the treaty within six months.", "2026-03-02", "2026-09-02"},
	{"The working group is to resume in the second quarter of 2016.", "2016-01-20", "2016-Q2"},
	{"Talks are set to resume next week in Vienna.", "2021-04-01", "2021-04-09"},
	{"The accord is expected to be ready for signing by the summer.", "2015-01-15", "2015-08"},
	{"The deal is due to take effect on Friday.", "2022-07-27", "2022-07-29"},
	{"Officials hope to restart the dialogue early next year.", "2014-12-02", "2015-H1"},
	{"The withdrawal takes effect in August.", "2019-02-02", "2019-08"},
}

func main() {
	tw := tabwriter.NewWriter(os.Stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "sentence\tpublished\tneeded\tgo-dateparser (Search)\twhen (en+common)")
	w := when.New(nil)
	w.Add(en.All...)
	w.Add(common.All...)
	for _, c := range cases {
		pub, err := time.Parse("2006-01-02", c.published)
		if err != nil {
			panic(err)
		}
		pub = pub.Add(12 * time.Hour)
		dp := "nothing"
		cfg := &dateparser.Configuration{Languages: []string{"en"}, CurrentTime: pub,
			PreferredDateSource: dateparser.Future}
		if _, found, err := dateparser.Search(cfg, c.sentence); err != nil {
			dp = "error: " + err.Error()
		} else if len(found) > 0 {
			var parts []string
			for _, f := range found {
				parts = append(parts, fmt.Sprintf("%q→%s (%s)", f.Text, f.Date.Time.Format("2006-01-02"), f.Date.Period))
			}
			dp = strings.Join(parts, "; ")
		}
		wh := "nothing"
		if r, err := w.Parse(c.sentence, pub); err != nil {
			wh = "error: " + err.Error()
		} else if r != nil {
			wh = fmt.Sprintf("%q→%s", r.Text, r.Time.Format("2006-01-02"))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.sentence, c.published, c.want, dp, wh)
	}
	tw.Flush()
}
