package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeConfig writes text to a config file in a temp folder.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pactwatch.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const minimal = `
feeds:
  - id: wire
    url: https://example.com/feed
agreements:
  - id: pact
    name: A pact
    kind: pact
    match: pact
`

func TestExpand(t *testing.T) {
	path := writeConfig(t, `
slack:
  token: ${TOKEN}
  channel: "C${TEAM}"
  admin_channel: ${UNSET:-}
  signing_secret: ${EMPTY:-fallback}
`+minimal)
	env := map[string]string{
		"TOKEN": "xoxb-1\n  evil: key", // a value never changes the YAML's structure
		"TEAM":  "0POLICY",
		"EMPTY": "",
	}
	c, err := Load(path, fakeEnv(env))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	got := []string{c.Slack.Token.Value(), c.Slack.Channel, c.Slack.AdminChannel, c.Slack.SigningSecret.Value()}
	// admin_channel's default is empty, and so it defaults to channel; a
	// default applies to a variable set empty too, as in the shell.
	want := []string{"xoxb-1\n  evil: key", "C0POLICY", "C0POLICY", "fallback"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("expanded values (-want +got):\n%s", diff)
	}
}

// Keys are not expanded: ${KEY} as a key stays an unknown key.
func TestExpandNotInKeys(t *testing.T) {
	path := writeConfig(t, "${KEY}: x\n"+minimal)
	_, err := Load(path, fakeEnv(map[string]string{"KEY": "listen"}))
	errs := Errors(err)
	if len(errs) != 1 || errs[0].Line != 1 {
		t.Fatalf("got %v, want one error on line 1", err)
	}
}

// An unset variable is an error naming it, not an empty value: a typo in
// the token's name would otherwise run without Slack and say nothing.
// A nil env treats every variable as unset; one set empty is set.
func TestExpandUnset(t *testing.T) {
	path := writeConfig(t, "slack:\n  token: ${SLACK_BOT_TOKN}\n  signing_secret: ${EMPTY}\n"+minimal)
	for _, env := range []LookupEnv{nil, fakeEnv(map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "EMPTY": ""})} {
		_, err := Load(path, env)
		var got []string
		for _, e := range Errors(err) {
			got = append(got, fmt.Sprintf("%d: %s", e.Line, e.Msg))
		}
		want := []string{"2: ${SLACK_BOT_TOKN} is not set in the environment (set it, or write ${SLACK_BOT_TOKN:-} to allow it empty)"}
		if env == nil {
			want = append(want, "3: ${EMPTY} is not set in the environment (set it, or write ${EMPTY:-} to allow it empty)")
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("errors (-want +got):\n%s", diff)
		}
	}
}

// The address of SLACK_API_URL is not a secret: a listen error that names
// the same host is not mangled.
func TestAPIURLWordsNotHidden(t *testing.T) {
	path := writeConfig(t, "listen: 127.0.0.1:99999\n"+minimal)
	_, err := Load(path, fakeEnv(map[string]string{"SLACK_API_URL": "http://127.0.0.1:4000/api/"}))
	if err == nil || !strings.Contains(err.Error(), `"127.0.0.1:99999" is not host:port (like 127.0.0.1:8080`) {
		t.Errorf("got %v, want the listen error as it is", err)
	}
}

// No error shows a value that came from the environment, whichever key it
// was put under by mistake, whole or in part: the variable is named instead.
func TestErrorsHideEnvValues(t *testing.T) {
	const secret = "8f14e45fceea167a5a36dedd4bea2543"
	agreement := "feeds:\n  - {id: f, url: https://example.com/f}\nagreements:\n  - id: b\n    name: B\n    kind: pact\n"
	tests := []struct {
		name, file string
		named      bool // the message is about the value, so it names the variable instead
	}{
		{"listen", "listen: ${SLACK_SIGNING_SECRET}\n" + minimal, true},
		{"timezone", "timezone: ${SLACK_SIGNING_SECRET}\n" + minimal, true},
		{"schedule", "schedule: ${SLACK_SIGNING_SECRET}\n" + minimal, true},
		{"backfill", "backfill: ${SLACK_SIGNING_SECRET}\n" + minimal, true},
		{"inside a value", "listen: host-${SLACK_SIGNING_SECRET}\n" + minimal, true},
		{"api_url", "slack:\n  api_url: ${SLACK_SIGNING_SECRET}\n" + minimal, true},
		{"admins", "slack:\n  admins:\n    - ${SLACK_SIGNING_SECRET}\n" + minimal, true},
		{"SLACK_API_URL", minimal, true},
		{"query", agreement + "    match: '(x ${SLACK_SIGNING_SECRET}'\n", false},
		{"query word", agreement + "    match: 'x NEAR/${SLACK_SIGNING_SECRET} y'\n", false},
		{"status", agreement + "    match: x\n    status: '${SLACK_SIGNING_SECRET}'\n", true},
		{"feed url", "feeds:\n  - {id: f, url: 'ftp://${SLACK_SIGNING_SECRET}'}\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"SLACK_SIGNING_SECRET": secret}
			if tt.name == "SLACK_API_URL" {
				env["SLACK_API_URL"] = secret
			}
			_, err := Load(writeConfig(t, tt.file), fakeEnv(env))
			if err == nil {
				t.Fatalf("Load accepted the file")
			}
			if strings.Contains(err.Error(), secret[:8]) {
				t.Errorf("error shows the value: %v", err)
			}
			if tt.named && !strings.Contains(err.Error(), "${SLACK_") {
				t.Errorf("error does not name the variable: %v", err)
			}
		})
	}
}

// The Slack API URL comes from api_url, else SLACK_API_URL, else the default,
// and always ends in "/".
func TestAPIURL(t *testing.T) {
	tests := []struct {
		name, file, env, want string
	}{
		{"default", "", "", DefaultAPIURL},
		{"from the environment", "", "http://127.0.0.1:4000/api", "http://127.0.0.1:4000/api/"},
		{"the file wins", "slack:\n  api_url: https://slack.example/api/\n", "http://127.0.0.1:4000/api", "https://slack.example/api/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(writeConfig(t, tt.file+minimal), fakeEnv(map[string]string{"SLACK_API_URL": tt.env}))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.Slack.APIURL != tt.want {
				t.Errorf("APIURL = %q, want %q", c.Slack.APIURL, tt.want)
			}
		})
	}
}

// Keys left out take their documented defaults.
func TestDefaults(t *testing.T) {
	path := writeConfig(t, minimal)
	c, err := Load(path, nil)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	got := []any{c.TimezoneName, c.Timezone.String(), c.Database, c.Listen, c.Schedule, c.Backfill,
		c.Feeds[0].Schedule, c.Agreements[0].Status, c.Agreements[0].Feeds}
	want := []any{"UTC", "UTC", filepath.Join(filepath.Dir(path), "pactwatch.db"), "", "*/15 * * * *",
		Backfill{Window: 7 * 24 * 60 * 60 * 1e9}, "*/15 * * * *", "rumored", []string{"wire"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
}
