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
	// slackChannelID is a public (C), private (G) or direct (D) channel's ID.
	slackChannelID = regexp.MustCompile(`^[CGD][A-Z0-9]+$`)
)

// checkTransport reports what `pactwatch run` would refuse: `listen` with a
// bot token but neither a signing secret nor an app token (it would serve
// /pact unverified), and an app token without a bot token.
func (l *loader) checkTransport(m *mapping, c *Config) {
	tok, sig, app := c.Slack.Token != "", c.Slack.SigningSecret != "", c.Slack.AppToken != ""
	if c.Listen != "" && tok && !sig && !app {
		l.add(m.get("listen"), "listen: set with a bot token but neither slack.signing_secret nor slack.app_token: "+
			"pactwatch would not serve /pact without checking Slack's signatures (set SLACK_SIGNING_SECRET, "+
			"or use Socket Mode with slack.app_token, or remove listen)")
	}
	if app && !tok {
		s, _ := l.asMapping(m.get("slack"), slackScope)
		l.add(s.get("app_token"), "slack.app_token: Socket Mode needs the bot token too (slack.token, SLACK_BOT_TOKEN)")
	}
}

// checkChannel reports a channel given by its name (#climate) or anything
// else that is not a channel ID: Slack posts to a name, but its history,
// which pactwatch reads to never post an alert twice, takes only IDs.
func (l *loader) checkChannel(n *yaml.Node, field, ch string) {
	if ch == "" || slackChannelID.MatchString(ch) {
		return
	}
	l.add(n, "%s: %q is not a channel ID (like C012AB3CD): open the channel's details in Slack, the ID is at the bottom", field, ch)
}

// checkSecrets reports Slack credentials put under the wrong key, told
// apart by the prefixes Slack gives them: bot tokens start xoxb- (xox…
// for other tokens), app-level tokens xapp-; a signing secret has neither.
// No message shows any part of a value beyond its prefix.
func (l *loader) checkSecrets(s scope, tok, sig, app string, tokNode, sigNode, appNode *yaml.Node) {
	isToken := func(v string) bool { return strings.HasPrefix(v, "xox") }
	isAppToken := func(v string) bool { return strings.HasPrefix(v, "xapp-") }
	switch {
	case tok == "":
	case isAppToken(tok):
		l.add(tokNode, "%s: this is an app-level token (xapp-…), which goes in %s; %s takes the bot token (xoxb-…)",
			s.field("token"), s.field("app_token"), s.field("token"))
	case !isToken(tok):
		l.add(tokNode, "%s: this is not a Slack token (a bot token starts with xoxb-); is it the signing secret?", s.field("token"))
	}
	if isToken(sig) || isAppToken(sig) {
		l.add(sigNode, "%s: this is a Slack token, not the app's Signing Secret (Basic Information in the app's settings)", s.field("signing_secret"))
	}
	switch {
	case app == "":
	case isToken(app):
		l.add(appNode, "%s: this is a bot or user token (xox…), which goes in %s; %s takes the app-level token (xapp-…)",
			s.field("token"), s.field("token"), s.field("app_token"))
	case !isAppToken(app):
		l.add(appNode, "%s: this is not an app-level token (they start with xapp-)", s.field("app_token"))
	}
}

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
	tok, tokNode := l.str(m, s, "token")
	sig, sigNode := l.str(m, s, "signing_secret")
	app, appNode := l.str(m, s, "app_token")
	l.checkSecrets(s, tok, sig, app, tokNode, sigNode, appNode)
	out.Token, out.SigningSecret, out.AppToken = Secret(tok), Secret(sig), Secret(app)
	var chNode, adminNode *yaml.Node
	out.Channel, chNode = l.str(m, s, "channel")
	l.checkChannel(chNode, s.field("channel"), out.Channel)
	out.AdminChannel, adminNode = l.str(m, s, "admin_channel")
	l.checkChannel(adminNode, s.field("admin_channel"), out.AdminChannel)
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
		raw, _ = l.lookupURL(l.env, "SLACK_API_URL")
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
