package config

import (
	"net/url"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

var (
	slackKeys   = []string{"token", "signing_secret", "app_token", "channel", "admin_channel", "admins", "api_url"}
	slackScope  = scope{name: "slack", where: "in slack", dotted: true}
	slackUserID = regexp.MustCompile(`^[UW][A-Z0-9]+$`)
)

// slack decodes the `slack` section; a missing section means no Slack:
// alerts go to standard output.
func (l *loader) slack(n *yaml.Node) Slack {
	s := slackScope
	m, ok := l.asMapping(n, s)
	if !ok {
		return Slack{APIURL: DefaultAPIURL}
	}
	l.checkKeys(m, s, slackKeys)
	var out Slack
	// Secrets are never echoed in messages, not even when malformed.
	tok, _ := l.str(m, s, "token")
	sig, _ := l.str(m, s, "signing_secret")
	app, _ := l.str(m, s, "app_token")
	out.Token, out.SigningSecret, out.AppToken = Secret(tok), Secret(sig), Secret(app)
	out.Channel, _ = l.str(m, s, "channel")
	out.AdminChannel, _ = l.str(m, s, "admin_channel")
	if out.AdminChannel == "" {
		out.AdminChannel = out.Channel
	}
	admins, nodes, _ := l.strs(m, s, "admins")
	for i, id := range admins {
		if !slackUserID.MatchString(id) {
			l.add(nodes[i], "%s: %q is not a Slack user ID (like U012AB3CD)", s.field("admins"), id)
		}
	}
	out.Admins = admins
	out.APIURL = l.apiURL(m, s)
	return out
}

// apiURL reads `api_url`, else SLACK_API_URL, else the default, and makes it
// end in "/" as slack-go needs.
func (l *loader) apiURL(m *mapping, s scope) string {
	raw, n := l.str(m, s, "api_url")
	what := s.field("api_url")
	if raw == "" {
		raw, _ = l.lookup(l.env, "SLACK_API_URL")
		n, what = m.node, "SLACK_API_URL"
	}
	if raw == "" {
		return DefaultAPIURL
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		l.add(n, "%s: %q is not an absolute http(s) URL", what, raw)
		return raw
	}
	if !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	return raw
}
