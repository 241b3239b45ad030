package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func cmdRun(ctx context.Context, e *env, args []string) int {
	fs, c := newFlags(e, "run", "", "Run the daemon: cron-scheduled feed polls, deadline checks, Slack delivery and,\n"+
		"when `listen` is set, the HTTP endpoints. SIGINT/SIGTERM stop it gracefully; SIGHUP reloads the config.")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	cfg, store, log, ok := c.open(ctx, e)
	if !ok {
		return exitFailed
	}
	defer store.Close()
	if e.hup == nil {
		hup := make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
		defer signal.Stop(hup)
		e.hup = hup
	}
	d, err := newDaemon(cfg, store, e, log)
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch:", err)
		return exitFailed
	}
	if err := d.Run(ctx); err != nil {
		fmt.Fprintln(e.stderr, "pactwatch:", err)
		return exitFailed
	}
	return exitOK
}
