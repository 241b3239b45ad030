package bot

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// Users of the app tests: admins are in testdata/pactwatch.yaml, Mallory
// is not.
const (
	admin    = "U0ADMIN1"
	admin2   = "U0ADMIN2"
	mallory  = "U0MALLORY"
	teamID   = "T0FAKE"
	channel  = "C0CYBER"
	wireItem = "wire-1"
)

// Times of the app fixture: the agreements were recorded on start, the
// signing news came on pub, and the tests run at now.
var (
	appStart = time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	appPub   = time.Date(2026, 2, 20, 9, 30, 0, 0, time.UTC)
	appNow   = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
)

// appEnv is an App over testdata/pactwatch.yaml and a real SQLite file
// holding a small history, talking to a fake Slack, served by a real HTTP
// server, all on one fake clock.
type appEnv struct {
	*env
	cfg   *config.Config
	app   *App
	srv   *httptest.Server
	wakes atomic.Int32
	alert storage.Alert // the delivered status_change alert of ru-cn-cyber
}

func newAppEnv(t *testing.T) *appEnv {
	t.Helper()
	e := &appEnv{env: newEnv(t), cfg: testConfig(t, nil)}
	e.seed()
	e.app = &App{
		Config: func() *config.Config { return e.cfg },
		Store:  e.store, Slack: NewSlackClient("xoxb-test", e.slack.URL()), Now: e.clock.Now,
		Log:  slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug})),
		Wake: func() { e.wakes.Add(1) },
	}
	e.srv = httptest.NewServer(e.app.Handler(testSecret))
	t.Cleanup(e.srv.Close)
	t.Cleanup(e.app.Wait) // before the store closes: cleanups run last first
	return e
}

