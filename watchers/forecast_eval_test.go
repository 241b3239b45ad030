package watchers

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/watchers/feed"
)

// TestRealNewsForecasts scores the forecasts read from labelled sets of
// real news (see cmd/pactwatch's TestRealNews and docs/DETECTION.md): for
// each article, the (agreement, status) pairs it states a forecast of, and
// whether the period read is the labelled one (its end within a week, or
// within a month for a month, quarter, half or year).
//
//	PACTWATCH_REALNEWS=../realnews-dev/a,../realnews-dev/b go test ./watchers -run RealNewsForecasts -v
func TestRealNewsForecasts(t *testing.T) {
	sets := os.Getenv("PACTWATCH_REALNEWS")
	if sets == "" {
		t.Skip("PACTWATCH_REALNEWS names no labelled real-news sets")
	}
	tp, fp, fn, right := 0, 0, 0, 0
	var misses []string
	for _, dir := range strings.Split(sets, ",") {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join("..", dir) // relative to the repository
		}
		env := func(k string) (string, bool) {
			if k == "SLACK_BOT_TOKEN" {
				return "xoxb-test", true
			}
			return "", false
		}
		cfg, err := config.Load(filepath.Join(dir, "config.yaml"), env)
		if err != nil {
			t.Fatal(err)
		}
		p := newPlan(cfg)
		var labels []struct {
			Feed, GUID string
			Forecasts  []struct {
				Agreement string `json:"agreement"`
				DoneWhen  string `json:"done_when"`
				Due       string `json:"due"`
			} `json:"forecasts"`
		}
		data, err := os.ReadFile(filepath.Join(dir, "labels.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &labels); err != nil {
			t.Fatal(err)
		}
		for _, l := range labels {
			body, err := os.ReadFile(filepath.Join(dir, l.Feed))
			if err != nil {
				t.Fatal(err)
			}
			parsed, err := feed.Parse(body)
			if err != nil {
				t.Fatalf("%s: %v", l.Feed, err)
			}
			var it *feed.Item
			for i := range parsed.Items {
				if parsed.Items[i].GUID == l.GUID {
					it = &parsed.Items[i]
				}
			}
			if it == nil {
				continue
			}
			doc := newDocument(it)
			got := map[string]string{} // agreement + status → due
			if m := matchAll(p.all, doc); len(m) > 0 {
				found, err := readClaims(it, doc, m)
				if err != nil {
					t.Fatal(err)
				}
				for id, f := range found {
					for _, c := range f.Forecasts {
						got[id+" "+c.Status] = c.Due
					}
				}
			}
			want := map[string]string{}
			for _, f := range l.Forecasts {
				want[f.Agreement+" "+f.DoneWhen] = f.Due
			}
			for k, due := range got {
				if w, ok := want[k]; ok {
					tp++
					if samePeriod(due, w) {
						right++
					} else {
						misses = append(misses, "period "+k+" "+due+" want "+w+": "+it.Title)
					}
				} else {
					fp++
					misses = append(misses, "wrong "+k+" "+due+": "+it.Title)
				}
			}
			for k, w := range want {
				if _, ok := got[k]; !ok {
					fn++
					misses = append(misses, "missed "+k+" "+w+": "+it.Title)
				}
			}
		}
	}
	sort.Strings(misses)
	for _, m := range misses {
		t.Log(m)
	}
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 1
		}
		return float64(a) / float64(b)
	}
	t.Logf("forecasts: precision %.2f recall %.2f (tp %d fp %d fn %d); periods right %d of %d",
		ratio(tp, tp+fp), ratio(tp, tp+fn), tp, fp, fn, right, tp)
}

// samePeriod reports whether two due periods end within a week of each
// other, or within a month when the second is longer than a day.
func samePeriod(got, want string) bool {
	a, err1 := config.ParseDue(got, time.UTC)
	b, err2 := config.ParseDue(want, time.UTC)
	if err1 != nil || err2 != nil {
		return false
	}
	d := a.Sub(b)
	if d < 0 {
		d = -d
	}
	if len(want) == len("2006-01-02") {
		return d <= 7*24*time.Hour
	}
	return d <= 31*24*time.Hour
}
