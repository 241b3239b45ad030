package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
)

const (
	testSigningSecret = "e2e-signing-secret"
	testAppToken      = "xapp-1-A0FAKE-e2e"
)

// slackConfig writes a config with the given top-level keys and slack keys
// over one feed, with U0ADMIN1 as admin.
func slackConfig(t *testing.T, top, slackKeys, feedURL string) string {
	t.Helper()
	body := "timezone: UTC\ndatabase: pw.db\nbackfill: all\ncorroborate: 1\n" + top +
		"slack:\n  channel: C0POLICY\n  admins: [U0ADMIN1]\n" + slackKeys +
		"feeds:\n  - id: feed1\n    url: " + feedURL + `
agreements:
  - id: ru-cn-cyber
    name: Russia–China cyber pact
    kind: pact
    parties: [Russia, China]
    status: rumored
    channel: C0CYBER
    match: '(Russia OR Russian) AND (China OR Chinese) AND cyber* AND (pact OR agreement OR deal)'
`
	path := filepath.Join(t.TempDir(), "pactwatch.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunRefusesUnservableSlackSettings(t *testing.T) {
	tests := []struct {
		name, top, slack, want string
	}{
		// listen without a signing secret would serve /pact unverified.
		{"listen without secret", "listen: 127.0.0.1:0\n", "  token: xoxb-test\n", "neither slack.signing_secret nor slack.app_token"},
		// Socket Mode needs the bot token beside the app token.
		{"app token without bot token", "", "  app_token: " + testAppToken + "\n", "Socket Mode needs the bot token too"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := slackConfig(t, tt.top, tt.slack, "feed.xml")
			e, _, errOut := testEnv(nil)
			if code := run(context.Background(), []string{"run", "--config", cfg}, e); code != exitFailed {
				t.Errorf("run exited %d, want %d", code, exitFailed)
			}
			if !strings.Contains(errOut.String(), tt.want) {
				t.Errorf("stderr does not say %q:\n%s", tt.want, errOut)
			}
		})
	}
}

// signedPost posts a form to the daemon signed as Slack signs it.
func signedPost(t *testing.T, endpoint string, form url.Values) (int, string) {
	t.Helper()
	body := form.Encode()
	ts := fmt.Sprint(time.Now().Unix())
	mac := hmac.New(sha256.New, []byte(testSigningSecret))
	mac.Write([]byte("v0:" + ts + ":" + body))
	req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(out)
}

// TestDaemonServesPactOverHTTP: the daemon's own routes answer a signed
// /pact status, refuse an unsigned one, and an admin's /pact set reaches
// the channel as a status_change alert.
func TestDaemonServesPactOverHTTP(t *testing.T) {
	feedSrv, _ := feedServer(t, testRSS)
	slack := fakeslack.New(t)
	cfg := slackConfig(t, "listen: 127.0.0.1:0\n", "  token: ${SLACK_BOT_TOKEN}\n  signing_secret: ${SLACK_SIGNING_SECRET}\n", feedSrv.URL)
	d, errOut := startDaemon(t, cfg, map[string]string{"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": slack.URL(),
		"SLACK_SIGNING_SECRET": testSigningSecret})
	base := "http://" + d.Addr()
	form := func(user, text string) url.Values {
		return url.Values{"command": {"/pact"}, "text": {text}, "user_id": {user}, "team_id": {"T0FAKE"},
			"channel_id": {"C0POLICY"}, "response_url": {slack.ResponseURL("e2e")}, "trigger_id": {text}}
	}
	code, body := signedPost(t, base+"/slack/commands", form("U0ANY", "status russia china"))
	var ans map[string]any
	if code != http.StatusOK || json.Unmarshal([]byte(body), &ans) != nil || !strings.Contains(fmt.Sprint(ans["text"]), "signed") {
		t.Fatalf("status answer %d: %s\n%s", code, body, errOut)
	}
	res, err := http.Post(base+"/slack/commands", "application/x-www-form-urlencoded", strings.NewReader(form("U0ADMIN1", "set ru-cn collapsed").Encode()))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("unsigned request: %d, want 401", res.StatusCode)
	}
	if code, body := signedPost(t, base+"/slack/commands", form("U0ADMIN1", "set ru-cn stalled talks broke off")); code != http.StatusOK || !strings.Contains(body, "is now *stalled*") {
		t.Fatalf("set answer %d: %s", code, body)
	}
	waitFor(t, 10*time.Second, func() bool {
		for _, m := range slack.Messages("C0CYBER") {
			if m.Metadata.EventPayload["status"] == "stalled" && m.Metadata.EventPayload["kind"] == "status_change" {
				return true
			}
		}
		return false
	})
}

// TestDaemonServesPactOverSocketMode: with an app token and no `listen`,
// commands arrive over Socket Mode.
func TestDaemonServesPactOverSocketMode(t *testing.T) {
	feedSrv, _ := feedServer(t, testRSS)
	slack := fakeslack.New(t, fakeslack.WithAppToken(testAppToken))
	cfg := slackConfig(t, "", "  token: ${SLACK_BOT_TOKEN}\n  app_token: ${SLACK_APP_TOKEN}\n", feedSrv.URL)
	startDaemon(t, cfg, map[string]string{"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": slack.URL(), "SLACK_APP_TOKEN": testAppToken})
	id, err := slack.Send("slash_commands", map[string]any{"command": "/pact", "text": "status ru-cn", "user_id": "U0ANY",
		"response_url": slack.ResponseURL("sm")}, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := slack.WaitAck(id, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "Russia–China cyber pact") {
		t.Errorf("ack: %s", raw)
	}
}

// TestRunWithoutSlackServesHealth checks that with no Slack at all (the
// README's example) the daemon runs and serves /healthz, and no /pact.
func TestRunWithoutSlackServesHealth(t *testing.T) {
	feedSrv, _ := feedServer(t, testRSS)
	cfg := writeConfig(t, "listen: 127.0.0.1:0\n", feedSrv.URL)
	d, errOut := startDaemon(t, cfg, nil)
	if code := get(t, "http://"+d.Addr()+"/healthz"); code != http.StatusOK {
		t.Errorf("/healthz answered %d", code)
	}
	resp, err := http.Post("http://"+d.Addr()+"/slack/commands", "application/x-www-form-urlencoded", strings.NewReader("text=help"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("/slack/commands without Slack answered %d, want 404", resp.StatusCode)
	}
	if !strings.Contains(errOut.String(), "/pact is not served") {
		t.Errorf("no notice that /pact is not served:\n%s", errOut)
	}
}