// seed writes the fixture's history: each agreement's starting status on
// appStart; a mention of ru-cn-cyber on 1 Feb; the signing news of 20 Feb
// that moved it to signed, with its status_change alert delivered to
// C0CYBER; the health of both feeds.
func (e *appEnv) seed() {
	t := e.t
	e.setNow(appStart)
	err := e.store.InTx(e.ctx, func(tx *storage.Tx) error {
		for _, a := range e.cfg.Agreements {
			if err := tx.EnsureAgreement(a.ID, a.Status, a.Since); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e.setNow(appPub.Add(time.Hour))
	err = e.store.InTx(e.ctx, func(tx *storage.Tx) error {
		early := &storage.Item{FeedID: "asia-desk", Key: "asia-7", GUID: "asia-7", Link: "https://asia.example/moscow-beijing",
			Title: "Moscow and Beijing near a cyber accord", Published: time.Date(2026, 2, 1, 6, 0, 0, 0, time.UTC)}
		it := &storage.Item{FeedID: "wire-cyber", Key: wireItem, GUID: wireItem, Link: "https://wire.example/2026/02/pact?utm_source=rss",
			Title: "Russia & China sign <cyber> pact", Published: appPub}
		for _, i := range []*storage.Item{early, it} {
			if _, err := tx.InsertItem(i); err != nil {
				return err
			}
		}
		if err := tx.AddMention("ru-cn-cyber", early.ID, early.Published, ""); err != nil {
			return err
		}
		if err := tx.AddMention("ru-cn-cyber", it.ID, it.Published, "signed"); err != nil {
			return err
		}
		sentence := "Russia and China signed a cyber security pact in Moscow on Friday."
		c := &storage.Change{AgreementID: "ru-cn-cyber", EffectiveAt: appPub, Status: "signed", Source: storage.SourceDetected,
			ItemGUID: it.GUID, FeedID: it.FeedID, Link: it.Link, Title: it.Title, Sentence: sentence, Rule: "signed OR inked"}
		if err := tx.SetStatus(c); err != nil {
			return err
		}
		_, err := tx.Enqueue(&storage.Alert{Kind: storage.KindStatusChange, DedupeKey: "story:1:ru-cn-cyber",
			Agreement: "ru-cn-cyber", AgreementName: "Russia–China cyber pact", Channel: channel,
			Status: "signed", PreviousStatus: "rumored", DetectedStatus: "signed",
			Item:     &storage.ItemRef{GUID: it.GUID, Link: it.Link, Title: it.Title, Feed: it.FeedID, Published: it.Published},
			Sentence: sentence, Rule: "signed OR inked"})
		if err != nil {
			return err
		}
		if err := tx.SaveFeedState(storage.FeedState{ID: "wire-cyber", FirstPolledAt: appStart, LastPolledAt: appPub.Add(time.Hour),
			LastSuccessAt: appPub.Add(time.Hour), ItemsSeen: 12}); err != nil {
			return err
		}
		return tx.SaveFeedState(storage.FeedState{ID: "asia-desk", FirstPolledAt: appStart, LastPolledAt: appPub.Add(time.Hour),
			LastSuccessAt: appPub.Add(-48 * time.Hour), LastError: "GET https://asia.example/feed: 503 Service Unavailable",
			LastErrorAt: appPub.Add(time.Hour), ConsecutiveFailures: 2, ItemsSeen: 4})
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := e.deliver(); n != 1 {
		t.Fatalf("delivered %d alerts, want 1", n)
	}
	alerts, err := e.store.Alerts(e.ctx)
	if err != nil || len(alerts) != 1 {
		t.Fatalf("alerts: %v, %v", alerts, err)
	}
	e.alert = alerts[0]
	e.setNow(appNow)
}

// post sends body to path signed as Slack signs it, at the clock's time,
// and returns the status and the body of the answer.
func (e *appEnv) post(path, contentType, body string) (int, string) {
	e.t.Helper()
	return e.postSigned(path, contentType, body, slackHeaders(testSecret, e.clock.Now(), body))
}

func (e *appEnv) postSigned(path, contentType, body string, h http.Header) (int, string) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header = h
	req.Header.Set("Content-Type", contentType)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(out)
}

// commandForm is a slash command's body as Slack sends it; its answers
// may also come through the response_url named after respName.
func (e *appEnv) commandForm(user, text, respName string) string {
	return url.Values{
		"token": {"deprecated-verification-token"}, "team_id": {teamID}, "team_domain": {"fake"},
		"channel_id": {"C0POLICY"}, "channel_name": {"policy"}, "user_id": {user}, "user_name": {strings.ToLower(user)},
		"command": {"/pact"}, "text": {text}, "api_app_id": {"A0FAKE"}, "is_enterprise_install": {"false"},
		"response_url": {e.slack.ResponseURL(respName)}, "trigger_id": {"13345224609.738474920.8088930838d88f008e0"},
	}.Encode()
}

// command sends /pact text as user and returns the HTTP status and the
// decoded answer (nil for an empty body).
func (e *appEnv) command(user, text string) (int, map[string]any) {
	e.t.Helper()
	code, body := e.post("/slack/commands", "application/x-www-form-urlencoded", e.commandForm(user, text, "cmd"))
	if body == "" {
		return code, nil
	}
	var ans map[string]any
	if code == http.StatusOK {
		if err := json.Unmarshal([]byte(body), &ans); err != nil {
			e.t.Fatalf("answer is not JSON: %v\n%s", err, body)
		}
	}
	return code, ans
}

// blockAction is a block_actions interaction as Slack sends it when user
// clicks a button of the alert message.
func (e *appEnv) blockAction(user, actionID, value, respName string) map[string]any {
	return map[string]any{
		"type": "block_actions", "api_app_id": "A0FAKE", "token": "deprecated", "trigger_id": "1.2.3",
		"team":         map[string]any{"id": teamID, "domain": "fake"},
		"user":         map[string]any{"id": user, "username": strings.ToLower(user), "team_id": teamID},
		"container":    map[string]any{"type": "message", "message_ts": e.alert.TS, "channel_id": e.alert.Channel, "is_ephemeral": false},
		"channel":      map[string]any{"id": e.alert.Channel, "name": "cyber"},
		"message":      map[string]any{"type": "message", "ts": e.alert.TS, "text": "Status change"},
		"response_url": e.slack.ResponseURL(respName),
		"actions": []any{map[string]any{"type": "button", "action_id": actionID, "block_id": statusActionsID,
			"value": value, "action_ts": "1772366400.000100", "text": map[string]any{"type": "plain_text", "text": "Confirm"}}},
	}
}

// click posts a block_actions payload to /slack/interactions, as Slack
// does (form field "payload"), and waits for what it set off.
func (e *appEnv) click(payload map[string]any) int {
	e.t.Helper()
	raw, _ := json.Marshal(payload)
	code, _ := e.post("/slack/interactions", "application/x-www-form-urlencoded", url.Values{"payload": {string(raw)}}.Encode())
	e.app.Wait()
	return code
}

// history returns the agreement's status history.
func (e *appEnv) history(id string) []storage.Change {
	e.t.Helper()
	h, err := e.store.History(e.ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return h
}

// state returns the agreement's current status.
func (e *appEnv) state(id string) storage.AgreementState {
	e.t.Helper()
	s, err := e.store.AgreementState(e.ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// pending returns the alerts not yet delivered.
func (e *appEnv) pending() []storage.Alert {
	e.t.Helper()
	list, err := e.store.Alerts(e.ctx, storage.StatePending)
	if err != nil {
		e.t.Fatal(err)
	}
	return list
}

// setNow sets the fake clock.
func (e *appEnv) setNow(t time.Time) {
	e.clock.mu.Lock()
	defer e.clock.mu.Unlock()
	e.clock.t = t
}
