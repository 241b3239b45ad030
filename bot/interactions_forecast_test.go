package bot

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// proposedForecast stores and delivers a forecast_proposed alert for
// ru-cn-cyber and returns it as delivered.
func (e *appEnv) proposedForecast() storage.Alert {
	e.t.Helper()
	made := appPub.Add(48 * time.Hour)
	err := e.store.InTx(e.ctx, func(tx *storage.Tx) error {
		f := &storage.Forecast{AgreementID: "ru-cn-cyber", DoneWhen: "ratified", Due: "2026-H2",
			DueAt: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Source: "asia.example", Made: made}
		if _, err := tx.ProposeForecast(f); err != nil {
			return err
		}
		_, err := tx.Enqueue(&storage.Alert{Kind: storage.KindForecastProposed, Agreement: "ru-cn-cyber",
			AgreementName: "Russia–China cyber pact", Channel: channel, Status: "signed",
			Sentence: "The Duma is expected to ratify the pact in the second half of the year.",
			Forecast: &storage.ForecastRef{What: "ratified", Due: "2026-H2", DueAt: f.DueAt, Source: f.Source, Made: made, ID: f.ID}})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return e.deliverOne()
}

// TestAcceptAndDismissForecast checks the buttons of a proposed forecast:
// a member's click is refused, an admin's Accept keeps it (judged like the
// config's), and a later Dismiss changes nothing: it was decided.
func TestAcceptAndDismissForecast(t *testing.T) {
	e := newAppEnv(t)
	al := e.proposedForecast()
	if m := e.messageOf(al); !strings.Contains(string(m.Blocks), ActionAcceptForecast) {
		t.Fatalf("proposed forecast lacks its buttons:\n%s", m.Blocks)
	}
	if code := e.click(e.blockAction("U0MEMBER", ActionAcceptForecast, al.ID, "m1")); code != http.StatusOK {
		t.Fatalf("click: %d", code)
	}
	e.app.Wait()
	if list, _ := e.store.AcceptedForecasts(e.ctx); len(list) != 0 {
		t.Fatalf("a member accepted a forecast: %+v", list)
	}
	if code := e.click(e.blockAction(admin, ActionAcceptForecast, al.ID, "a1")); code != http.StatusOK {
		t.Fatalf("click: %d", code)
	}
	e.app.Wait()
	if got := e.lastResponse("a1"); !strings.Contains(got, "Accepted") {
		t.Errorf("answer %q", got)
	}
	list, err := e.store.AcceptedForecasts(e.ctx)
	if err != nil || len(list) != 1 || list[0].DoneWhen != "ratified" || list[0].DecidedBy != admin {
		t.Fatalf("accepted forecasts: %+v, %v", list, err)
	}
	if m := e.messageOf(al); strings.Contains(string(m.Blocks), ActionAcceptForecast) || !strings.Contains(string(m.Blocks), "Accepted by") {
		t.Errorf("message after accepting:\n%s", m.Blocks)
	}
	if code := e.click(e.blockAction(admin, ActionDismissForecast, al.ID, "a2")); code != http.StatusOK {
		t.Fatalf("click: %d", code)
	}
	e.app.Wait()
	if got := e.lastResponse("a2"); !strings.Contains(got, "already") {
		t.Errorf("second click answered %q, want that it was decided already", got)
	}
	if list, _ := e.store.AcceptedForecasts(e.ctx); len(list) != 1 {
		t.Errorf("a second click changed the accepted forecasts: %+v", list)
	}
}
