package main

import (
	"context"

	"github.com/pactwatch/pactwatch/config"
)

// reload reads the config file again and, when it is valid, swaps the
// schedules and agreements at once. An invalid file changes nothing: the
// daemon keeps running on the old config and says why.
func (d *daemon) reload(ctx context.Context) {
	path := d.watcher.Config().Path
	cfg, err := config.Load(path, d.e.getenv)
	if err != nil {
		for _, p := range config.Errors(err) {
			d.log.Error("config reload refused", "problem", p.Error())
		}
		if len(config.Errors(err)) == 0 {
			d.log.Error("config reload refused", "err", err)
		}
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
	if err := d.watcher.Prepare(ctx); err != nil {
		d.log.Error("config reload: record new agreements", "err", err)
	}
	d.log.Info("config reloaded", "path", path, "feeds", len(cfg.Feeds), "agreements", len(cfg.Agreements))
}
