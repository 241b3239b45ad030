package bot

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// TestRevertRejudgesFromEvidence is issue 11's third case: a stored
// article reported a change before the wrong detection an admin reverts;
// after Revert the status is the one that article gives, since its date
// and on it as evidence, not the alert's "before" status "since today".
func TestRevertRejudgesFromEvidence(t *testing.T) {
	e := newAppEnv(t)
	feb1 := time.Date(2026, 2, 1, 6, 0, 0, 0, time.UTC)
	// Evidence, older than the signing that moved the status, that talks
	// had begun: kept in the history, not current.
	err := e.store.InTx(e.ctx, func(tx *storage.Tx) error {
		return tx.RecordEvidence(&storage.Change{AgreementID: "ru-cn-cyber", EffectiveAt: feb1, Status: "negotiating",
			Source: storage.SourceDetected, Link: "https://asia.example/moscow-beijing", Title: "Moscow and Beijing open cyber talks",
			FeedID: "asia-desk", Sentence: "Russia and China opened talks on a cyber accord."})
	})
	if err != nil {
		t.Fatal(err)
	}
	e.click(e.blockAction(admin, ActionRevert, e.alert.ID, "r1"))
	if got := e.lastResponse("r1"); !strings.Contains(got, "is *negotiating* as the remaining evidence says") {
		t.Errorf("answer %q", got)
	}
	if st := e.state("ru-cn-cyber"); st.Status != "negotiating" || st.Last.Source != storage.SourceAdmin || st.Last.UserID != admin {
		t.Errorf("state after revert: %+v", st)
	}
	pending := e.pending()
	if len(pending) != 1 || pending[0].Status != "negotiating" || pending[0].PreviousStatus != "signed" {
		t.Fatalf("alerts pending: %+v, want the status_change to negotiating", pending)
	}
	code, ans := e.command(mallory, "status ru-cn")
	if code != http.StatusOK {
		t.Fatalf("status: %d", code)
	}
	blocks := blocksText(t, ans)
	if !strings.Contains(blocks, "*negotiating* since <!date^") || !strings.Contains(blocks, "|1 Feb 2026>") ||
		!strings.Contains(blocks, "Moscow and Beijing open cyber talks") {
		t.Errorf("status after revert does not say negotiating since 1 Feb on that article:\n%s", blocks)
	}
}

// TestRevertToUndatedStart checks a revert to the configured starting
// status of no known date: /pact status says it holds as configured, not
// since the day of the revert.
func TestRevertToUndatedStart(t *testing.T) {
	e := newAppEnv(t)
	e.click(e.blockAction(admin, ActionRevert, e.alert.ID, "r1"))
	_, ans := e.command(mallory, "status ru-cn")
	if blocks := blocksText(t, ans); !strings.Contains(blocks, "*rumored* since the start (as configured)") {
		t.Errorf("status after revert:\n%s", blocks)
	}
}

// blocksText is an answer's blocks as JSON text (json.Marshal leaves <,
// > and & as \u escapes; SetEscapeHTML(false) keeps them as typed).
func blocksText(t *testing.T, ans map[string]any) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ans["blocks"]); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
