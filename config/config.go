// Package config reads what admins write: the one YAML file that says which
// feeds to poll, which agreements to watch in them, and where to tell Slack.
//
// Load decodes it strictly through yaml.Node, so every problem (unknown key,
// wrong type, bad cron spec, bad query, bad date, dangling reference) is
// reported as FILE:LINE: message, all of them at once.
package config

import (
	"slices"
	"time"
)

// Config is a loaded, fully validated config file.
type Config struct {
	Path, Dir    string         // absolute path of the file and its folder
	Timezone     *time.Location // `timezone`: cron schedules and due dates are read in it
	TimezoneName string         // its name as written; "UTC" by default
	Database     string         // `database`: absolute path of the SQLite file
	Listen       string         // `listen`: host:port of the HTTP endpoints; "" serves none
	Schedule     string         // `schedule`: the default feed schedule
	Backfill     Backfill       // `backfill`: what a feed's first poll alerts on
	Corroborate  int            // `corroborate`: independent sources a detected status change needs
	Digest       *Digest        // `digest`: nil when mentions are never gathered
	Slack        Slack
	Feeds        []Feed
	Agreements   []Agreement
}

// Defaults for keys an admin leaves out.
const (
	DefaultDatabase = "pactwatch.db"
	DefaultSchedule = "*/15 * * * *"
	DefaultBackfill = 7 * 24 * time.Hour
	// DefaultCorroborate is how many independent sources move a status
	// by default: see README ("Corroboration") for the measurement.
	DefaultCorroborate = 2
	DefaultAPIURL      = "https://slack.com/api/"
)

// Backfill says which items of a feed's first poll are alerted: all of them,
// or those published within Window before the poll. Older items are
// remembered without an alert.
type Backfill struct {
	All    bool
	Window time.Duration
}

// Slack is the `slack` section.
type Slack struct {
	Token         Secret // `token`: bot token; empty means alerts go to standard output
	SigningSecret Secret // `signing_secret`: verifies the HTTP endpoints
	AppToken      Secret // `app_token`: Socket Mode instead of the HTTP endpoints
	Channel       string // `channel`: default channel for alerts
	AdminChannel  string // `admin_channel`: feed_broken alerts; defaults to Channel
	Admins        []string
	// APIURL is the Slack Web API base, ending in "/": `api_url`, else the
	// SLACK_API_URL environment variable, else DefaultAPIURL.
	APIURL string
}

// Feed is one entry of `feeds`.
type Feed struct {
	ID string
	// Name is the publication's name as Slack shows it (`name`); "" means
	// the feed's own title, as last fetched.
	Name string
	// URL is an http(s) URL, or an absolute file path (a relative path in the
	// file is resolved against Config.Dir).
	URL      string
	Schedule string // a spec for CronParser; defaults to Config.Schedule
	Line     int
}

// Agreement returns the agreement with the given id.
func (c *Config) Agreement(id string) (*Agreement, bool) {
	for i := range c.Agreements {
		if c.Agreements[i].ID == id {
			return &c.Agreements[i], true
		}
	}
	return nil, false
}

// Feed returns the feed with the given id.
func (c *Config) Feed(id string) (*Feed, bool) {
	for i := range c.Feeds {
		if c.Feeds[i].ID == id {
			return &c.Feeds[i], true
		}
	}
	return nil, false
}

// FeedsFor returns the feeds an agreement reads: those it lists, or every
// feed when it lists none.
func (c *Config) FeedsFor(a *Agreement) []*Feed {
	var out []*Feed
	for i := range c.Feeds {
		if len(a.Feeds) == 0 || slices.Contains(a.Feeds, c.Feeds[i].ID) {
			out = append(out, &c.Feeds[i])
		}
	}
	return out
}

// AgreementsFor returns the agreements that read the feed with the given id.
func (c *Config) AgreementsFor(feedID string) []*Agreement {
	var out []*Agreement
	for i := range c.Agreements {
		a := &c.Agreements[i]
		if len(a.Feeds) == 0 || slices.Contains(a.Feeds, feedID) {
			out = append(out, a)
		}
	}
	return out
}
