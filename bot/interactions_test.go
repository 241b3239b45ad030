package bot

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
	"github.com/pactwatch/pactwatch/storage"
)

// alertMessage returns the alert's message as the fake Slack holds it.
func (e *appEnv) alertMessage() fakeslack.Message {
	e.t.Helper()
	for _, m := range e.slack.Messages(channel) {
		if m.TS == e.alert.TS {
			return m
		}
	}
	e.t.Fatalf("no message %s in %s", e.alert.TS, channel)
	return fakeslack.Message{}
}

// lastResponse returns the text of the last answer posted to the
// response_url of name, checking that it is an ephemeral new message.
func (e *appEnv) lastResponse(name string) string {
	e.t.Helper()
	resps := e.slack.Responses(name)
	if len(resps) == 0 {
		e.t.Fatalf("no answer through response_url %s", name)
	}
	r := resps[len(resps)-1]
	if r.ResponseType != "ephemeral" || r.ReplaceOriginal == nil || *r.ReplaceOriginal {
		e.t.Errorf("answer to a click: response_type %q, replace_original %v; want a new ephemeral message", r.ResponseType, r.ReplaceOriginal)
	}
	return r.Text
}

func TestAlertCarriesButtons(t *testing.T) {
	e := newAppEnv(t)
	blocks := string(e.alertMessage().Blocks)
	for _, want := range []string{ActionConfirm, ActionRevert, e.alert.ID, "Revert to rumored"} {
		if !strings.Contains(blocks, want) {
			t.Errorf("posted alert lacks %q", want)
		}
	}
}

func TestConfirmButton(t *testing.T) {
	e := newAppEnv(t)
	if code := e.click(e.blockAction(admin, ActionConfirm, e.alert.ID, "c1")); code != http.StatusOK {
		t.Fatalf("click: %d", code)
	}
	if got := e.lastResponse("c1"); !strings.Contains(got, "Confirmed") {
		t.Errorf("answer %q", got)
	}
	// The status holds, since the same time, and the history says who confirmed it.
	st := e.state("ru-cn-cyber")
	if st.Status != "signed" || !st.EvidenceAt.Equal(appPub) || st.Last.Source != storage.SourceDetected {
		t.Errorf("state after confirm: %+v", st)
	}
	h := e.history("ru-cn-cyber")
	last := h[len(h)-1]
	if last.Source != storage.SourceAdmin || last.UserID != admin || last.Status != "signed" || last.Note != confirmNote ||
		!last.EffectiveAt.Equal(appPub) || last.ItemGUID != wireItem {
		t.Errorf("confirmation entry: %+v", last)
	}
	if n := len(e.pending()); n != 0 {
		t.Errorf("%d alerts enqueued by a confirmation", n)
	}
	// The message lost its buttons, kept its metadata, and says who confirmed.
	m := e.alertMessage()
	if m.Edits != 1 || strings.Contains(string(m.Blocks), ActionConfirm) || !strings.Contains(string(m.Blocks), "confirmed by") ||
		m.Metadata.EventPayload["id"] != e.alert.ID {
		t.Errorf("message after confirm: edits %d, metadata %v\n%s", m.Edits, m.Metadata, m.Blocks)
	}
	var blocks json.RawMessage = m.Blocks
	checkBlockKit(t, blocks, maxBlocksMessage)
	// A second click, by another admin, changes nothing.
	e.click(e.blockAction(admin2, ActionConfirm, e.alert.ID, "c2"))
	if got := e.lastResponse("c2"); !strings.Contains(got, "Already confirmed by <@U0ADMIN1>") {
		t.Errorf("second confirm: %q", got)
	}
	if n := len(e.history("ru-cn-cyber")); n != len(h) {
		t.Errorf("history grew to %d entries on a second confirm", n)
	}
}

