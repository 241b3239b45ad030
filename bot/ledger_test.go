package bot

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// TestLedgerShowsAcceptedForecasts checks that a forecast found in the
// news, once accepted, is in /pact status and /pact deadlines with who made
// it and when, and after a slip where it was before; and that /pact
// deadlines gives each source's record.
func TestLedgerShowsAcceptedForecasts(t *testing.T) {
	e := newAppEnv(t)
	al := e.proposedForecast()
	if code := e.click(e.blockAction(admin, ActionAcceptForecast, al.ID, "a1")); code != http.StatusOK {
		t.Fatalf("accept: %d", code)
	}
	_, ans := e.command(mallory, "status ru-cn")
	blocks := blocksText(t, ans)
	if !strings.Contains(blocks, "ratified by 31 Dec 2026 (second half of 2026)") ||
		!strings.Contains(blocks, "forecast by asia.example on 22 Feb 2026") {
		t.Errorf("/pact status lacks the accepted forecast:\n%s", blocks)
	}
	err := e.store.InTx(e.ctx, func(tx *storage.Tx) error {
		_, _, ok, err := tx.SlipForecast("ru-cn-cyber", "ratified", "2027-H1", time.Date(2027, 7, 1, 0, 0, 0, 0, time.UTC), appNow)
		if err == nil && !ok {
			t.Error("the accepted forecast did not slip")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ag, _ := Lookup(e.cfg, "ru-cn-cyber")
	rows, err := Timeline(e.ctx, e.store, ag, appNow, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if r.Kind == RowForecast && r.Source == "asia.example" && strings.Contains(r.Note, "slipped from 2026-H2") {
			found = true
		}
	}
	if !found {
		t.Errorf("the export's timeline lacks the slipped forecast: %+v", rows)
	}
	_, ans = e.command(mallory, "deadlines")
	blocks = blocksText(t, ans)
	for _, want := range []string{
		"ratified by 30 Jun 2027 (first half of 2027)", "slipped from 31 Dec 2026 (second half of 2026)",
		"*asia.example*: 1 made, 0 met, 1 slipped, 0 passed", "*Kommersant*: 1 made, 1 met, 0 slipped, 0 passed",
	} {
		if !strings.Contains(blocks, want) {
			t.Errorf("/pact deadlines lacks %q:\n%s", want, blocks)
		}
	}
}
