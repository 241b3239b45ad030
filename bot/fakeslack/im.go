package fakeslack

import (
	"net/url"
	"strings"
)

// openConversation answers conversations.open for one user with a direct
// message channel named after them (U123 → D123), as Slack gives the same
// one on every call.
func (s *Server) openConversation(p url.Values) any {
	users := p.Get("users")
	if users == "" || strings.Contains(users, ",") {
		return slackError("not_implemented")
	}
	id := "D" + strings.TrimLeft(users, "UW")
	return map[string]any{"ok": true, "channel": map[string]any{"id": id, "is_im": true, "user": users}}
}
