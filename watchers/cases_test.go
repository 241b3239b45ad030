package watchers

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// chipsAgreement is a US–India chip pact with a forecast of its signing:
// the second case.
const chipsAgreement = `agreements:
  - id: us-in-chips
    name: US–India chip pact
    kind: pact
    parties: [United States, India]
    status: negotiating
    match: '(India OR Indian OR "New Delhi") AND (chip OR chips OR semiconductor*) AND (pact OR deal OR agreement)'
    forecasts:
      - what: signing
        due: 2026-09
        done_when: [signed]
`

// TestDenialsDoNotSignAndTheSigningDoes is the second case, in our
// own words: a denial that the pact was signed, in the headline or the
// body, and a rejection of a report of it move nothing and fulfil no
// forecast; the real signing months later, in a present-tense headline, is
// the status change.
func TestDenialsDoNotSignAndTheSigningDoes(t *testing.T) {
	r := newRigWith(t, "corroborate: 1\n", chipsAgreement, "all",
		item("d1", "Mon, 02 Mar 2026 09:00:00 +0000", "India denies it has signed semiconductor pact with US",
			"New Delhi on Monday denied a newspaper report that India had already signed the chip agreement with Washington.")+
			item("d2", "Tue, 03 Mar 2026 09:00:00 +0000", "White House rejects report that US-India chip pact was signed",
				"The White House said talks on the semiconductor deal with India were still going on."),
		item("s1", "Mon, 13 Jul 2026 09:00:00 +0000", "US, India sign chip pact",
			"The United States and India signed their semiconductor agreement in Washington on Monday."))
	r.now = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC) // after the forecast's due month
	r.poll()
	var changes []string
	for _, a := range r.alerts() {
		if strings.HasPrefix(a, "status_change") || strings.HasPrefix(a, "deadline") {
			changes = append(changes, a)
		}
	}
	if got, want := strings.Join(changes, "|"), "status_change us-in-chips signed (signed)"; got != want {
		t.Errorf("status changes and deadlines = %q, want %q (all alerts %q)", got, want, r.alerts())
	}
	st, err := r.store.AgreementState(context.Background(), "us-in-chips")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 7, 13, 9, 0, 0, 0, time.UTC); st.Status != "signed" || !st.EvidenceAt.Equal(want) {
		t.Errorf("state = %s since %v, want signed since %v", st.Status, st.EvidenceAt, want)
	}
}

// TestChangeInAlertedStoryIsAStatusChange is the third case: a
// second copy of a story already alerted (same link, another feed) that
// reports a change gives a status_change, in the story's thread and to the
// channel, never only a source_added reply.
func TestChangeInAlertedStoryIsAStatusChange(t *testing.T) {
	r := newRig(t, "all",
		item("a1", mayDate, "Russia and China discuss cyber pact", "Russian and Chinese diplomats met to discuss a cyber accord."),
		item("a1", mayDate, "Russia and China sign cyber pact", signedItem))
	r.poll()
	alerts, err := r.store.Alerts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 2 || alerts[0].Kind != "mention" || alerts[1].Kind != "status_change" {
		t.Fatalf("alerts = %q, want a mention and a status_change", r.alerts())
	}
	if c := alerts[1]; c.Status != "signed" || c.ParentSeq != alerts[0].Seq || !c.Broadcast {
		t.Errorf("status change %+v: want signed, in the mention's thread, sent to the channel", c)
	}
}

// TestDenialMovesBackAnUnconfirmedChange checks that a denial of a status
// that rests on one source no admin confirmed moves it back, with a
// status_change that says so.
func TestDenialMovesBackAnUnconfirmedChange(t *testing.T) {
	r := newRig(t, "all",
		item("a1", mayDate, "Russia and China sign cyber pact", signedItem)+
			item("a2", "Sat, 09 May 2015 12:00:00 +0000", "Kremlin denies cyber pact with China was signed",
				"The Kremlin denied reports that Russia and China had signed a cyber agreement."))
	r.poll()
	st, err := r.store.AgreementState(context.Background(), "ru-cn")
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != "rumored" {
		t.Errorf("status after the denial: %s, want rumored again", st.Status)
	}
	alerts, err := r.store.Alerts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var back *storage.Alert
	for i := range alerts {
		if alerts[i].Kind == "status_change" && alerts[i].Status == "rumored" {
			back = &alerts[i]
		}
	}
	if back == nil || back.PreviousStatus != "signed" || !strings.Contains(back.Note, "denied") {
		t.Errorf("no status_change back to rumored saying why: %q", r.alerts())
	}
}

// TestForecastFoundInTheNews checks that an item stating a forecast
// proposes it once (a forecast_proposed alert), and that once accepted it
// is judged like the config's: deadline_passed when its period ends with
// the agreement not in its status.
func TestForecastFoundInTheNews(t *testing.T) {
	ctx := context.Background()
	body := "Russian and Chinese officials said the cyber pact is expected to be signed in the first half of 2015."
	r := newRig(t, "all", item("f1", "Wed, 12 Nov 2014 09:00:00 +0000", "Russia and China near cyber pact", body)+
		item("f2", "Thu, 13 Nov 2014 09:00:00 +0000", "Russia, China cyber pact expected next year",
			"A Russia-China cyber agreement is expected to be signed in the first half of 2015, diplomats said."))
	r.poll()
	alerts, err := r.store.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var proposed []storage.Alert
	for _, a := range alerts {
		if a.Kind == storage.KindForecastProposed {
			proposed = append(proposed, a)
		}
	}
	if len(proposed) != 1 {
		t.Fatalf("forecast_proposed alerts: %d, want 1 (all %q)", len(proposed), r.alerts())
	}
	f := proposed[0].Forecast
	if f == nil || f.What != "signed" || f.Due != "2015-H1" || f.ID == 0 || f.Made.IsZero() {
		t.Fatalf("proposed forecast %+v", f)
	}
	err = r.store.InTx(ctx, func(tx *storage.Tx) error {
		_, fresh, err := tx.DecideForecast(f.ID, storage.ForecastAccepted, "U0ADMIN1")
		if err == nil && !fresh {
			t.Error("a proposed forecast was not still to decide")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r.now = time.Date(2015, 7, 2, 0, 0, 0, 0, time.UTC)
	if _, err := r.w.CheckDeadlines(ctx); err != nil {
		t.Fatal(err)
	}
	passed := 0
	for _, a := range r.alerts() {
		if strings.HasPrefix(a, "deadline_passed ru-cn") {
			passed++
		}
	}
	// The config's own forecast (final deal, 2015-H1) and the accepted one.
	if passed != 2 {
		t.Errorf("deadline_passed alerts: %d, want 2 (%q)", passed, r.alerts())
	}
}
