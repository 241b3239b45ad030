package config

import (
	"os"
	"path/filepath"
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
  channel: "#${TEAM}-alerts"
  admin_channel: ${UNSET}
`+minimal)
	env := map[string]string{
		"TOKEN": "xoxb-1\n  evil: key", // a value never changes the YAML's structure
		"TEAM":  "policy",
	}
	c, err := Load(path, fakeEnv(env))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	got := []string{c.Slack.Token.Value(), c.Slack.Channel, c.Slack.AdminChannel}
	// admin_channel expands to "" and so defaults to channel.
	want := []string{"xoxb-1\n  evil: key", "#policy-alerts", "#policy-alerts"}
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

// A nil getenv treats every variable as unset.
func TestExpandNilGetenv(t *testing.T) {
	c, err := Load(writeConfig(t, "slack:\n  token: ${SLACK_BOT_TOKEN}\n"+minimal), nil)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.Slack.Token != "" {
		t.Errorf("token = %q, want empty", c.Slack.Token.Value())
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
