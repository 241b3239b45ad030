package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// NewSocketClient returns a Socket Mode client: it opens its connection
// with the app-level token (xapp-…) and calls the Web API with the bot
// token, both at apiURL (DefaultAPIURL when empty).
func NewSocketClient(botToken, appToken, apiURL string, log *slog.Logger) *socketmode.Client {
	if apiURL == "" {
		apiURL = DefaultAPIURL
	}
	if !strings.HasSuffix(apiURL, "/") {
		apiURL += "/"
	}
	api := slack.New(botToken, slack.OptionAPIURL(apiURL), slack.OptionAppLevelToken(appToken),
		slack.OptionHTTPClient(&http.Client{Timeout: 15 * time.Second}))
	var opts []socketmode.Option
	if log != nil {
		opts = append(opts, socketmode.OptionLog(slog.NewLogLogger(log.Handler(), slog.LevelDebug)))
	}
	return socketmode.New(api, opts...)
}

// RunSocketMode receives commands, clicks and events over Socket Mode until
// ctx is done, then returns nil. It returns an error when the connection
// cannot be opened for good (the app-level token is refused). Each request
// is acknowledged as Slack asks: a command with its answer when that is
// ready in time, everything else at once.
func (a *App) RunSocketMode(ctx context.Context, sm *socketmode.Client) error {
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- sm.RunContext(runCtx) }()
	for {
		select {
		case <-ctx.Done():
			cancel()
			<-errc
			return nil
		case err := <-errc:
			if errors.Is(err, context.Canceled) && ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("socket mode: %w", err)
		case evt := <-sm.Events:
			a.socketEvent(ctx, sm, evt)
		}
	}
}

// socketEvent handles one event from the Socket Mode client without
// blocking the loop that reads them.
func (a *App) socketEvent(ctx context.Context, sm *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnected:
		a.log().Info("socket mode connected")
	case socketmode.EventTypeConnectionError:
		a.log().Warn("socket mode connection failed; retrying", "err", evt.Data)
	case socketmode.EventTypeInvalidAuth:
		a.log().Error("socket mode: Slack refused the app-level token")
	case socketmode.EventTypeSlashCommand:
		sc, ok := evt.Data.(slack.SlashCommand)
		if !ok || evt.Request == nil {
			return
		}
		req := *evt.Request
		a.track(ctx, func(ctx context.Context) { a.socketCommand(ctx, sm, req, sc) })
	case socketmode.EventTypeInteractive:
		ic, ok := evt.Data.(slack.InteractionCallback)
		if !ok || evt.Request == nil {
			return
		}
		a.ack(sm, *evt.Request, nil)
		a.Interaction(ctx, ic)
	case socketmode.EventTypeEventsAPI:
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok || evt.Request == nil {
			return
		}
		a.ack(sm, *evt.Request, nil)
		a.Event(ctx, ev)
	}
}

// socketCommand acknowledges a slash command with its answer when it is
// ready in time and fits in Socket Mode's 20 KB; otherwise the answer goes
// to response_url.
func (a *App) socketCommand(ctx context.Context, sm *socketmode.Client, req socketmode.Request, sc slack.SlashCommand) {
	ans, ready := a.slashCommand(ctx, sc)
	if !ready {
		var p any
		if ack := ans.ackPayload(); ack != nil {
			p = ack
		}
		a.ack(sm, req, p)
		return
	}
	if err := sm.Ack(req, ans.payload()); err == nil {
		return
	}
	a.ack(sm, req, nil)
	if err := a.postResponse(ctx, sc.ResponseURL, ans.payload()); err != nil {
		a.log().Error("answer lost", "err", err)
	}
}

func (a *App) ack(sm *socketmode.Client, req socketmode.Request, payload any) {
	var err error
	if payload == nil {
		err = sm.Ack(req)
	} else {
		err = sm.Ack(req, payload)
	}
	if err != nil {
		a.log().Warn("socket mode acknowledgement", "envelope", req.EnvelopeID, "err", err)
	}
}
