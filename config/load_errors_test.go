package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fixtureErrors maps each fixture in testdata/ to the exact problems Load
// reports for it, as BASENAME:LINE: message.
var fixtureErrors = map[string][]string{
	// A typo gets a suggestion; a key with nothing close lists the allowed ones.
	"unknown_key.yaml": {
		`unknown_key.yaml:3: unknown key "chanel" in slack (did you mean "channel"?)`,
		`unknown_key.yaml:4: unknown key "colour" at the top level (allowed: timezone, database, listen, schedule, backfill, corroborate, digest, slack, feeds, agreements)`,
		`unknown_key.yaml:8: unknown key "schedul" in feed "wire" (did you mean "schedule"?)`,
		`unknown_key.yaml:14: unknown key "stauts" in agreement "pact" (did you mean "status"?)`,
		`unknown_key.yaml:19: unknown key "remind" in forecast "final deal" of agreement "pact" (allowed: what, due, done_when, source, remind_before)`,
	},
	// A digest section needs its schedule; a mode of mentions is one of three
	// (unquoted off is the word, not YAML 1.1's false).
	"bad_digest.yaml": {
		`bad_digest.yaml:2: unknown key "schedul" in digest (did you mean "schedule"?)`,
		`bad_digest.yaml:2: digest.schedule: missing (a cron spec such as "0 8 * * 1-5")`,
		`bad_digest.yaml:11: agreement "pact": mentions: unknown mode "digets" (did you mean "digest"?)`,
	},
	// mentions: digest with no digest section would never be posted.
	"digest_without_schedule.yaml": {
		`digest_without_schedule.yaml:9: agreement "pact": mentions: digest needs a top-level digest: section with a schedule`,
	},
	// A key given twice in one mapping names the first.
	"duplicate_key.yaml": {
		`duplicate_key.yaml:9: duplicate key "name" in agreement "pact" (first on line 6)`,
	},
	// Feed and agreement ids are unique; the message names the first.
	"duplicate_id.yaml": {
		`duplicate_id.yaml:4: duplicate feed id "wire" (first on line 2)`,
		`duplicate_id.yaml:11: duplicate agreement id "pact" (first on line 7)`,
	},
	// Ids are slugs.
	"bad_slug.yaml": {
		`bad_slug.yaml:2: feed "The Wire": id: "The Wire" is not a slug (use lower-case letters, digits, - and _, starting with a letter or digit)`,
		`bad_slug.yaml:5: agreement "-pact": id: "-pact" is not a slug (use lower-case letters, digits, - and _, starting with a letter or digit)`,
	},
	// A string where a mapping or list belongs, and the reverse.
	"wrong_type.yaml": {
		`wrong_type.yaml:1: slack: expected a mapping, got a string`,
		`wrong_type.yaml:3: feed #1: expected a mapping, got a string`,
		`wrong_type.yaml:5: feed "wire": url: expected a string, got a list`,
		`wrong_type.yaml:11: agreement "pact": parties: expected a list, got a string`,
		`wrong_type.yaml:12: agreement "pact": aliases: entry 2: expected a string, got a mapping`,
		`wrong_type.yaml:13: agreement "pact": status_rules: expected a list, got a string`,
	},
	// Required keys, absent or empty, at every level.
	"missing_field.yaml": {
		`missing_field.yaml:2: feed "wire": missing required key "url"`,
		`missing_field.yaml:3: feed #2: missing required key "id"`,
		`missing_field.yaml:5: agreement "pact": missing required key "match"`,
		`missing_field.yaml:6: agreement "pact": name: must not be empty`,
		`missing_field.yaml:9: agreement "pact": status rule "signed": missing required key "query"`,
		`missing_field.yaml:11: agreement "pact": forecast "final deal": missing required key "done_when"`,
		`missing_field.yaml:13: agreement "pact": forecast #2: missing required key "what"`,
		`missing_field.yaml:14: agreement "pact": forecast #2: done_when: must list at least one status`,
	},
	// Cron specs: wrong field count, @every with days, out of range, negative @every.
	"bad_cron.yaml": {
		`bad_cron.yaml:1: schedule: bad cron spec "*/15 * * *": expected exactly 5 fields, found 4: [*/15 * * *]`,
		`bad_cron.yaml:5: feed "wire": schedule: bad cron spec "@every 1d": failed to parse duration @every 1d: time: unknown unit "d" in duration "1d" (@every has no d unit: use h)`,
		`bad_cron.yaml:8: feed "tass": schedule: bad cron spec "61 * * * *": end of range (61) above maximum (59): 61`,
		`bad_cron.yaml:11: feed "xinhua": schedule: bad cron spec "@every -5m": @every needs a positive duration`,
	},
	// "CRON_TZ=UTC" alone panics inside cron's parser; an unknown CRON_TZ zone is an error.
	"bad_cron_tz_only.yaml": {
		`bad_cron_tz_only.yaml:1: schedule: bad cron spec "CRON_TZ=UTC": no schedule after the time zone`,
		`bad_cron_tz_only.yaml:5: feed "wire": schedule: bad cron spec "CRON_TZ=Mars/Olympus 0 * * * *": provided bad location Mars/Olympus: unknown time zone Mars/Olympus`,
	},
	// February 30th parses but never comes; February 29th does.
	"never_fires.yaml": {
		`never_fires.yaml:4: feed "wire": schedule: cron spec "0 0 30 2 *" never fires`,
	},
	// Query syntax errors give the column; in a block scalar, the line inside it.
	"bad_query.yaml": {
		`bad_query.yaml:8: agreement "pact": match: column 1: unbalanced parenthesis: ( is never closed`,
		`bad_query.yaml:11: agreement "pact": status rule "signed": query: column 8: OR needs a term after it`,
		`bad_query.yaml:13: agreement "pact": status rule "stalled": query: column 1: only negated terms here, so the query would match almost every item`,
		`bad_query.yaml:19: agreement "long": match: column 24: unbalanced parenthesis: ( is never closed`,
	},
	// Each due form has its own range check.
	"bad_due.yaml": {
		`bad_due.yaml:11: agreement "pact": forecast "a": due: bad due date "2015-H3": halves are H1 and H2`,
		`bad_due.yaml:14: agreement "pact": forecast "b": due: bad due date "2015-Q0": quarters are Q1 to Q4`,
		`bad_due.yaml:17: agreement "pact": forecast "c": due: bad due date "2015-02-29": no such day`,
		`bad_due.yaml:20: agreement "pact": forecast "d": due: bad due date "2015-13": months are 01 to 12`,
		`bad_due.yaml:23: agreement "pact": forecast "e": due: bad due date "next spring": want YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY`,
	},
	// since is a day, nothing vaguer or in another form.
	"bad_since.yaml": {
		`bad_since.yaml:8: agreement "pact": since: bad date "2014-10": want YYYY-MM-DD`,
		`bad_since.yaml:13: agreement "other": since: bad date "21 October 2014": want YYYY-MM-DD`,
	},
	// backfill and remind_before take our durations, not negative.
	"bad_duration.yaml": {
		`bad_duration.yaml:1: backfill: "7days" is neither a duration (like 7d or 48h) nor "all"`,
		`bad_duration.yaml:14: agreement "pact": forecast "final deal": remind_before: invalid duration "a week" (like 90m, 36h, 7d or 1w2d)`,
		`bad_duration.yaml:18: agreement "pact": forecast "ratification": remind_before: must not be negative`,
	},
	// An unknown zone name.
	"bad_timezone.yaml": {
		`bad_timezone.yaml:1: timezone: unknown time zone "Europe/Atlantis"`,
	},
	// An unknown kind; its statuses are then not checked, to avoid a cascade.
	"bad_kind.yaml": {
		`bad_kind.yaml:7: agreement "pact": kind: unknown kind "pakt" (did you mean "pact"?)`,
		`bad_kind.yaml:12: agreement "forum": kind: unknown kind "forum" (allowed: pact, treaty, deal, working_group)`,
	},
	// Statuses come from the kind's lifecycle plus the agreement's own rules.
	"bad_status.yaml": {
		`bad_status.yaml:8: agreement "pact": status: unknown status "sigend" (did you mean "signed"?)`,
		`bad_status.yaml:11: agreement "pact": status rule "Signed Off": status: "Signed Off" is not a lower-case snake_case word (like in_force)`,
		`bad_status.yaml:18: agreement "pact": forecast "final deal": done_when: unknown status "active" (a pact's statuses are rumored, negotiating, announced, signed, ratified, in_force, stalled, collapsed, withdrawn, shelved; status_rules may add more)`,
		`bad_status.yaml:22: agreement "wg": status: unknown status "in_force" (a working_group's statuses are proposed, active, stalled, suspended, dissolved; status_rules may add more)`,
	},
	// An agreement's feeds must exist; an explicit empty list reads nothing.
	"missing_feed_ref.yaml": {
		`missing_feed_ref.yaml:9: agreement "pact": feeds: unknown feed "thehil" (did you mean "thehill"?)`,
		`missing_feed_ref.yaml:9: agreement "pact": feeds: unknown feed "tass"`,
		`missing_feed_ref.yaml:14: agreement "deal": feeds: empty list (leave the key out to read every feed)`,
	},
	// A feed is an http(s) URL with a host, or a path.
	"bad_feed_url.yaml": {
		`bad_feed_url.yaml:3: feed "ftp": url: "ftp://example.com/feed.xml" is neither an http(s) URL nor a file path`,
		`bad_feed_url.yaml:5: feed "nohost": url: "https:///feed.xml" is neither an http(s) URL nor a file path`,
		`bad_feed_url.yaml:7: feed "mail": url: "mailto:news@example.com" is neither an http(s) URL nor a file path`,
		`bad_feed_url.yaml:11: feed "creds": url: "ftp://xxxxx@example.com/feed" is neither an http(s) URL nor a file path`,
	},
	// listen is host:port.
	"bad_listen.yaml": {
		`bad_listen.yaml:1: listen: "localhost" is not host:port (like 127.0.0.1:8080 or :8080)`,
	},
	// Admins are Slack user IDs; api_url is an absolute http(s) URL.
	"bad_slack.yaml": {
		`bad_slack.yaml:4: slack.admins: "alice" is not a Slack user ID (like U012AB3CD)`,
		`bad_slack.yaml:5: slack.api_url: "slack.example.com/api" is not an absolute http(s) URL`,
	},
	// An empty file watches nothing.
	"empty.yaml": {
		`empty.yaml:1: no feeds to poll`,
		`empty.yaml:1: no agreements to watch`,
	},
	// An empty agreements list.
	"no_agreements.yaml": {
		`no_agreements.yaml:4: no agreements to watch`,
	},
	// No feeds key at all.
	"no_feeds.yaml": {
		`no_feeds.yaml:2: no feeds to poll`,
	},
	// A YAML syntax error keeps its line.
	"syntax_error.yaml": {
		`syntax_error.yaml:6: found unexpected end of stream`,
	},
	// A dangling alias, which yaml reports without a line.
	"bad_anchor.yaml": {
		`bad_anchor.yaml:8: unknown anchor "parties" referenced`,
	},
	// The file is a mapping.
	"not_mapping.yaml": {
		`not_mapping.yaml:1: expected a mapping of keys (timezone, database, listen, schedule, backfill, corroborate, digest, slack, feeds, agreements), got a list`,
	},
	// Malformed ${...} references are errors, not literal text; the rest is still checked.
	"bad_env.yaml": {
		`bad_env.yaml:2: unterminated ${ in a value (write ${NAME})`,
		`bad_env.yaml:3: bad variable reference ${1CHANNEL} (a NAME is letters, digits and _; ${NAME:-default} gives a default)`,
		`bad_env.yaml:12: listen: "localhost" is not host:port (like 127.0.0.1:8080 or :8080)`,
	},
	// A second document would be silently ignored otherwise.
	"two_documents.yaml": {
		`two_documents.yaml:9: only one YAML document is allowed (remove ---)`,
	},
	// Merge keys are refused rather than half-supported.
	"merge_key.yaml": {
		`merge_key.yaml:5: merge keys (<<) are not supported in feed "wire2": repeat the keys instead`,
		`merge_key.yaml:5: feed "wire2": missing required key "url"`,
	},
	// Two forecasts with the same Key would share alerts.
	"duplicate_forecast.yaml": {
		`duplicate_forecast.yaml:13: agreement "pact": duplicate forecast "final deal@2015-H1" (first on line 10)`,
	},
	// Problems of every kind come back together, in line order.
	"several_errors.yaml": {
		`several_errors.yaml:1: timezone: unknown time zone "Mars/Olympus"`,
		`several_errors.yaml:2: schedule: cron spec "0 0 30 2 *" never fires`,
		`several_errors.yaml:4: unknown key "chanel" in slack (did you mean "channel"?)`,
		`several_errors.yaml:8: duplicate feed id "wire" (first on line 6)`,
		`several_errors.yaml:14: agreement "ru-cn-cyber": status: unknown status "rumoured" (did you mean "rumored"?)`,
		`several_errors.yaml:15: agreement "ru-cn-cyber": match: column 12: unbalanced parenthesis: ( is never closed`,
		`several_errors.yaml:18: agreement "ru-cn-cyber": forecast "final deal": due: bad due date "2015-H7": halves are H1 and H2`,
		`several_errors.yaml:20: agreement "ru-cn-cyber": feeds: unknown feed "tass"`,
	},
}

