package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

var (
	fixtureTime = time.Date(2015, 3, 4, 9, 30, 0, 0, time.UTC)
	fixtureItem = &storage.ItemRef{
		GUID:      "https://thehill.com/?p=1234",
		Link:      "https://thehill.com/policy/cybersecurity/russia-china-pact?utm_source=rss&x=1",
		Title:     "Russia & China sign <cyber> pact | The Hill",
		Feed:      "thehill-cyber",
		Published: fixtureTime,
	}
	fixtureForecast = &storage.ForecastRef{
		What:   "final deal",
		Due:    "2015-H1",
		DueAt:  time.Date(2015, 6, 30, 23, 59, 59, 0, time.UTC),
		Source: "Kommersant",
	}
)

// renderFixtures holds one fixed alert per layout; each golden file is
// named after its key.
func renderFixtures() map[string]storage.Alert {
	base := storage.Alert{
		ID: "a1b2c3d4e5", Agreement: "ru-cn-cyber", AgreementName: "Russia–China cyber pact",
		Channel: "C0CYBER", CreatedAt: fixtureTime,
	}
	with := func(f func(a *storage.Alert)) storage.Alert {
		a := base
		f(&a)
		return a
	}
	return map[string]storage.Alert{
		"mention": with(func(a *storage.Alert) {
			a.Kind, a.Status, a.Item = storage.KindMention, "rumored", fixtureItem
			a.Summary = "Moscow and Beijing agreed not to hack each other, officials said on Friday."
			a.DetectedStatus = "signed"
		}),
		"status_change": with(func(a *storage.Alert) {
			a.Kind, a.Status, a.PreviousStatus, a.DetectedStatus = storage.KindStatusChange, "signed", "rumored", "signed"
			a.Item, a.Rule = fixtureItem, `signed OR inked OR "concluded an agreement"`
			a.Sentence = "Russia and China have signed a cyber security pact, Kommersant reported."
		}),
		"status_change_headline": with(func(a *storage.Alert) {
			a.Kind, a.Status, a.PreviousStatus, a.DetectedStatus = storage.KindStatusChange, "suspended", "active", "suspended"
			a.Agreement, a.AgreementName = "us-ru-cyber-wg", "US–Russia cybersecurity working group"
			a.Item = &storage.ItemRef{GUID: "w9", Link: "https://wire.example/cyber/2015/02/us-suspends-russia-group",
				Title: "US suspends cyber working group with Russia over Ukraine", Feed: "thehill-cyber", Published: fixtureTime}
			a.Rule = `suspend* OR frozen OR "on ice"`
			a.Sentence = "US suspends cyber working group with Russia over Ukraine"
		}),
		"status_change_admin": with(func(a *storage.Alert) {
			a.Kind, a.Status, a.PreviousStatus = storage.KindStatusChange, "stalled", "signed"
			a.UserID, a.Note = "U0ADMIN1", "Talks broke off <per> the embassy & press"
		}),
		"deadline_passed": with(func(a *storage.Alert) {
			a.Kind, a.Status, a.Forecast = storage.KindDeadlinePassed, "rumored", fixtureForecast
		}),
		"forecast_proposed": with(func(a *storage.Alert) {
			a.Kind, a.Status = storage.KindForecastProposed, "negotiating"
			a.Sentence = "A final deal is expected to be signed in the first half of 2015, officials said."
			a.Forecast = &storage.ForecastRef{What: "signed", Due: "2015-H1", DueAt: time.Date(2015, 7, 1, 0, 0, 0, 0, time.UTC),
				Source: "thehill.com", Made: time.Date(2014, 11, 12, 9, 0, 0, 0, time.UTC), ID: 7}
		}),
		"forecast_slipped": with(func(a *storage.Alert) {
			a.Kind, a.Status = storage.KindForecastSlipped, "negotiating"
			a.Sentence = "The signing of the cyber pact was postponed until the first half of next year, officials said."
			a.Forecast = &storage.ForecastRef{What: "signed", Due: "2016-H1", DueAt: time.Date(2016, 7, 1, 0, 0, 0, 0, time.UTC),
				Source: "thehill.com", Made: time.Date(2014, 11, 12, 9, 0, 0, 0, time.UTC), ID: 7, From: "2015-H1"}
		}),
		"deadline_approaching": with(func(a *storage.Alert) {
			a.Kind, a.Status, a.Forecast = storage.KindDeadlineApproaching, "rumored", fixtureForecast
			a.CreatedAt = time.Date(2015, 6, 23, 9, 0, 0, 0, time.UTC) // remind_before: 7d
		}),
		"feed_broken": {
			ID: "f00dfeed01", Kind: storage.KindFeedBroken, Feed: "thehill-cyber", Channel: "C0ADMIN",
			Error: `GET https://thehill.com/feed: 503 Service Unavailable <html>`,
		},
		"feed_broken_recovered": {ID: "f00dfeed02", Kind: storage.KindFeedBroken, Feed: "thehill-cyber", Channel: "C0ADMIN"},
		"status_change_follower": with(func(a *storage.Alert) {
			a.Kind, a.Status, a.PreviousStatus, a.DetectedStatus = storage.KindStatusChange, "signed", "rumored", "signed"
			a.Item, a.Rule = fixtureItem, `signed OR inked OR "concluded an agreement"`
			a.Sentence = "Russia and China have signed a cyber security pact, Kommersant reported."
			a.Channel, a.Follower = "D0ANALYST", "U0ANALYST"
		}),
		"digest": {ID: "d1g35t0001", Kind: storage.KindDigest, Channel: "C0CYBER", Digest: &storage.DigestRef{
			From: fixtureTime.Add(-23 * time.Hour), To: fixtureTime, Part: 1, Parts: 2, Total: 4,
			Groups: []storage.DigestGroup{{
				Agreement: "ru-cn-cyber", AgreementName: "Russia–China cyber pact", Status: "rumored", Total: 2,
				Stories: []storage.DigestStory{
					{Item: *fixtureItem, Outlets: 3, Possible: "signed"},
					{Item: storage.ItemRef{GUID: "k1", Link: "https://www.kommersant.ru/doc/1", Title: "Moscow, Beijing near cyber accord",
						Feed: "kommersant", Published: fixtureTime.Add(-5 * time.Hour)}, Outlets: 1},
				},
			}, {
				Agreement: "us-cn-wg", AgreementName: "US–China cyber working group", Status: "suspended", Total: 2,
				Stories: []storage.DigestStory{{Item: storage.ItemRef{GUID: "r2", Link: "https://www.reuters.com/article/us-china-wg",
					Title: "U.S. and China trade barbs over hacking", Feed: "reuters-world", Published: fixtureTime.Add(-9 * time.Hour)}, Outlets: 1}},
			}},
		}},
		"digest_part2": {ID: "d1g35t0002", Kind: storage.KindDigest, Channel: "C0CYBER", ParentSeq: 7, Digest: &storage.DigestRef{
			From: fixtureTime.Add(-23 * time.Hour), To: fixtureTime, Part: 2, Parts: 2, Total: 4,
			Groups: []storage.DigestGroup{{
				Agreement: "us-cn-wg", AgreementName: "US–China cyber working group", Status: "suspended", Total: 2,
				Stories: []storage.DigestStory{{Item: storage.ItemRef{GUID: "r3", Link: "https://thehill.com/us-china-wg-2",
					Title: "Working group talks stay frozen | The Hill", Feed: "thehill-cyber", Published: fixtureTime.Add(-20 * time.Hour)}, Outlets: 1}},
			}},
		}},
		"source_added": with(func(a *storage.Alert) {
			a.Kind, a.Status, a.ParentSeq = storage.KindSourceAdded, "signed", 1
			a.Item = &storage.ItemRef{GUID: "r-99", Link: "https://www.reuters.com/article/us-russia-china-cyber", Title: "Russia, China sign cyber pact", Feed: "reuters-world",
				Published: fixtureTime.Add(40 * time.Minute)}
		}),
	}
}

