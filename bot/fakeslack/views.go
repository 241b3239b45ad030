package fakeslack

import (
	"encoding/json"
	"fmt"
	"net/url"
)

// View is a view published with views.publish (the App Home).
type View struct {
	UserID string
	View   json.RawMessage
	Hash   string
}

// Views returns every view published, in order.
func (s *Server) Views() []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]View(nil), s.views...)
}

// ViewOf returns the view last published for a user.
func (s *Server) ViewOf(userID string) (View, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.views) - 1; i >= 0; i-- {
		if s.views[i].UserID == userID {
			return s.views[i], true
		}
	}
	return View{}, false
}

func (s *Server) publishView(p url.Values) any {
	if p.Get("user_id") == "" {
		return slackError("invalid_arguments")
	}
	var view map[string]any
	if json.Unmarshal([]byte(p.Get("view")), &view) != nil || view == nil {
		return slackError("invalid_arguments")
	}
	s.views = append(s.views, View{UserID: p.Get("user_id"), View: json.RawMessage(p.Get("view")), Hash: p.Get("hash")})
	view["id"] = fmt.Sprintf("V%07d", len(s.views))
	view["team_id"] = TeamID
	view["hash"] = fmt.Sprintf("hash-%d", len(s.views))
	return map[string]any{"ok": true, "view": view}
}

func (s *Server) authTest(url.Values) any {
	return map[string]any{"ok": true, "url": "https://fake.slack.com/", "team": "Fake Workspace",
		"user": "pactwatch", "team_id": TeamID, "user_id": BotUserID, "bot_id": BotID}
}
