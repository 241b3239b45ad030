package claims

import (
	"testing"
	"time"
)

// FuzzRead checks that reading any headline and body, for agreements of
// every kind, neither panics nor claims a status the kind does not have:
// news text is written by strangers.
func FuzzRead(f *testing.F) {
	for _, seed := range [][2]string{
		{"US, India sign chip pact", "The pact will take effect immediately after the signing."},
		{"Talks called off: reports", "The next round of talks is scheduled for June 24. The vote is to be held on"},
		{"", "India voted overwhelmingly to"},
		{"Parliament approves", "the sixth country to ratify"},
		{"", "It was set for"},
		{"", "by September-October"},
		{"", "The agreement (RAA) into force on 11 September ("},
		{"", "at the end of"},
		{"", "came to a"},
		{"", "signed an executive order on to"},
		{"", "its withdrawal from the pact will become effective"},
		{"", "the US-brokered , , and or of chip pact"},
		{"", "7:00 tomorrow at 7: 00"},
	} {
		f.Add(seed[0], seed[1])
	}
	group, pact, chips, treaty := fixtures(f)
	targets := []*Compiled{group, pact, chips, treaty}
	f.Fuzz(func(t *testing.T, title, body string) {
		it := Item{Title: title, Content: body, Published: time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)}
		for i, cs := range Read(it, targets) {
			fd := Weigh(cs)
			for _, c := range append(fd.Claims, fd.Forecasts...) {
				if !targets[i].hasStatus(c.Status) {
					t.Fatalf("%s: status %q is none of its kind's", targets[i].ID, c.Status)
				}
			}
		}
	})
}
