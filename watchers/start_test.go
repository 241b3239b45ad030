package watchers

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// deadlineAlerts are the rig's deadline alerts, in order.
func (r *rig) deadlineAlerts() []string {
	var out []string
	for _, a := range r.alerts() {
		if strings.HasPrefix(a, "deadline") {
			out = append(out, a)
		}
	}
	return out
}

// TestConfiguredStatusFulfilsItsForecast is issue 11's first case: an
// agreement configured as signed, with a forecast done when signed, has
// met it when its due time passes with no news at all.
func TestConfiguredStatusFulfilsItsForecast(t *testing.T) {
	r := newRigWith(t, "", `agreements:
  - id: deal
    name: A signed deal
    kind: deal
    status: signed
    match: 'deal AND widgets'
    forecasts:
      - what: signing
        due: 2016-03
        done_when: [signed]
        remind_before: 7d
`, "all", "")
	for _, now := range []time.Time{
		time.Date(2016, 3, 28, 0, 0, 0, 0, time.UTC), // within remind_before
		time.Date(2016, 5, 1, 0, 0, 0, 0, time.UTC),  // past the due month
	} {
		r.now = now
		r.poll()
	}
	if got := r.deadlineAlerts(); len(got) != 0 {
		t.Errorf("deadline alerts for a forecast the configured status meets: %q", got)
	}
}

// wgAgreement is a working group configured as active, with a forecast of
// its resumption: issue 11's second case.
const wgAgreement = `agreements:
  - id: wg
    name: US–China cyber working group
    kind: working_group
    parties: [United States, China]
    status: active
    match: '(cyber* NEAR/3 "working group") AND (China OR Chinese OR Beijing)'
    forecasts:
      - what: resumes
        due: 2026-12-15
        done_when: [active]
        remind_before: 7d
`

// TestForecastJudgedAtItsDueTime is issue 11's second case: a group
// active earlier in the year and suspended since September has not met a
// forecast of its resumption; the reminder comes, then the deadline passes.
func TestForecastJudgedAtItsDueTime(t *testing.T) {
	r := newRigWith(t, "corroborate: 1\n", wgAgreement, "all",
		item("s1", "Mon, 14 Sep 2026 09:00:00 +0000", "China suspends cyber working group with US",
			"China on Monday suspended the US-China cyber working group, its foreign ministry said."))
	r.now = time.Date(2026, 9, 20, 0, 0, 0, 0, time.UTC)
	r.poll()
	st, err := r.store.AgreementState(context.Background(), "wg")
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != "suspended" {
		t.Fatalf("status after the suspension: %s, want suspended (alerts %q)", st.Status, r.alerts())
	}
	r.now = time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)
	r.poll()
	r.now = time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)
	r.poll()
	want := []string{"deadline_approaching wg suspended", "deadline_passed wg suspended"}
	if got := r.deadlineAlerts(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("deadline alerts = %q, want %q", got, want)
	}
}

// TestSinceDatesTheStartingStatus checks `since`: the starting status is
// the oldest history entry, dated by it; news published before it is older
// evidence and does not move the status, news after it does.
func TestSinceDatesTheStartingStatus(t *testing.T) {
	since := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	agreements := strings.Replace(wgAgreement, "    status: active\n", "    status: active\n    since: 2026-03-01\n", 1)
	old := item("o1", "Mon, 12 Jan 2026 09:00:00 +0000", "China suspends cyber working group with US",
		"China on Monday suspended the US-China cyber working group, its foreign ministry said.")
	r := newRigWith(t, "corroborate: 1\n", agreements, "all", old)
	r.now = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	r.poll()
	ctx := context.Background()
	st, err := r.store.AgreementState(ctx, "wg")
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != "active" || !st.EvidenceAt.Equal(since) {
		t.Errorf("state = %s as of %v, want active as of %v: news older than since moved it", st.Status, st.EvidenceAt, since)
	}
	h, err := r.store.History(ctx, "wg")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) == 0 || h[len(h)-1].Source != storage.SourceConfig || !h[len(h)-1].EffectiveAt.Equal(since) {
		t.Errorf("history = %+v, want the starting status last, as of %v, after the older evidence", h, since)
	}

	r.writeFeed(1, old+item("s1", "Mon, 14 Sep 2026 09:00:00 +0000", "China suspends cyber working group with US again",
		"China on Monday suspended the US-China cyber working group again, its foreign ministry said."))
	r.now = time.Date(2026, 9, 20, 0, 0, 0, 0, time.UTC)
	r.poll()
	if st, err = r.store.AgreementState(ctx, "wg"); err != nil || st.Status != "suspended" {
		t.Errorf("state after news newer than since = %+v, %v; want suspended", st, err)
	}
}

// TestStartWithoutSinceIsTheOldestEntry is issue 11's fifth case: with no
// `since`, the configured starting status is the oldest history entry (of
// no date), not one "on" the day pactwatch first ran, above the real
// events; and a `since` written into the config later dates it.
func TestStartWithoutSinceIsTheOldestEntry(t *testing.T) {
	r := newRigWith(t, "corroborate: 1\n", wgAgreement, "all",
		item("s1", "Mon, 14 Sep 2026 09:00:00 +0000", "China suspends cyber working group with US",
			"China on Monday suspended the US-China cyber working group, its foreign ministry said."))
	r.now = time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	r.poll()
	ctx := context.Background()
	h, err := r.store.History(ctx, "wg")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 || h[0].Source != storage.SourceConfig || !h[0].EffectiveAt.IsZero() || h[1].Status != "suspended" {
		t.Fatalf("history = %+v, want the undated starting status, then the suspension", h)
	}

	// The admin learns when it became active and writes it down.
	path := filepath.Join(r.dir, "pactwatch.yaml")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dated := strings.Replace(string(raw), "    status: active\n", "    status: active\n    since: 2025-11-20\n", 1)
	if err := os.WriteFile(path, []byte(dated), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.open(cfg)
	if _, err := r.w.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	if h, err = r.store.History(ctx, "wg"); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC); len(h) != 2 || !h[0].EffectiveAt.Equal(want) {
		t.Errorf("history after since was added = %+v, want the start dated %v", h, want)
	}
	st, err := r.store.AgreementState(ctx, "wg")
	if err != nil || st.Status != "suspended" {
		t.Errorf("state = %+v, %v; dating the start must not undo later news", st, err)
	}
}
