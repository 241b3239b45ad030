package main

import (
	"context"
	"crypto/sha256"
	"os"
	"time"

	"github.com/pactwatch/pactwatch/bot"
	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/watchers"
)

// configPollInterval is how often the daemon looks at the config file for
// an edit. Polling the file (rather than watching it) survives editors that
// replace the file and folders mounted from elsewhere.
const configPollInterval = 2 * time.Second

// reload reads the config file again and, when it is valid, swaps the
// schedules and agreements at once. An invalid file changes nothing: the
// daemon keeps running on the old config and says why, in the log and in
// the admin channel.
func (d *daemon) reload(ctx context.Context) {
	path := d.watcher.Config().Path
	cfg, err := config.Load(path, d.e.lookupEnv)
	if err != nil {
		var problems []string
		for _, p := range config.Errors(err) {
			problems = append(problems, p.Error())
		}
		if len(problems) == 0 {
			problems = []string{err.Error()}
		}
		for _, p := range problems {
			d.log.Error("config reload refused", "problem", p)
		}
		d.notifyAdmins(ctx, bot.ConfigNotice(path, problems))
		return
	}
	d.mu.Lock()
	sched := d.sched
	d.mu.Unlock()
	if sched == nil {
		return
	}
	if err := sched.Reload(cfg); err != nil {
		d.log.Error("config reload failed", "err", err)
		return
	}
	replayed, err := d.watcher.Prepare(ctx)
	if err != nil {
		d.log.Error("config reload: record new agreements", "err", err)
	}
	d.tellReplayed(ctx, replayed)
	d.log.Info("config reloaded", "path", path, "feeds", len(cfg.Feeds), "agreements", len(cfg.Agreements))
}

// tellReplayed tells the admin channel what judging the stored items
// again found for new and changed watches, in one message.
func (d *daemon) tellReplayed(ctx context.Context, replayed []watchers.Replayed) {
	if len(replayed) == 0 {
		return
	}
	lines := make([]string, len(replayed))
	for i, r := range replayed {
		lines[i] = r.String()
	}
	d.notifyAdmins(ctx, bot.ReplayNotice(lines))
}

// notifyAdmins posts a notice straight to the admin channel (it is about
// pactwatch itself, not an alert, so it does not go through the outbox).
func (d *daemon) notifyAdmins(ctx context.Context, m bot.Message) {
	channel := d.watcher.Config().Slack.AdminChannel
	if d.deliverer.Poster == nil {
		return
	}
	if _, err := d.deliverer.Poster.Post(ctx, channel, "", m); err != nil {
		d.log.Error("notify admin channel", "channel", channel, "err", err)
	}
}

// watchConfig reloads the config when its file changes, until ctx ends.
func (d *daemon) watchConfig(ctx context.Context) {
	last := fileStamp(d.watcher.Config().Path)
	t := time.NewTicker(configPollInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			now := fileStamp(d.watcher.Config().Path)
			if now != last && now != ([32]byte{}) {
				last = now
				d.log.Info("config file changed", "path", d.watcher.Config().Path)
				d.reload(ctx)
			}
		}
	}
}

// fileStamp is a hash of the file's content; zero when it cannot be read
// (an editor between writing and renaming), which is not a change.
func fileStamp(path string) [32]byte {
	data, err := os.ReadFile(path)
	if err != nil {
		return [32]byte{}
	}
	return sha256.Sum256(data)
}
