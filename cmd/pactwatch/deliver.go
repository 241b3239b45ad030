package main

import (
	"log/slog"

	"github.com/pactwatch/pactwatch/bot"
	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// newDeliverer delivers to Slack when there is a bot token, else prints
// alerts on standard output and keeps them for Slack.
func newDeliverer(cfg *config.Config, store *storage.Store, e *env, log *slog.Logger) *bot.Deliverer {
	d := &bot.Deliverer{
		Store:          store,
		Now:            e.now,
		Log:            log,
		AdminChannel:   cfg.Slack.AdminChannel,
		DefaultChannel: cfg.Slack.Channel,
		Names:          bot.FeedNames(func() *config.Config { return cfg }, store),
		Backfill:       cfg.Backfill,
	}
	if tok := cfg.Slack.Token.Value(); tok != "" {
		sp := &bot.SlackPoster{Client: bot.NewSlackClient(tok, cfg.Slack.APIURL)}
		d.Poster, d.History = sp, sp
		if !e.noPace {
			d.Pace = bot.DefaultPace
		}
	} else {
		d.Poster, d.Printing = bot.NewWriterPoster(e.stdout), true
	}
	return d
}
