package config

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fakeEnv is an environment of the variables in a map.
func fakeEnv(vars map[string]string) LookupEnv {
	return func(k string) (string, bool) {
		v, ok := vars[k]
		return v, ok
	}
}

// A config using every key decodes to exactly this, defaults included.
func TestLoadFull(t *testing.T) {
	path := filepath.Join("testdata", "valid_full.yaml")
	got, err := Load(path, fakeEnv(map[string]string{
		"SLACK_BOT_TOKEN":      "xoxb-test",
		"SLACK_SIGNING_SECRET": "shh",
		"SLACK_API_URL":        "http://ignored.example/", // api_url in the file wins
	}))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	abs, _ := filepath.Abs(path)
	dir := filepath.Dir(abs)
	ny, _ := time.LoadLocation("America/New_York")
	want := &Config{
		Path: abs, Dir: dir,
		TimezoneName: "America/New_York",
		Database:     filepath.Join(dir, "data", "pactwatch.db"),
		Listen:       "127.0.0.1:8080",
		Schedule:     "@every 10m",
		Backfill:     Backfill{Window: 48 * time.Hour},
		Corroborate:  DefaultCorroborate,
		Digest:       &Digest{Schedule: "0 8 * * 1-5"},
		Slack: Slack{
			Token: "xoxb-test", SigningSecret: "shh",
			Channel: "C0POLICY", AdminChannel: "C0ADMIN",
			Admins: []string{"U0ADMIN1", "W0ADMIN2"},
			APIURL: "http://127.0.0.1:9999/api/",
		},
		Feeds: []Feed{
			{ID: "thehill-cyber", URL: "https://thehill.com/policy/cybersecurity/feed", Schedule: "CRON_TZ=Europe/Moscow 0 */2 * * *", Line: 18},
			{ID: "local_file", Name: "Local file", URL: filepath.Join(dir, "feeds", "local.xml"), Schedule: "@every 10m", Line: 21},
		},
		Agreements: []Agreement{{
			ID: "ru-cn-cyber", Name: "Russia–China cyber pact", Kind: "pact",
			Parties: []string{"Russia", "China"},
			Aliases: []string{"Russia-China cyber deal", "Sino-Russian cyber accord", "Russia-China cyber deal"},
			Status:  "rumored",
			Since:   time.Date(2014, 10, 21, 0, 0, 0, 0, ny),
			Match:   "(Russia OR Moscow) AND (China OR Beijing) AND cyber*",
			StatusRules: []StatusRule{
				{Status: "signed", Source: "signed OR inked", Line: 37},
				{Status: "shelved", Source: "shelved", Line: 39},
			},
			Forecasts: []Forecast{{
				What: "final deal", Due: "2015-H1", DueAt: time.Date(2015, 7, 1, 0, 0, 0, 0, ny),
				DoneWhen: []string{"signed", "shelved"}, Source: "Kommersant",
				RemindBefore: 7 * 24 * time.Hour, Line: 42,
			}},
			Channel: "C0CYBER", Corroborate: DefaultCorroborate,
			Feeds:    []string{"thehill-cyber"},
			Mentions: MentionsDigest,
			Line:     25,
		}, {
			ID: "us-cn-wg", Name: "US–China cybersecurity working group", Kind: "working_group",
			Parties: []string{"Russia", "China"},
			Status:  "proposed",
			Match:   `"working group" NEAR/5 cyber*`,
			Forecasts: []Forecast{{
				What: "restart", Due: "2015-06-30", DueAt: time.Date(2015, 7, 1, 0, 0, 0, 0, ny),
				DoneWhen: []string{"active"}, Line: 56,
			}},
			Channel: "C0POLICY", Corroborate: DefaultCorroborate,
			Feeds:    []string{"thehill-cyber", "local_file"},
			Mentions: MentionsOff,
			Line:     50,
		}},
	}
	opts := cmp.Options{
		cmpopts.IgnoreFields(Config{}, "Timezone"),
		cmpopts.IgnoreFields(Agreement{}, "Query"),
		cmpopts.IgnoreFields(StatusRule{}, "Query"),
	}
	if diff := cmp.Diff(want, got, opts); diff != "" {
		t.Errorf("Load mismatch (-want +got):\n%s", diff)
	}
	if got.Timezone.String() != "America/New_York" {
		t.Errorf("Timezone = %v, want America/New_York", got.Timezone)
	}
	for _, a := range got.Agreements {
		if a.Query == nil {
			t.Errorf("agreement %q: Query not compiled", a.ID)
		}
		for _, r := range a.StatusRules {
			if r.Query == nil {
				t.Errorf("agreement %q: rule %q: Query not compiled", a.ID, r.Status)
			}
		}
	}
}
