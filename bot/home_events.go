package bot

import (
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/slack-go/slack/slackevents"
)

// serveEvent answers the Events API: the url_verification challenge Slack
// sends when the Request URL is set, and app_home_opened, which publishes
// the Home tab in the background after the 200 Slack waits for.
func (a *App) serveEvent(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "cannot read request", http.StatusBadRequest)
		return
	}
	// The signature, checked already, is what proves the request; the old
	// verification token is not.
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		// An event this version does not know: acknowledged, so that Slack
		// does not send it again and again.
		a.log().Warn("ignored an event", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	if ev.Type == slackevents.URLVerification {
		ch, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok {
			http.Error(w, "bad url_verification", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, ch.Challenge)
		return
	}
	a.Event(r.Context(), ev)
	w.WriteHeader(http.StatusOK)
}

// Event handles an Events API event, from HTTP or Socket Mode. Only
// app_home_opened means anything to pactwatch; the tab is published in
// the background (Wait waits for it).
func (a *App) Event(ctx context.Context, ev slackevents.EventsAPIEvent) {
	if ev.Type != slackevents.CallbackEvent {
		return
	}
	opened, ok := ev.InnerEvent.Data.(*slackevents.AppHomeOpenedEvent)
	if !ok || opened == nil {
		return
	}
	a.track(ctx, func(ctx context.Context) { a.homeOpened(ctx, opened.User, opened.Tab) })
}
