package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/pactwatch/pactwatch/config"
)

func cmdRun(ctx context.Context, e *env, args []string) int {
	fs, c := newFlags(e, "run", "", "Run the daemon: cron-scheduled feed polls, deadline checks, Slack delivery and,\n"+
		"when `listen` is set, the HTTP endpoints. SIGINT/SIGTERM stop it gracefully; SIGHUP reloads the config.")
	retention := fs.String("retention", "400d", "prune items first seen longer ago than this (`duration`, e.g. 400d; 0 keeps all);\nstatus history and alerts are never pruned")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	keep, err := config.ParseDuration(*retention)
	if err != nil || keep < 0 {
		fmt.Fprintf(e.stderr, "pactwatch run: bad --retention %q\n", *retention)
		return exitUsage
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
	if err == nil {
		d.retention = keep
	}
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