func TestLoadErrors(t *testing.T) {
	for name, want := range fixtureErrors {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name)
			c, err := Load(path, fakeEnv(map[string]string{"SLACK_BOT_TOKEN": "xoxb-test"}))
			if c != nil {
				t.Errorf("Load returned a Config along with errors")
			}
			var got []string
			for _, e := range Errors(err) {
				if e.File != path {
					t.Errorf("File = %q, want %q", e.File, path)
				}
				got = append(got, fmt.Sprintf("%s:%d: %s", filepath.Base(e.File), e.Line, e.Msg))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
			// The joined error prints one FILE:LINE: message per line.
			if err != nil && !strings.HasPrefix(err.Error(), path+":") {
				t.Errorf("Error() = %q, want it to start with %q", err.Error(), path+":")
			}
		})
	}
}

// Every fixture is either valid (valid_*.yaml) or in the table above, so a
// new fixture cannot be forgotten.
func TestEveryFixtureIsChecked(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		base := filepath.Base(f)
		if _, ok := fixtureErrors[base]; !ok && !strings.HasPrefix(base, "valid_") {
			t.Errorf("fixture %s has no entry in fixtureErrors", base)
		}
	}
}

// A file that cannot be read is a plain error that keeps its cause.
func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"), nil)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want a not-exist error", err)
	}
}
