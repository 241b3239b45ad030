package watchers

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// TestPostponementSlipsAnAcceptedForecast checks issue 11's slips: a
// forecast found in the news and accepted, then an item saying the signing
// was postponed until a later period, moves it there with one
// forecast_slipped alert; the old due time passes with no deadline_passed
// for it, and the ledger keeps where it was and how often it moved.
func TestPostponementSlipsAnAcceptedForecast(t *testing.T) {
	ctx := context.Background()
	first := item("f1", "Wed, 12 Nov 2014 09:00:00 +0000", "Russia and China near cyber pact",
		"Russian and Chinese officials said the cyber pact is expected to be signed in the first half of 2015.")
	r := newRigWith(t, "corroborate: 1\n", strings.Replace(rigAgreements, "    forecasts:\n      - what: final deal\n        due: 2015-H1\n        done_when: [signed]\n        remind_before: 14d\n", "", 1),
		"all", first)
	r.now = time.Date(2014, 11, 13, 0, 0, 0, 0, time.UTC)
	r.poll()
	var id int64
	alerts, err := r.store.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range alerts {
		if a.Kind == storage.KindForecastProposed && a.Forecast != nil {
			id = a.Forecast.ID
		}
	}
	if id == 0 {
		t.Fatalf("no forecast proposed: %q", r.alerts())
	}
	err = r.store.InTx(ctx, func(tx *storage.Tx) error {
		_, _, err := tx.DecideForecast(id, storage.ForecastAccepted, "U0ADMIN1")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	r.writeFeed(1, first+item("p1", "Mon, 04 May 2015 09:00:00 +0000", "Russia-China cyber pact delayed",
		"The signing of the Russia-China cyber pact was postponed until the first half of next year, diplomats in Moscow said."))
	r.now = time.Date(2015, 5, 5, 0, 0, 0, 0, time.UTC)
	r.poll()
	r.now = time.Date(2015, 7, 2, 0, 0, 0, 0, time.UTC) // the old due time has passed
	r.poll()

	alerts, err = r.store.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var slipped []storage.Alert
	for _, a := range alerts {
		switch a.Kind {
		case storage.KindForecastSlipped:
			slipped = append(slipped, a)
		case storage.KindDeadlinePassed:
			t.Errorf("deadline_passed for a forecast that slipped: %+v", a.Forecast)
		case storage.KindForecastProposed:
			if a.Forecast != nil && a.Forecast.ID != id {
				t.Errorf("the postponement was proposed as a new forecast: %+v", a.Forecast)
			}
		}
	}
	if len(slipped) != 1 {
		t.Fatalf("forecast_slipped alerts: %d, want 1 (all %q)", len(slipped), r.alerts())
	}
	if f := slipped[0].Forecast; f == nil || f.ID != id || f.Due != "2016-H1" || f.From != "2015-H1" ||
		!f.Made.Equal(time.Date(2014, 11, 12, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("slipped forecast %+v, want %d moved from 2015-H1 to 2016-H1, made when first stated", f, id)
	}
	accepted, err := r.store.AcceptedForecasts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(accepted) != 1 || accepted[0].Due != "2016-H1" || accepted[0].SlippedFrom != "2015-H1" || accepted[0].Slips != 1 {
		t.Errorf("accepted forecasts = %+v, want the one, slipped once to 2016-H1", accepted)
	}
}
