package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"

	"github.com/slack-go/slack/socketmode"

	"github.com/pactwatch/pactwatch/bot"
	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// errUnverifiedListen is why the daemon will not start with a bot token,
// `listen`, and neither a signing secret nor Socket Mode.
var errUnverifiedListen = errors.New("`listen` is set but slack.signing_secret is empty: pactwatch will not serve /pact " +
	"without checking Slack's signatures. Set SLACK_SIGNING_SECRET to the app's Signing Secret " +
	"(Basic Information in the app's settings), or use Socket Mode with slack.app_token, or remove `listen`")

// slackApp is the Slack side people talk to: /pact, the buttons on alerts
// and the Home tab. It is served over HTTP when there is a signing
// secret, and over Socket Mode when there is an app-level token.
type slackApp struct {
	app    *bot.App
	secret string
	socket *socketmode.Client
	log    *slog.Logger
}

// newSlackApp wires the Slack app. current returns the config in force
// (it changes on reload); wake tells delivery an alert was enqueued.
func newSlackApp(cfg *config.Config, store *storage.Store, e *env, log *slog.Logger, wake chan<- struct{}, current func() *config.Config) (*slackApp, error) {
	token, secret, appToken := cfg.Slack.Token.Value(), cfg.Slack.SigningSecret.Value(), cfg.Slack.AppToken.Value()
	if cfg.Listen != "" && secret == "" && appToken == "" {
		if token != "" {
			return nil, errUnverifiedListen
		}
		// No Slack at all (alerts on standard output): there is no /pact to
		// protect, so serve /healthz and /metrics and say so.
		log.Info("no Slack token: /pact is not served, alerts are printed on standard output")
	}
	if appToken != "" && token == "" {
		return nil, errors.New("slack.app_token is set but slack.token is empty: Socket Mode needs the bot token (SLACK_BOT_TOKEN) as well")
	}
	s := &slackApp{log: log}
	s.app = &bot.App{Config: current, Store: store, Now: e.now, Log: log, Wake: func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}}
	if token != "" {
		s.app.Slack = bot.NewSlackClient(token, cfg.Slack.APIURL)
	}
	if cfg.Listen != "" {
		s.secret = secret
	}
	if appToken != "" {
		s.socket = bot.NewSocketClient(token, appToken, cfg.Slack.APIURL, log)
	}
	return s, nil
}

// mount adds the signed Slack endpoints to mux, when there is a signing
// secret to check them with.
func (s *slackApp) mount(mux *http.ServeMux) {
	if s.secret != "" {
		mux.Handle("/slack/", s.app.Handler(s.secret))
	}
}

// Run keeps Socket Mode connected (when configured) and the Home tab
// fresh until ctx is done, then waits for answers still under way. The
// daemon cancels ctx only after the HTTP server has stopped, so no new
// request starts while it waits.
func (s *slackApp) Run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() { s.app.RunHome(ctx, 0) })
	if s.socket != nil {
		wg.Go(func() {
			if err := s.app.RunSocketMode(ctx, s.socket); err != nil {
				s.log.Error("socket mode stopped: /pact, buttons and the Home tab are not served", "err", err)
			}
		})
	}
	switch {
	case s.secret != "" && s.socket != nil:
		s.log.Info("serving /pact over HTTP (/slack/commands) and Socket Mode")
	case s.secret != "":
		s.log.Info("serving /pact over HTTP", "commands", "/slack/commands", "interactions", "/slack/interactions", "events", "/slack/events")
	case s.socket != nil:
		s.log.Info("serving /pact over Socket Mode")
	default:
		s.log.Info("not serving /pact: set `listen` and slack.signing_secret, or slack.app_token for Socket Mode")
	}
	wg.Wait()
	s.app.Wait()
}
