package watchers

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// rig is a watcher over a temp folder of feed files, a real SQLite file and
// a settable clock.
type rig struct {
	t     *testing.T
	dir   string
	now   time.Time
	store *storage.Store
	w     *Watcher
}

const rigAgreements = `agreements:
  - id: ru-cn
    name: Russia–China cyber pact
    kind: pact
    parties: [Russia, China]
    status: rumored
    match: '(Russia OR Russian OR Moscow) AND (China OR Chinese OR Beijing) AND cyber* AND (pact OR agreement OR deal OR accord)'
    forecasts:
      - what: final deal
        due: 2015-H1
        done_when: [signed]
        remind_before: 14d
  - id: us-cn
    name: US–China cyber working group
    kind: working_group
    parties: [United States, China]
    status: suspended
    match: '(cyber* NEAR/3 "working group") AND (China OR Chinese OR Beijing)'
`

func newRig(t *testing.T, backfill string, feeds ...string) *rig {
	t.Helper()
	return newRigWith(t, "corroborate: 1\n", rigAgreements, backfill, feeds...)
}

func newRigCorroborate(t *testing.T, corroborate int, backfill string, feeds ...string) *rig {
	t.Helper()
	return newRigWith(t, fmt.Sprintf("corroborate: %d\n", corroborate), rigAgreements, backfill, feeds...)
}

// newRigWith is newRig with more top-level config (top) and other
// agreements.
func newRigWith(t *testing.T, top, agreements, backfill string, feeds ...string) *rig {
	t.Helper()
	r := &rig{t: t, dir: t.TempDir(), now: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)}
	var b strings.Builder
	fmt.Fprintf(&b, "database: pw.db\nbackfill: %s\n%sslack:\n  channel: C1\nfeeds:\n", backfill, top)
	for i := range feeds {
		fmt.Fprintf(&b, "  - id: f%d\n    url: f%d.xml\n", i+1, i+1)
		r.writeFeed(i+1, feeds[i])
	}
	b.WriteString(agreements)
	path := filepath.Join(r.dir, "pactwatch.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.open(cfg)
	return r
}

// open (re)starts the watcher on a store over the rig's database, as a
// process restart would.
func (r *rig) open(cfg *config.Config) {
	if r.store != nil {
		r.store.Close()
	}
	s, err := storage.Open(context.Background(), cfg.Database, storage.WithClock(func() time.Time { return r.now }))
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { s.Close() })
	r.store = s
	r.w = New(cfg, s, Options{Now: func() time.Time { return r.now }})
}

func (r *rig) writeFeed(n int, items string) {
	body := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>` + items + `</channel></rss>`
	path := filepath.Join(r.dir, fmt.Sprintf("f%d.xml", n))
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		r.t.Fatal(err)
	}
	// A new mtime, so the conditional fetch sees a change.
	later := time.Now().Add(time.Duration(n) * time.Second)
	os.Chtimes(path, later, later)
}

func item(guid, date, title, body string) string {
	return fmt.Sprintf(`<item><guid isPermaLink="false">%s</guid><link>https://news.example/%s</link><pubDate>%s</pubDate><title>%s</title><description>%s</description></item>`,
		guid, guid, date, title, body)
}

func (r *rig) poll() Report {
	r.t.Helper()
	rep := r.w.Poll(context.Background())
	for _, f := range rep.Feeds {
		if f.Err != nil {
			r.t.Fatalf("feed %s: %v", f.FeedID, f.Err)
		}
	}
	if _, err := r.w.CheckDeadlines(context.Background()); err != nil {
		r.t.Fatal(err)
	}
	return rep
}

