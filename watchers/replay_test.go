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

const chipsWatch = `  - id: us-in-chips
    name: US–India chip pact
    kind: pact
    parties: [United States, India]
    status: negotiating
    match: '(India OR Indian) AND (semiconductor* OR chip*)'
`

// chipItems are stored before anyone watches the chip pact: a signing in
// August, and a later piece that only mentions it.
var chipItems = item("chips-1", "Fri, 14 Aug 2015 09:00:00 +0000", "US, India sign semiconductor pact",
	"The United States and India signed a semiconductor agreement in Washington on Friday.") +
	item("chips-2", "Mon, 07 Sep 2015 09:00:00 +0000", "What the chip pact means for Indian fabs",
		"Indian chip makers are weighing what the semiconductor pact means for them.") +
	item("cyber-1", mayDate, "Russia, China sign cyber pact", signedItem)

// withWatch reloads the rig's config with extra agreements appended, or
// with old replaced by new in its text, and prepares it.
func (r *rig) reloadWith(old, new string) []Replayed {
	r.t.Helper()
	path := filepath.Join(r.dir, "pactwatch.yaml")
	raw, err := os.ReadFile(path)
	if err != nil {
		r.t.Fatal(err)
	}
	text := string(raw)
	if old == "" {
		text += new
	} else if !strings.Contains(text, old) {
		r.t.Fatalf("config has no %q", old)
	} else {
		text = strings.Replace(text, old, new, 1)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
	cfg, err := config.Load(path, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	r.w.Reload(cfg)
	got, err := r.w.Prepare(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	return got
}

func (r *rig) historyLine(id string) string {
	r.t.Helper()
	h, err := r.store.History(context.Background(), id)
	if err != nil {
		r.t.Fatal(err)
	}
	var parts []string
	for _, c := range h {
		s := c.Source + "/" + c.Status
		if c.Retracted {
			s += "(reverted)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// TestNewWatchIsJudgedOverStoredItems checks that a watch added to the
// config is judged over the items stored before it, silently: its status
// and history come from them, no alert is posted, and one line says what
// was found. Loading the same config again judges nothing.
func TestNewWatchIsJudgedOverStoredItems(t *testing.T) {
	r := newRig(t, "all", chipItems)
	ctx := context.Background()
	if _, err := r.w.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	r.poll()
	before := len(r.alerts())

	got := r.reloadWith("", chipsWatch)
	if len(got) != 1 {
		t.Fatalf("replayed %+v, want the new watch only", got)
	}
	want := "new watch us-in-chips: 2 stored items, status signed since 14 Aug 2015"
	if s := got[0].String(); s != want {
		t.Errorf("replay says %q, want %q", s, want)
	}
	if n := len(r.alerts()); n != before {
		t.Errorf("the replay enqueued %d alerts; it must be silent: %v", n-before, r.alerts())
	}
	if h := r.historyLine("us-in-chips"); h != "config/negotiating detected/signed" {
		t.Errorf("history = %s", h)
	}
	st, err := r.store.AgreementState(ctx, "us-in-chips")
	if err != nil || st.Status != "signed" || !st.EvidenceAt.Equal(time.Date(2015, 8, 14, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("state = %+v, %v", st, err)
	}
	mentions, err := r.store.LatestMentions(ctx, "us-in-chips", 10)
	if err != nil || len(mentions) != 2 {
		t.Errorf("mentions = %d, %v; want both stored items", len(mentions), err)
	}
	if h := r.historyLine("ru-cn"); h != "config/rumored detected/signed" {
		t.Errorf("the other watch's history changed: %s", h)
	}
	if again := r.reloadWith("", ""); len(again) != 0 {
		t.Errorf("an unchanged config was judged again: %+v", again)
	}
}

// TestChangedWatchIsJudgedAgain checks that a changed match rebuilds the
// status from the stored items, and that what admins decided survives it:
// a reverted detection stays reverted, a /pact set holds from its date.
func TestChangedWatchIsJudgedAgain(t *testing.T) {
	r := newRig(t, "all", chipItems)
	ctx := context.Background()
	if _, err := r.w.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	r.poll()
	r.reloadWith("", chipsWatch)

	// A match that misses the stored items: back to the starting status.
	narrow := "match: '(India OR Indian) AND quantum'"
	got := r.reloadWith("match: '(India OR Indian) AND (semiconductor* OR chip*)'", narrow)
	if len(got) != 1 || got[0].String() != "changed watch us-in-chips: no stored items, status negotiating (was signed)" {
		t.Fatalf("replay = %+v", got)
	}
	if h := r.historyLine("us-in-chips"); h != "config/negotiating" {
		t.Errorf("history after the narrower match = %s", h)
	}

	// Back to the first match, with an admin's /pact set between the two
	// stored items: the signing, then the admin's stalled, hold.
	err := r.store.InTx(ctx, func(tx *storage.Tx) error {
		return tx.SetStatus(&storage.Change{AgreementID: "us-in-chips", Status: "stalled", Source: storage.SourceAdmin,
			UserID: "U1", EffectiveAt: time.Date(2015, 8, 20, 0, 0, 0, 0, time.UTC)})
	})
	if err != nil {
		t.Fatal(err)
	}
	got = r.reloadWith(narrow, "match: '(India OR Indian) AND (semiconductor* OR chip*)'")
	if len(got) != 1 || got[0].Status != "stalled" || got[0].Items != 2 {
		t.Errorf("replay with an admin's entry = %+v, want stalled over 2 items", got)
	}
	if h := r.historyLine("us-in-chips"); h != "config/negotiating detected/signed admin/stalled" {
		t.Errorf("history = %s", h)
	}

	// An admin reverts the detected signing: judged again, the item
	// claims nothing.
	err = r.store.InTx(ctx, func(tx *storage.Tx) error {
		h, err := tx.History("us-in-chips")
		if err != nil {
			return err
		}
		for _, c := range h {
			if c.Source == storage.SourceDetected {
				return tx.Retract(c.ID)
			}
		}
		t.Fatal("no detected entry to revert")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got = r.reloadWith("kind: pact\n    parties: [United States, India]", "kind: pact\n    parties: [United States, India]\n    aliases: [iCET chip deal]")
	if len(got) != 1 || got[0].Changes != 0 {
		t.Errorf("replay after a revert = %+v, want no detected change", got)
	}
	if h := r.historyLine("us-in-chips"); h != "config/negotiating detected/signed(reverted) admin/stalled" {
		t.Errorf("history after a revert and a replay = %s", h)
	}
}

// TestReturnedWatchIsJudgedOverItemsStoredWhileItWasOut checks that a watch
// taken out of the config and put back unchanged is judged over the items
// stored while it was out, which matched nothing then.
func TestReturnedWatchIsJudgedOverItemsStoredWhileItWasOut(t *testing.T) {
	r := newRig(t, "all", chipItems)
	ctx := context.Background()
	if _, err := r.w.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	if got := r.reloadWith("", chipsWatch); len(got) != 0 {
		t.Fatalf("a watch added before anything was stored was judged: %+v", got)
	}
	if got := r.reloadWith(chipsWatch, ""); len(got) != 0 {
		t.Fatalf("taking a watch out judged something: %+v", got)
	}
	r.poll() // the chip items arrive while nobody watches the pact

	got := r.reloadWith("", chipsWatch)
	want := "watch us-in-chips is back: 2 stored items, status signed since 14 Aug 2015 (was negotiating)"
	if len(got) != 1 || got[0].String() != want {
		t.Fatalf("replay = %+v, want %q", got, want)
	}
	if h := r.historyLine("us-in-chips"); h != "config/negotiating detected/signed" {
		t.Errorf("history = %s", h)
	}
	if again := r.reloadWith("", ""); len(again) != 0 {
		t.Errorf("an unchanged config was judged again: %+v", again)
	}
}