// fixtureNames names the fixtures' feeds as a config would.
func fixtureNames(_ context.Context, id string) string {
	return map[string]string{"thehill-cyber": "The Hill", "reuters-world": "Reuters"}[id]
}

func TestRenderGolden(t *testing.T) {
	for name, a := range renderFixtures() {
		t.Run(name, func(t *testing.T) {
			checkGolden(t, name+".json", indentJSON(t, Render(named(t.Context(), a, fixtureNames))))
		})
	}
}

// indentJSON marshals v as indented JSON without escaping <, > and &, so
// that golden files read like what Slack receives.
func indentJSON(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRenderEscapesFeedText(t *testing.T) {
	m := Render(renderFixtures()["mention"])
	for _, s := range []string{string(indentJSON(t, m.Blocks)), m.Text} {
		// The raw title must not reach Slack: "<cyber>" would be a link and
		// "|" would end the link label.
		if strings.Contains(s, "<cyber>") || strings.Contains(s, "& China") || strings.Contains(s, "pact | The") {
			t.Errorf("unescaped feed text in %s", s)
		}
		if !strings.Contains(s, "Russia &amp; China sign &lt;cyber&gt; pact ¦ The Hill") {
			t.Errorf("escaped title missing from %s", s)
		}
		if !strings.Contains(s, "<https://thehill.com/policy/cybersecurity/russia-china-pact?utm_source=rss&amp;x=1|") {
			t.Errorf("link missing from %s", s)
		}
	}
}

func TestRenderPlain(t *testing.T) {
	got := Render(renderFixtures()["status_change"]).Plain
	want := `[status_change] Russia–China cyber pact (ru-cn-cyber): rumored → signed
    title:    Russia & China sign <cyber> pact | The Hill
    link:     https://thehill.com/policy/cybersecurity/russia-china-pact?utm_source=rss&x=1
    feed:     thehill-cyber
    date:     4 Mar 2015 09:30 UTC
    sentence: "Russia and China have signed a cyber security pact, Kommersant reported."
    rule:     signed OR inked OR "concluded an agreement"`
	if got != want {
		t.Errorf("plain rendering:\ngot:\n%s\nwant:\n%s", got, want)
	}
}

// TestDeliveryFailedGolden renders the admin notice for an alert Slack
// refused for good, as the deliverer posts it.
func TestDeliveryFailedGolden(t *testing.T) {
	a := storage.Alert{ID: "n0t1ce0001", Kind: storage.KindDeliveryFailed, Channel: "C0ADMIN",
		Failed: &storage.FailedRef{ID: "a1b2c3d4e5", Kind: storage.KindMention, Channel: "C0GONE", Agreement: "ru-cn-cyber",
			AgreementName: "Russia–China cyber pact", Reason: "channel_not_found"}}
	d := &Deliverer{}
	checkGolden(t, "delivery_failed.json", indentJSON(t, d.render(t.Context(), a)))
}
