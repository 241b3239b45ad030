package config

import "go.yaml.in/yaml/v3"

// Digest is the `digest` section: when each channel's gathered mentions
// are posted as one message.
type Digest struct {
	Schedule string // a spec for CronParser, read in Config.Timezone
}

// How an agreement's mentions reach Slack (`mentions`).
const (
	MentionsImmediate = "immediate" // one alert each (the default)
	MentionsDigest    = "digest"    // gathered into the channel's digest
	MentionsOff       = "off"       // recorded, never alerted
)

var (
	digestKeys   = []string{"schedule"}
	digestScope  = scope{name: "digest", where: "in digest", dotted: true}
	mentionModes = []string{MentionsImmediate, MentionsDigest, MentionsOff}
)

// digest decodes the optional `digest` section; absent means no digests.
func (l *loader) digest(n *yaml.Node) *Digest {
	if isNull(n) {
		return nil
	}
	s := digestScope
	m, ok := l.asMapping(n, s)
	if !ok {
		return nil
	}
	l.checkKeys(m, s, digestKeys)
	spec, sn := l.str(m, s, "schedule")
	if spec == "" {
		l.add(orNode(sn, n), "%s: missing (a cron spec such as \"0 8 * * 1-5\")", s.field("schedule"))
		return nil
	}
	return &Digest{Schedule: l.schedule(sn, s.field("schedule"), spec)}
}

// mentions reads an agreement's `mentions`; digest needs a `digest`
// section to be posted by.
func (l *loader) mentions(m *mapping, s scope, c *Config) string {
	mode, n := l.str(m, s, "mentions")
	switch mode {
	case "":
		return MentionsImmediate
	case MentionsImmediate, MentionsOff:
		return mode
	case MentionsDigest:
		if c.Digest == nil {
			l.add(n, "%s: digest needs a top-level digest: section with a schedule", s.field("mentions"))
		}
		return mode
	}
	l.add(n, "%s: unknown mode %q%s", s.field("mentions"), mode, hint(mode, mentionModes))
	return MentionsImmediate
}