// alerts lists the outbox as "kind agreement status" lines.
func (r *rig) alerts() []string {
	r.t.Helper()
	list, err := r.store.Alerts(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	var out []string
	for _, a := range list {
		s := a.Kind + " " + a.Agreement + " " + a.Status
		if a.DetectedStatus != "" {
			s += " (" + a.DetectedStatus + ")"
		}
		out = append(out, s)
	}
	return out
}

const (
	signedItem = "Russia and China signed an agreement on cyber security in Moscow on Friday."
	mayDate    = "Fri, 08 May 2015 12:00:00 +0000"
)

// TestStatusChangeAndSyndicatedCopy checks that a status rule firing gives
// one status_change, and that the same story in a second feed is a
// source_added reply, not a second alert.
func TestStatusChangeAndSyndicatedCopy(t *testing.T) {
	r := newRig(t, "all",
		item("a1", mayDate, "Russia and China sign cyber pact", signedItem),
		item("b1", mayDate, "Russia and China sign cyber pact", "Moscow and Beijing signed a cyber agreement."))
	r.poll()
	got := r.alerts()
	want := []string{"status_change ru-cn signed (signed)", "source_added ru-cn signed (signed)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("alerts = %q, want %q", got, want)
	}
	r.poll()
	if n := len(r.alerts()); n != 2 {
		t.Errorf("a second poll added alerts: %d", n)
	}
}

// TestOlderNewsDoesNotMoveStatusBack checks that an item published before
// the evidence for the current status is kept but changes nothing.
func TestOlderNewsDoesNotMoveStatusBack(t *testing.T) {
	r := newRig(t, "all", item("a1", mayDate, "Russia and China sign cyber pact", signedItem))
	r.poll()
	r.writeFeed(1, item("a2", "Mon, 02 Mar 2015 10:00:00 +0000", "Russian and Chinese officials negotiating cyber pact",
		"Russian and Chinese officials are negotiating a cyber agreement in Beijing."))
	r.poll()
	st, err := r.store.AgreementState(context.Background(), "ru-cn")
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != "signed" {
		t.Errorf("status %s after older news, want signed", st.Status)
	}
	if got := r.alerts(); got[len(got)-1] != "mention ru-cn signed (negotiating)" {
		t.Errorf("older news alert = %q, want a mention that keeps signed", got[len(got)-1])
	}
}

// TestBackfillRemembersWithoutAlerting checks that on a feed's first poll
// old items are remembered (and their status kept) but not alerted, while
// recent ones are.
func TestBackfillRemembersWithoutAlerting(t *testing.T) {
	r := newRig(t, "7d",
		item("old", mayDate, "Russia and China sign cyber pact", signedItem)+
			item("new", "Mon, 01 Jun 2015 10:00:00 +0000", "Moscow and Beijing cyber pact: what it means", "Russia and China agreed a cyber accord."))
	r.now = time.Date(2015, 6, 3, 0, 0, 0, 0, time.UTC)
	r.poll()
	got := r.alerts()
	if len(got) != 1 || got[0] != "mention ru-cn signed" {
		t.Errorf("alerts = %q, want only the recent item's mention", got)
	}
	st, _ := r.store.AgreementState(context.Background(), "ru-cn")
	if st.Status != "signed" {
		t.Errorf("backfilled evidence did not set the status: %s", st.Status)
	}
}

// TestMuteSilencesMentionsOnly checks that a muted agreement gets no
// mention alerts but still gets status changes.
func TestMuteSilencesMentionsOnly(t *testing.T) {
	r := newRig(t, "all", item("m1", "Mon, 02 Mar 2015 10:00:00 +0000", "Moscow and Beijing discuss cyber pact", "Russia and China discussed a cyber accord."))
	r.now = time.Date(2015, 3, 3, 0, 0, 0, 0, time.UTC)
	if err := r.store.Mute(context.Background(), "ru-cn", r.now.Add(30*24*time.Hour), "U1"); err != nil {
		t.Fatal(err)
	}
	r.poll()
	r.writeFeed(1, item("m2", mayDate, "Russia and China sign cyber pact", signedItem))
	r.poll()
	got := r.alerts()
	if len(got) != 1 || got[0] != "status_change ru-cn signed (signed)" {
		t.Errorf("alerts = %q, want only the status change", got)
	}
}

// TestDeadlines walks a clock past a forecast's reminder and due time, with
// a restart in between: one deadline_approaching, one deadline_passed,
// never repeated.
func TestDeadlines(t *testing.T) {
	r := newRig(t, "all", "")
	r.now = time.Date(2015, 6, 10, 0, 0, 0, 0, time.UTC) // 2015-H1 ends 1 July; remind 14d before
	r.poll()
	r.now = time.Date(2015, 6, 20, 0, 0, 0, 0, time.UTC)
	r.poll()
	r.poll()
	r.open(r.w.Config()) // restart
	r.now = time.Date(2015, 9, 1, 0, 0, 0, 0, time.UTC)
	r.poll()
	r.poll()
	got := r.alerts()
	want := []string{"deadline_approaching ru-cn rumored", "deadline_passed ru-cn rumored"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("alerts = %q, want %q", got, want)
	}
}

// TestForecastFulfilledByEvidenceTime checks that replaying old news gives
// the same answer as living through it: a signing published before the due
// time fulfils the forecast even when read long after.
func TestForecastFulfilledByEvidenceTime(t *testing.T) {
	r := newRig(t, "all", item("a1", mayDate, "Russia and China sign cyber pact", signedItem))
	r.now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r.poll()
	for _, a := range r.alerts() {
		if strings.HasPrefix(a, "deadline") {
			t.Errorf("fulfilled forecast gave %q", a)
		}
	}
}

// TestTwoAgreementsOneItem checks that a status word about one agreement
// is not credited to another mentioned in the same item.
func TestTwoAgreementsOneItem(t *testing.T) {
	r := newRig(t, "all", item("x1", mayDate, "Russia and China sign cyber pact",
		"Russia and China signed a cyber agreement on Friday. Separately, the US-China cyber working group remains suspended after China pulled out."))
	r.poll()
	got := r.alerts()
	want := []string{"status_change ru-cn signed (signed)", "mention us-cn suspended (suspended)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("alerts = %q, want %q", got, want)
	}
}

// TestStatusOfAnotherAgreementIsNotCredited checks that "stalled" in a
// sentence about the US–China group does not stall the Russia–China pact.
// For the group, "pulled out" after "after" is recalled, not news: the
// sentence reports that its work stalled.
func TestStatusOfAnotherAgreementIsNotCredited(t *testing.T) {
	r := newRig(t, "all", item("y1", mayDate, "Moscow and Beijing discuss cyber pact",
		"Russia and China discussed a cyber accord. Work in the US-China cyber working group stalled after China pulled out."))
	r.poll()
	got := r.alerts()
	want := []string{"mention ru-cn rumored", "status_change us-cn stalled (stalled)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("alerts = %q, want %q", got, want)
	}
}

// TestCorroborationNeedsIndependentSources checks that with corroborate: 2
// a first strong report only rides on its mention as a possible status,
// and the same claim from another outlet (another host) moves the status,
// saying how many sources it rests on.
func TestCorroborationNeedsIndependentSources(t *testing.T) {
	other := `<item><guid>b1</guid><link>https://other.example/b1</link><pubDate>` + mayDate +
		`</pubDate><title>Moscow and Beijing ink information security accord</title>` +
		`<description>Russia and China signed a cyber agreement in Moscow on Friday.</description></item>`
	r := newRigCorroborate(t, 2, "all", item("a1", mayDate, "Russia and China sign cyber pact", signedItem), other)
	r.poll()
	got := r.alerts()
	want := []string{"mention ru-cn rumored (signed)", "status_change ru-cn signed (signed)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("alerts = %q, want %q", got, want)
	}
	list, err := r.store.Alerts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		switch a.Kind {
		case "mention":
			if a.Confidence != "possible" || a.Sources != 1 {
				t.Errorf("first report: confidence %q sources %d, want possible 1", a.Confidence, a.Sources)
			}
		case "status_change":
			if a.Confidence != "reported" || a.Sources != 2 {
				t.Errorf("corroborated change: confidence %q sources %d, want reported 2", a.Confidence, a.Sources)
			}
			// One event, one thread: the change goes in the first report's
			// thread, and to the channel too.
			if a.ParentSeq == 0 || !a.Broadcast {
				t.Errorf("corroborated change: parent %d broadcast %v, want a broadcast reply to the first report", a.ParentSeq, a.Broadcast)
			}
		}
	}
}

