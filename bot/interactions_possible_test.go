package bot

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
	"github.com/pactwatch/pactwatch/storage"
)

// possibleMention enqueues and delivers a mention of ru-cn-cyber that
// carries a possible status (ratified, on one outlet), with the claim
// stored for its item, and returns it as delivered.
func (e *appEnv) possibleMention() storage.Alert {
	e.t.Helper()
	pub := appPub.Add(24 * time.Hour)
	err := e.store.InTx(e.ctx, func(tx *storage.Tx) error {
		it := &storage.Item{FeedID: "asia-desk", Key: "asia-9", GUID: "asia-9", Link: "https://asia.example/duma-ratifies",
			Title: "Duma said to ratify cyber pact", Published: pub}
		if _, err := tx.InsertItem(it); err != nil {
			return err
		}
		if err := tx.AddClaim(storage.Claim{AgreementID: "ru-cn-cyber", ItemID: it.ID, Status: "ratified", Strong: true,
			Host: "asia.example", At: pub}); err != nil {
			return err
		}
		_, err := tx.Enqueue(&storage.Alert{Kind: storage.KindMention, DedupeKey: "story:9:ru-cn-cyber",
			Agreement: "ru-cn-cyber", AgreementName: "Russia–China cyber pact", Channel: channel,
			Status: "signed", DetectedStatus: "ratified", Confidence: "possible", Sources: 1,
			Item: &storage.ItemRef{GUID: it.GUID, Link: it.Link, Title: it.Title, Feed: it.FeedID, Published: pub}})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return e.deliverOne()
}

// TestConfirmPossibleStatus checks that an admin's Confirm on a mention's
// possible status makes it the status, dated from the item, with a
// status_change alert and the buttons gone from the mention.
func TestConfirmPossibleStatus(t *testing.T) {
	e := newAppEnv(t)
	al := e.possibleMention()
	if m := e.messageOf(al); !strings.Contains(string(m.Blocks), ActionConfirmPossible) || !strings.Contains(string(m.Blocks), "possible status") {
		t.Fatalf("mention lacks its buttons:\n%s", m.Blocks)
	}
	if code := e.click(e.blockAction(admin, ActionConfirmPossible, al.ID, "p1")); code != http.StatusOK {
		t.Fatalf("click: %d", code)
	}
	e.app.Wait()
	if got := e.lastResponse("p1"); !strings.Contains(got, "Confirmed") {
		t.Errorf("answer %q", got)
	}
	st := e.state("ru-cn-cyber")
	if st.Status != "ratified" || st.Last.Source != storage.SourceAdmin || st.Last.UserID != admin || !st.EvidenceAt.Equal(al.Item.Published) {
		t.Errorf("state after confirm: %+v", st)
	}
	p := e.pending()
	if len(p) != 1 || p[0].Kind != storage.KindStatusChange || p[0].Status != "ratified" || p[0].PreviousStatus != "signed" {
		t.Errorf("pending after confirm: %+v", p)
	}
	if m := e.messageOf(al); strings.Contains(string(m.Blocks), ActionConfirmPossible) || !strings.Contains(string(m.Blocks), "confirmed by") {
		t.Errorf("mention after confirm:\n%s", m.Blocks)
	}
}

// TestDismissPossibleStatus checks that Dismiss sets the claim aside (it
// no longer counts towards corroboration) and moves nothing.
func TestDismissPossibleStatus(t *testing.T) {
	e := newAppEnv(t)
	al := e.possibleMention()
	if n := e.sources("ratified"); n != 1 {
		t.Fatalf("sources before dismissing: %d, want 1", n)
	}
	if code := e.click(e.blockAction(admin, ActionDismissPossible, al.ID, "d1")); code != http.StatusOK {
		t.Fatalf("click: %d", code)
	}
	e.app.Wait()
	if got := e.lastResponse("d1"); !strings.Contains(got, "Dismissed") {
		t.Errorf("answer %q", got)
	}
	if st := e.state("ru-cn-cyber"); st.Status != "signed" {
		t.Errorf("status after dismiss: %s", st.Status)
	}
	if n := e.sources("ratified"); n != 0 {
		t.Errorf("sources of a dismissed claim: %d, want 0", n)
	}
	if len(e.pending()) != 0 {
		t.Errorf("a dismissal enqueued alerts: %+v", e.pending())
	}
}

// TestPossibleButtonsRefusedForNonAdmins checks that a member's click
// changes nothing.
func TestPossibleButtonsRefusedForNonAdmins(t *testing.T) {
	e := newAppEnv(t)
	al := e.possibleMention()
	if code := e.click(e.blockAction("U0MEMBER", ActionConfirmPossible, al.ID, "m1")); code != http.StatusOK {
		t.Fatalf("click: %d", code)
	}
	e.app.Wait()
	if st := e.state("ru-cn-cyber"); st.Status != "signed" {
		t.Errorf("a member's click moved the status to %s", st.Status)
	}
}

// messageOf returns an alert's message as the fake Slack holds it.
func (e *appEnv) messageOf(al storage.Alert) fakeslack.Message {
	e.t.Helper()
	for _, m := range e.slack.Messages(channel) {
		if m.TS == al.TS {
			return m
		}
	}
	e.t.Fatalf("no message %s", al.TS)
	return fakeslack.Message{}
}

// sources counts the outlets whose strong claims of status count now.
func (e *appEnv) sources(status string) int {
	e.t.Helper()
	var n int
	err := e.store.InTx(e.ctx, func(tx *storage.Tx) error {
		var err error
		n, err = tx.Sources("ru-cn-cyber", status, "", appPub, appPub.Add(72*time.Hour))
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// TestStatusShowsPartyStatuses checks that /pact status shows a party's
// own status beside the agreement's.
func TestStatusShowsPartyStatuses(t *testing.T) {
	e := newAppEnv(t)
	err := e.store.InTx(e.ctx, func(tx *storage.Tx) error {
		return tx.SetPartyStatus(&storage.Change{AgreementID: "ru-cn-cyber", Party: "Russia", Status: "withdrawn",
			Source: storage.SourceDetected, EffectiveAt: appPub})
	})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := e.cfg.Agreement("ru-cn-cyber")
	r, err := BuildReport(e.ctx, e.store, a, appNow, 3)
	if err != nil {
		t.Fatal(err)
	}
	if text := r.Text(appNow); !strings.Contains(text, "Parties:\n  - Russia: withdrawn since "+appPub.Format("2006-01-02")) ||
		!strings.HasPrefix(text, "Russia–China cyber pact (ru-cn-cyber): signed") {
		t.Errorf("status text:\n%s", text)
	}
	if blocks := statusAnswer(r).Blocks; !strings.Contains(blocksJSON(t, blocks), "Russia: *withdrawn*") {
		t.Errorf("status blocks lack the party's status: %s", blocksJSON(t, blocks))
	}
}

func blocksJSON(t *testing.T, blocks any) string {
	t.Helper()
	raw, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// TestConfirmOlderPossibleStatusKeepsNewerStatus checks that confirming a
// possible status from an item older than the evidence of the current
// status records it in the history at its day and moves nothing: the
// status stays what the newer evidence says, with no status_change.
func TestConfirmOlderPossibleStatusKeepsNewerStatus(t *testing.T) {
	e := newAppEnv(t)
	al := e.possibleMention() // ratified, 21 Feb
	newer := appPub.Add(5 * 24 * time.Hour)
	err := e.store.InTx(e.ctx, func(tx *storage.Tx) error {
		return tx.SetStatus(&storage.Change{AgreementID: "ru-cn-cyber", Status: "in_force", Source: storage.SourceDetected,
			EffectiveAt: newer, Link: "https://wire.example/in-force", Title: "Cyber pact enters into force"})
	})
	if err != nil {
		t.Fatal(err)
	}
	e.click(e.blockAction(admin, ActionConfirmPossible, al.ID, "p1"))
	e.app.Wait()
	if got := e.lastResponse("p1"); !strings.Contains(got, "stays *in_force*, on newer evidence of 25 Feb 2026") {
		t.Errorf("answer %q", got)
	}
	if st := e.state("ru-cn-cyber"); st.Status != "in_force" || !st.EvidenceAt.Equal(newer) {
		t.Errorf("state after confirming older evidence: %+v", st)
	}
	if p := e.pending(); len(p) != 0 {
		t.Errorf("alerts pending: %+v, want none", p)
	}
	h := e.history("ru-cn-cyber")
	held, ok := storage.StatusAt(h, appPub.Add(3*24*time.Hour))
	if !ok || held.Status != "ratified" || held.UserID != admin {
		t.Errorf("status held on 23 Feb = %+v, want the confirmed ratification", held)
	}
}

// TestConfirmPossibleStatusOfAThreadReply checks that another outlet's
// report in an event's thread that reads a possible status of its own says
// so, with the admins' buttons, and that Confirm there works as on a
// mention.
func TestConfirmPossibleStatusOfAThreadReply(t *testing.T) {
	e := newAppEnv(t)
	pub := appPub.Add(24 * time.Hour)
	var parent storage.Alert
	err := e.store.InTx(e.ctx, func(tx *storage.Tx) error {
		parent = storage.Alert{Kind: storage.KindMention, DedupeKey: "story:8:ru-cn-cyber",
			Agreement: "ru-cn-cyber", AgreementName: "Russia–China cyber pact", Channel: channel, Status: "signed",
			Item: &storage.ItemRef{GUID: "wire-8", Link: "https://wire.example/duma", Title: "Duma debates cyber pact", Feed: "wire", Published: pub}}
		_, err := tx.Enqueue(&parent)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	e.deliverOne()
	err = e.store.InTx(e.ctx, func(tx *storage.Tx) error {
		it := &storage.Item{FeedID: "asia-desk", Key: "asia-9", GUID: "asia-9", Link: "https://asia.example/duma-ratifies",
			Title: "Duma ratifies cyber pact", Published: pub}
		if _, err := tx.InsertItem(it); err != nil {
			return err
		}
		_, err := tx.Enqueue(&storage.Alert{Kind: storage.KindSourceAdded, ParentSeq: parent.Seq,
			Agreement: "ru-cn-cyber", AgreementName: "Russia–China cyber pact", Channel: channel,
			Status: "signed", DetectedStatus: "ratified", Confidence: "possible", Sources: 1,
			Item: &storage.ItemRef{GUID: it.GUID, Link: it.Link, Title: it.Title, Feed: it.FeedID, Published: pub}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	reply := e.deliverOne()
	m := e.messageOf(reply)
	if m.ThreadTS == "" || !strings.Contains(string(m.Blocks), ActionConfirmPossible) ||
		!strings.Contains(string(m.Blocks), "reads it as possibly *ratified*") {
		t.Fatalf("thread reply (thread %q) lacks its reading or buttons:\n%s", m.ThreadTS, m.Blocks)
	}
	if code := e.click(e.blockAction(admin, ActionConfirmPossible, reply.ID, "p2")); code != http.StatusOK {
		t.Fatalf("click: %d", code)
	}
	e.app.Wait()
	if st := e.state("ru-cn-cyber"); st.Status != "ratified" || st.Last.Source != storage.SourceAdmin {
		t.Errorf("state after confirming in the thread: %+v", st)
	}
}
