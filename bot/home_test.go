package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// homeOpenedEvent is the Events API callback Slack sends when user opens
// the app's Home tab.
func homeOpenedEvent(user string) map[string]any {
	return map[string]any{
		"token": "deprecated", "team_id": teamID, "api_app_id": "A0FAKE", "type": "event_callback",
		"event_id": "Ev0HOME1", "event_time": 1772366400,
		"event": map[string]any{"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home", "event_ts": "1772366400.000100"},
	}
}

func (e *appEnv) postEvent(ev map[string]any) (int, string) {
	e.t.Helper()
	raw, _ := json.Marshal(ev)
	return e.post("/slack/events", "application/json", string(raw))
}

func TestEventsURLVerification(t *testing.T) {
	e := newAppEnv(t)
	code, body := e.postEvent(map[string]any{"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"})
	if code != http.StatusOK || body != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("challenge answered %d %q", code, body)
	}
}

func TestHomeOpenedPublishesGolden(t *testing.T) {
	e := newAppEnv(t)
	if code, _ := e.postEvent(homeOpenedEvent(mallory)); code != http.StatusOK {
		t.Fatalf("event: %d", code)
	}
	e.app.Wait()
	v, ok := e.slack.ViewOf(mallory)
	if !ok {
		t.Fatal("no Home tab published")
	}
	var view struct {
		Type   string          `json:"type"`
		Blocks json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(v.View, &view); err != nil {
		t.Fatal(err)
	}
	if view.Type != "home" {
		t.Errorf("view type %q", view.Type)
	}
	checkBlockKit(t, view.Blocks, maxHomeBlocks)
	var pretty any
	json.Unmarshal(v.View, &pretty)
	checkGolden(t, "home.json", indentJSON(t, pretty))
	// Opening the Messages tab publishes nothing.
	ev := homeOpenedEvent(admin)
	ev["event"].(map[string]any)["tab"] = "messages"
	e.postEvent(ev)
	e.app.Wait()
	if _, ok := e.slack.ViewOf(admin); ok {
		t.Error("published on the messages tab")
	}
}

func TestHomeViewWithinLimitsWithManyAgreements(t *testing.T) {
	e := newAppEnv(t)
	base := e.cfg.Agreements[0]
	for i := range 60 {
		a := base
		a.ID = base.ID + "-" + strings.Repeat("x", i%5) + string(rune('a'+i%26)) + string(rune('a'+i/26))
		a.Name = strings.Repeat("Very long agreement name & <more> ", 20)
		e.cfg.Agreements = append(e.cfg.Agreements, a)
	}
	view, err := e.app.HomeView(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(view.Blocks)
	checkBlockKit(t, raw, maxHomeBlocks)
	if !strings.Contains(string(raw), "more agreements") {
		t.Error("the agreements left out are not counted")
	}
}

// TestHomeRefreshedOnChange: a user who opened the tab gets a new copy
// when an admin sets a status, and none while nothing changes.
func TestHomeRefreshedOnChange(t *testing.T) {
	e := newAppEnv(t)
	e.postEvent(homeOpenedEvent(mallory))
	e.app.Wait()
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.app.RunHome(ctx, 10*time.Millisecond)
	}()
	defer func() { cancel(); <-done }()
	// Nothing changed: nothing is published again.
	time.Sleep(100 * time.Millisecond)
	if n := len(e.slack.Views()); n != 1 {
		t.Errorf("%d views published with nothing changed", n)
	}
	published := len(e.slack.Views())
	e.command(admin, "set us china active")
	waitUntil(t, func() bool {
		v, _ := e.slack.ViewOf(mallory)
		return len(e.slack.Views()) > published && strings.Contains(string(v.View), "*active* since ") &&
			strings.Contains(string(v.View), "|1 Mar 2026")
	})
}

// waitUntil polls cond for up to five seconds.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
	}
}
