package config

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/watchers/query"
	"go.yaml.in/yaml/v3"
)

// Agreement is one entry of `agreements`: something the team tracks.
type Agreement struct {
	ID, Name    string
	Kind        string // one of Kinds()
	Parties     []string
	Aliases     []string
	Status      string       // the starting status; defaults to the first of its lifecycle
	Since       time.Time    // `since`: when it had that status, midnight in the timezone; zero when not known
	Match       string       // the `match` query as written
	Query       *query.Query // Match, compiled
	StatusRules []StatusRule
	Forecasts   []Forecast
	Channel     string // defaults to Slack.Channel
	Corroborate int    // `corroborate`: defaults to Config.Corroborate
	// Feeds are the ids of the feeds it reads; without `feeds` in the file,
	// every feed's, in the config's order. Agreements that name no feeds
	// share one such list (10,000 agreements × 1,000 feeds would otherwise
	// be ten million copies): never modify it in place.
	Feeds []string
	// Mentions is how its mentions reach Slack: MentionsImmediate (the
	// default), MentionsDigest or MentionsOff.
	Mentions string
	Line     int
}

var agreementKeys = []string{"id", "name", "kind", "parties", "aliases", "status", "since", "match", "status_rules", "forecasts", "channel", "feeds", "mentions", "corroborate"}

// agreements decodes `agreements`: at least one, each id unique. They are
// decoded on every CPU: a file may hold thousands, and compiling their
// queries is most of loading it.
func (l *loader) agreements(m *mapping, c *Config) []Agreement {
	l.allFeeds(c) // made once, before the decoders share it
	return uniqueList(l, m, "agreements", "agreement", "no agreements to watch", true,
		func(l *loader, n *yaml.Node, i int) (Agreement, bool) { return l.agreement(n, i, c) },
		func(a Agreement) (string, int) { return a.ID, a.Line })
}

// agreement decodes one entry of `agreements`.
func (l *loader) agreement(n *yaml.Node, i int, c *Config) (Agreement, bool) {
	m, s, ok := l.entry(n, i, "agreement", "id", nil, agreementKeys)
	if !ok {
		return Agreement{}, false
	}
	a := Agreement{Line: n.Line, Channel: c.Slack.Channel}
	var idNode, kindNode, matchNode *yaml.Node
	a.ID, idNode = l.required(m, s, "id")
	if a.ID != "" && !slug.MatchString(a.ID) {
		l.add(idNode, "%s: %q is not a slug (%s)", s.field("id"), a.ID, slugRule)
	}
	a.Name, _ = l.required(m, s, "name")
	a.Kind, kindNode = l.required(m, s, "kind")
	if a.Kind != "" && lifecycle(a.Kind) == nil {
		l.add(kindNode, "%s: unknown kind %q%s", s.field("kind"), a.Kind, hint(a.Kind, Kinds()))
	}
	a.Parties, _, _ = l.strs(m, s, "parties")
	a.Aliases, _, _ = l.strs(m, s, "aliases")
	a.Match, matchNode = l.required(m, s, "match")
	if a.Match != "" {
		a.Query = l.query(matchNode, s.field("match"), a.Match)
	}
	a.StatusRules = l.statusRules(m, s, a.Kind)
	statuses := a.Statuses()
	status, statusNode := l.str(m, s, "status")
	switch {
	case status != "":
		a.Status = status
		l.checkStatus(statusNode, s.field("status"), status, a.Kind, statuses)
	case lifecycle(a.Kind) != nil:
		a.Status = lifecycle(a.Kind)[0]
	}
	if since, sinceNode := l.str(m, s, "since"); since != "" {
		a.Since = l.since(sinceNode, s.field("since"), since, c.Timezone)
	}
	a.Forecasts = l.forecasts(m, s, &a, c)
	if ch, chNode := l.str(m, s, "channel"); ch != "" {
		l.checkChannel(chNode, s.field("channel"), ch)
		a.Channel = ch
	}
	a.Feeds = l.agreementFeeds(m, s, c)
	a.Corroborate = l.corroborate(m, s, c.Corroborate)
	a.Mentions = l.mentions(m, s, c)
	return a, true
}

// agreementFeeds reads `feeds`, each an id of a feed; absent means all, as
// the shared list l.feedIDs.
func (l *loader) agreementFeeds(m *mapping, s scope, c *Config) []string {
	ids, nodes, ln := l.strs(m, s, "feeds")
	known := l.allFeeds(c)
	if ln == nil || isNull(ln) {
		return known
	}
	if len(ids) == 0 && ln.Kind == yaml.SequenceNode && len(ln.Content) == 0 {
		l.add(ln, "%s: empty list (leave the key out to read every feed)", s.field("feeds"))
	}
	var out []string
	for i, id := range ids {
		if !slices.Contains(known, id) {
			l.add(nodes[i], "%s: unknown feed %q%s", s.field("feeds"), id, didYouMean(id, known))
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// allFeeds returns the id of every feed of c, in order: one list, made
// the first time it is asked for (after the feeds are decoded), and shared
// by every agreement that names no feeds. Its capacity is its length, so
// that an append to it copies rather than writes into it.
func (l *loader) allFeeds(c *Config) []string {
	if l.feedIDs == nil {
		ids := make([]string, len(c.Feeds))
		for i, f := range c.Feeds {
			ids[i] = f.ID
		}
		l.feedIDs = ids
	}
	return l.feedIDs
}

// checkStatus reports a status that is not in the agreement's vocabulary.
// With an unknown kind the vocabulary is unknown too, so it says nothing.
func (l *loader) checkStatus(n *yaml.Node, field, status, kind string, statuses []string) {
	if lifecycle(kind) == nil || slices.Contains(statuses, status) {
		return
	}
	h := didYouMean(status, statuses)
	if h == "" {
		h = fmt.Sprintf(" (a %s's statuses are %s; status_rules may add more)", kind, strings.Join(statuses, ", "))
	}
	l.add(n, "%s: unknown status %q%s", field, status, h)
}

// since reads `since`, a day (YYYY-MM-DD), as its first instant in loc.
func (l *loader) since(n *yaml.Node, field, s string, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	at, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		l.add(n, "%s: bad date %q: want YYYY-MM-DD", field, s)
		return time.Time{}
	}
	return at
}