// TestReportsOfOneDayAreOneEvent checks that two outlets' reports of one
// agreement on the same day, with other links and titles and no claim
// that contradicts, are one event: a mention and a reply in its thread;
// a report a week later is news of its own.
func TestReportsOfOneDayAreOneEvent(t *testing.T) {
	later := "Fri, 15 May 2015 12:00:00 +0000"
	other := `<item><guid>b1</guid><link>https://other.example/b1</link><pubDate>` + mayDate +
		`</pubDate><title>Beijing and Moscow weigh cyber accord</title>` +
		`<description>Chinese and Russian officials discussed a cyber accord in Moscow.</description></item>`
	r := newRig(t, "all",
		item("a1", mayDate, "Russia and China discuss cyber pact", "Russian and Chinese diplomats met in Moscow to discuss a cyber accord.")+
			item("a2", later, "Russia and China cyber pact talk continues", "Russian and Chinese diplomats met again about a cyber accord."),
		other)
	r.poll()
	got := r.alerts()
	want := []string{"mention ru-cn rumored", "source_added ru-cn rumored", "mention ru-cn rumored"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("alerts = %q, want %q", got, want)
	}
}

// TestOutletsWordingOneHappeningDifferentlyAreOneEvent checks that two
// outlets' readings of one happening, neither corroborated yet ("reach"
// and "sign"), are one event: one top-level alert, the other a reply in
// its thread with its own reading.
func TestOutletsWordingOneHappeningDifferentlyAreOneEvent(t *testing.T) {
	hours := func(h int) string {
		return time.Date(2015, 5, 8, 6+h, 0, 0, 0, time.UTC).Format(time.RFC1123Z)
	}
	at := func(host, guid, date, title, body string) string {
		return `<item><guid>` + guid + `</guid><link>https://` + host + `/` + guid + `</link><pubDate>` + date +
			`</pubDate><title>` + title + `</title><description>` + body + `</description></item>`
	}
	r := newRigCorroborate(t, 2, "all",
		at("one.example", "a", hours(0), "Russia and China reach cyber pact",
			"Russia and China reached a deal on a cyber security pact in Moscow on Friday."),
		at("two.example", "b", hours(4), "Russia and China sign cyber pact",
			"Russia and China signed a cyber security pact in Moscow on Friday."))
	r.poll()
	got := r.alerts()
	want := []string{"mention ru-cn rumored (announced)", "source_added ru-cn rumored (signed)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("alerts = %q, want %q", got, want)
	}
}