func TestRevertButton(t *testing.T) {
	e := newAppEnv(t)
	e.click(e.blockAction(admin, ActionRevert, e.alert.ID, "r1"))
	if got := e.lastResponse("r1"); !strings.Contains(got, "Reverted") {
		t.Errorf("answer %q", got)
	}
	st := e.state("ru-cn-cyber")
	if st.Status != "rumored" || st.Last.Source != storage.SourceAdmin || st.Last.UserID != admin || st.Last.Previous != "signed" {
		t.Errorf("state after revert: %+v", st)
	}
	retracted := 0
	for _, c := range e.history("ru-cn-cyber") {
		if c.Retracted {
			retracted++
			if c.Source != storage.SourceDetected || c.Status != "signed" {
				t.Errorf("retracted the wrong change: %+v", c)
			}
		}
	}
	if retracted != 1 {
		t.Errorf("%d changes retracted, want the reverted detection", retracted)
	}
	pending := e.pending()
	if len(pending) != 1 {
		t.Fatalf("%d alerts pending, want the status_change of the revert", len(pending))
	}
	if a := pending[0]; a.Kind != storage.KindStatusChange || a.Status != "rumored" || a.PreviousStatus != "signed" ||
		a.UserID != admin || a.Channel != channel {
		t.Errorf("revert alert: %+v", a)
	}
	if e.wakes.Load() == 0 {
		t.Error("delivery not woken")
	}
	m := e.alertMessage()
	if m.Edits != 1 || strings.Contains(string(m.Blocks), ActionRevert) || !strings.Contains(string(m.Blocks), "Reverted to *rumored*") {
		t.Errorf("message after revert:\n%s", m.Blocks)
	}
	// Clicked again (a stale client still shows the buttons): nothing more.
	e.click(e.blockAction(admin2, ActionRevert, e.alert.ID, "r2"))
	if got := e.lastResponse("r2"); !strings.Contains(got, "already") {
		t.Errorf("second revert: %q", got)
	}
	if n := len(e.pending()); n != 1 {
		t.Errorf("%d alerts pending after a second revert", n)
	}
	// Nor can the change be confirmed once reverted.
	e.click(e.blockAction(admin2, ActionConfirm, e.alert.ID, "r3"))
	if got := e.lastResponse("r3"); !strings.Contains(got, "moved on") {
		t.Errorf("confirm after revert: %q", got)
	}
}

func TestButtonsRefusedForNonAdmins(t *testing.T) {
	e := newAppEnv(t)
	before := len(e.history("ru-cn-cyber"))
	for _, action := range []string{ActionConfirm, ActionRevert} {
		e.click(e.blockAction(mallory, action, e.alert.ID, action))
		if got := e.lastResponse(action); !strings.Contains(got, "Only pactwatch admins") {
			t.Errorf("%s by a non-admin: %q", action, got)
		}
	}
	if st := e.state("ru-cn-cyber"); st.Status != "signed" || len(e.history("ru-cn-cyber")) != before || len(e.pending()) != 0 {
		t.Errorf("a refused click changed something: %+v", st)
	}
	if m := e.alertMessage(); m.Edits != 0 {
		t.Errorf("message edited %d times", m.Edits)
	}
}

func TestButtonOnUnknownAlert(t *testing.T) {
	e := newAppEnv(t)
	e.click(e.blockAction(admin, ActionRevert, "no-such-alert", "u"))
	if got := e.lastResponse("u"); !strings.Contains(got, "does not know this alert") {
		t.Errorf("answer %q", got)
	}
	if st := e.state("ru-cn-cyber"); st.Status != "signed" {
		t.Errorf("status %s", st.Status)
	}
}

// TestButtonWithoutBotToken updates the message through response_url when
// there is no bot token for chat.update.
func TestButtonWithoutBotToken(t *testing.T) {
	e := newAppEnv(t)
	e.app.Slack = nil
	e.click(e.blockAction(admin, ActionConfirm, e.alert.ID, "nt"))
	resps := e.slack.Responses("nt")
	if len(resps) != 2 {
		t.Fatalf("%d posts to response_url, want the replaced message and the answer", len(resps))
	}
	if r := resps[0]; r.ReplaceOriginal == nil || !*r.ReplaceOriginal || !strings.Contains(string(r.Blocks), "confirmed by") {
		t.Errorf("replacement: %+v", r)
	}
}

func TestResolvedAlertGolden(t *testing.T) {
	a := renderFixtures()["status_change"]
	checkGolden(t, "status_change_confirmed.json", indentJSON(t, resolvedMessage(a, ":white_check_mark: *signed* confirmed by <@U0ADMIN1> on 1 Mar 2026")))
}

// One signed interaction carrying 200 actions is handled as the one click
// a real one is: one answer through response_url, not 200.
func TestInteractionActionsBounded(t *testing.T) {
	e := newAppEnv(t)
	p := e.blockAction(mallory, ActionConfirm, e.alert.ID, "many")
	// Small actions, so that many fit under MaxRequestBody.
	one := map[string]any{"type": "button", "action_id": ActionConfirm, "block_id": statusActionsID, "value": e.alert.ID}
	var acts []any
	for range 200 {
		acts = append(acts, one)
	}
	p["actions"] = acts
	if code := e.click(p); code != 200 {
		t.Fatalf("click answered %d", code)
	}
	if n := len(e.slack.Responses("many")); n != MaxClickActions {
		t.Errorf("%d posts to response_url, want %d", n, MaxClickActions)
	}
}
