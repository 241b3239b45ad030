package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkConfig is a valid config over a local feed file, which each case
// of TestCheckCatches spoils in one way.
const checkConfig = `database: pw.db
slack:
  token: ${SLACK_BOT_TOKEN:-}
  signing_secret: ${SLACK_SIGNING_SECRET:-}
  app_token: ${SLACK_APP_TOKEN:-}
  channel: C0POLICY
feeds:
  - id: wire
    url: wire.xml
agreements:
  - id: pact
    name: A pact
    kind: pact
    match: 'russia OR china'
    status_rules:
      - status: ratified
        query: ratified
`

// What `check` used to call ok and failed later is an error with its line.
func TestCheckCatches(t *testing.T) {
	tests := []struct {
		name      string
		edit      func(string) string
		env       map[string]string
		wantLine  string // FILE:LINE prefix, as a suffix of the path
		wantInMsg string
	}{
		// A typo in a variable's name: not an empty token and printed alerts.
		{"unset variable", func(s string) string { return strings.Replace(s, "${SLACK_BOT_TOKEN:-}", "${SLACK_BOT_TOKN}", 1) }, nil,
			"pactwatch.yaml:3:", "${SLACK_BOT_TOKN} is not set"},
		// A feed file that is not there.
		{"missing feed file", func(s string) string { return strings.Replace(s, "url: wire.xml", "url: wires.xml", 1) }, nil,
			"pactwatch.yaml:8:", "no such file"},
		// listen with a bot token and no way to verify requests: run refuses it.
		{"unverified listen", func(s string) string { return "listen: 127.0.0.1:0\n" + s }, map[string]string{"SLACK_BOT_TOKEN": "xoxb-1"},
			"pactwatch.yaml:1:", "neither slack.signing_secret nor slack.app_token"},
		// A channel's name instead of its ID.
		{"channel name", func(s string) string { return strings.Replace(s, "channel: C0POLICY", `channel: "#climate"`, 1) }, nil,
			"pactwatch.yaml:6:", `"#climate" is not a channel ID`},
		// The bot and app tokens swapped.
		{"swapped tokens", nil, map[string]string{"SLACK_BOT_TOKEN": "xapp-1-A0-1-abc", "SLACK_APP_TOKEN": "xoxb-1-abc"},
			"pactwatch.yaml:3:", "this is an app-level token (xapp-…)"},
		// The signing secret given as the token.
		{"secret as token", nil, map[string]string{"SLACK_BOT_TOKEN": "8f742231b10e8888abcd99yyyzzz85a5", "SLACK_SIGNING_SECRET": "xoxb-1-abc"},
			"pactwatch.yaml:3:", "this is not a Slack token"},
		// A typo of a lifecycle status in status_rules, silently a new status.
		{"status typo", func(s string) string { return strings.Replace(s, "- status: ratified", "- status: ratifed", 1) }, nil,
			"pactwatch.yaml:16:", `unknown status "ratifed" (did you mean "ratified"?)`},
		// A lower-case operator, read as a word: nothing would match.
		{"lower-case or", func(s string) string { return strings.Replace(s, "russia OR china", "russia or china", 1) }, nil,
			"pactwatch.yaml:14:", `"or" would be searched as a word`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			text := checkConfig
			if tt.edit != nil {
				text = tt.edit(text)
			}
			path := filepath.Join(dir, "pactwatch.yaml")
			os.WriteFile(path, []byte(text), 0o644)
			os.WriteFile(filepath.Join(dir, "wire.xml"), []byte(testRSS), 0o644)
			e, out, errOut := testEnv(tt.env)
			code := run(context.Background(), []string{"check", "--config", path}, e)
			if code != exitFailed {
				t.Fatalf("check exited %d, want %d; stdout %q, stderr %q", code, exitFailed, out, errOut)
			}
			got := errOut.String()
			if !strings.Contains(got, tt.wantLine) || !strings.Contains(got, tt.wantInMsg) {
				t.Errorf("check said %q, want %q at %q", got, tt.wantInMsg, tt.wantLine)
			}
			for _, v := range tt.env {
				if strings.Contains(got, v) {
					t.Errorf("check shows the value of a variable: %q", got)
				}
			}
		})
	}
	// The unspoilt config, and the example the README runs first, are ok.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "pactwatch.yaml"), []byte(checkConfig), 0o644)
	os.WriteFile(filepath.Join(dir, "wire.xml"), []byte(testRSS), 0o644)
	for _, path := range []string{filepath.Join(dir, "pactwatch.yaml"), filepath.Join("..", "..", "examples", "pactwatch.yaml")} {
		e, _, errOut := testEnv(nil)
		if code := run(context.Background(), []string{"check", "--config", path}, e); code != exitOK {
			t.Errorf("check %s exited %d: %s", path, code, errOut)
		}
	}
}