// TestNextDaysReportsOfOneEventShareItsWords checks that a report of one
// agreement a day and more after an event is in its thread when its
// headline and lead share the event's words (the place, the envoy), even
// with no headline word in common, and is news of its own when they share
// few.
func TestNextDaysReportsOfOneEventShareItsWords(t *testing.T) {
	hours := func(h int) string {
		return time.Date(2015, 5, 5, 6+h, 0, 0, 0, time.UTC).Format(time.RFC1123Z)
	}
	at := func(host, guid, date, title, body string) string {
		return `<item><guid>` + guid + `</guid><link>https://` + host + `/` + guid + `</link><pubDate>` + date +
			`</pubDate><title>` + title + `</title><description>` + body + `</description></item>`
	}
	r := newRigCorroborate(t, 2, "all",
		at("one.example", "a", hours(0), "Russia and China discuss cyber pact",
			"Russian and Chinese diplomats met in Kazan to discuss a cyber accord, envoy Lavrentiev said."),
		at("two.example", "b", hours(30), "Envoys gather in Kazan for Moscow-Beijing cyber accord",
			"Diplomats of Russia and China met in Kazan on the cyber accord, Lavrentiev told reporters."),
		at("three.example", "c", hours(36), "Tokyo voices concern at Russia-China cyber pact",
			"Japanese lawmakers raised alarm in parliament about the Russian and Chinese cyber accord."))
	r.poll()
	got := r.alerts()
	want := []string{"mention ru-cn rumored", "source_added ru-cn rumored", "mention ru-cn rumored"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("alerts = %q, want %q", got, want)
	}
}

// TestRecollectionConfirmsOnlyWithinAYear checks that an item whose lead
// recalls the event behind the status held confirms that status when it
// follows the event within a year, and is plain background later.
func TestRecollectionConfirmsOnlyWithinAYear(t *testing.T) {
	recall := "Russia and China signed the cyber pact in Moscow in May 2015. Analysts met in Geneva to weigh its reach."
	r := newRig(t, "all",
		item("a1", mayDate, "Russia and China sign cyber pact", signedItem)+
			item("a2", "Mon, 05 Oct 2015 10:00:00 +0000", "What the Russia-China cyber pact changed", recall)+
			item("a3", "Tue, 04 Oct 2016 10:00:00 +0000", "Cyber norms, a year on: Russia and China", recall))
	r.now = time.Date(2016, 10, 5, 0, 0, 0, 0, time.UTC)
	r.poll()
	got := r.alerts()
	want := []string{"status_change ru-cn signed (signed)", "mention ru-cn signed (signed)", "mention ru-cn signed"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("alerts = %q, want %q", got, want)
	}
}

// TestStageAlreadyPassedIsNoStatus checks that a report of a stage of the
// agreement's making it has already passed (talks after the signing, a
// signing or a ratification after it is in force; "signed an agreement"
// to widen it) is a mention with no status; before the agreement reaches
// that stage, the same words move it.
func TestStageAlreadyPassedIsNoStatus(t *testing.T) {
	agreement := func(status string) string {
		return `agreements:
  - id: ru-cn
    name: Russia–China cyber pact
    kind: pact
    parties: [Russia, China]
    status: ` + status + `
    match: '(Russia OR Russian OR Moscow) AND (China OR Chinese OR Beijing) AND cyber* AND (pact OR agreement OR deal OR accord)'
`
	}
	widen := item("a1", mayDate, "Moscow and Beijing widen cyber ties",
		"Russia and China signed an agreement on Friday to expand joint cyber drills under their cyber pact.")
	talks := item("a2", mayDate, "Russian and Chinese officials hold talks on the cyber pact",
		"Officials from Russia and China held talks in Moscow on Friday on the cyber pact.")
	ratify := item("a3", mayDate, "Russia ratifies cyber pact with China",
		"Russian lawmakers ratified the cyber pact with China on Friday.")
	for _, tc := range []struct{ status, text, want string }{
		{"in_force", widen, "mention ru-cn in_force"},
		{"negotiating", widen, "status_change ru-cn signed (signed)"},
		{"signed", talks, "mention ru-cn signed"},
		{"rumored", talks, "status_change ru-cn negotiating (negotiating)"},
		{"in_force", ratify, "mention ru-cn in_force"},
		{"signed", ratify, "status_change ru-cn ratified (ratified)"},
	} {
		r := newRigWith(t, "corroborate: 1\n", agreement(tc.status), "all", tc.text)
		r.poll()
		if got := strings.Join(r.alerts(), "|"); got != tc.want {
			t.Errorf("held %s, %.40q: alerts = %q, want %q", tc.status, tc.text, got, tc.want)
		}
	}
}
