package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/pactwatch/pactwatch/bot"
	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

func cmdStatus(ctx context.Context, e *env, args []string) int {
	fs, c := newFlags(e, "status", "[QUERY]", "Print an agreement's status, since when and why, its forecasts and latest mentions:\n"+
		"what /pact status QUERY answers. Without QUERY, every agreement and each feed's health.")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	cfg, store, _, ok := c.open(ctx, e)
	if !ok {
		return exitFailed
	}
	defer store.Close()
	now := e.now()
	q := strings.Join(fs.Args(), " ")
	if q == "" {
		for i := range cfg.Agreements {
			r, err := bot.BuildReport(ctx, store, &cfg.Agreements[i], now, 0)
			if err != nil {
				fmt.Fprintf(e.stdout, "%-20s (never polled: run `pactwatch poll`)\n", cfg.Agreements[i].ID)
				continue
			}
			fmt.Fprintln(e.stdout, r.ListLine())
		}
		return printFeeds(ctx, e, cfg, store)
	}
	a, candidates := bot.Lookup(cfg, q)
	if a == nil {
		if len(candidates) == 0 {
			fmt.Fprintf(e.stderr, "no agreement matches %q; try `pactwatch status` for the list\n", q)
			return exitFailed
		}
		fmt.Fprintf(e.stderr, "%q could be:\n", q)
		for _, c := range candidates {
			fmt.Fprintf(e.stderr, "  %s  %s\n", c.ID, c.Name)
		}
		return exitFailed
	}
	r, err := bot.BuildReport(ctx, store, a, now, 5)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s has no status yet (run `pactwatch poll`): %v\n", a.ID, err)
		return exitFailed
	}
	fmt.Fprint(e.stdout, r.Text(now))
	return exitOK
}

// printFeeds prints each feed's health: last success, last error, failures
// in a row, items seen.
func printFeeds(ctx context.Context, e *env, cfg *config.Config, store *storage.Store) int {
	states, err := store.FeedStates(ctx)
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch:", err)
		return exitFailed
	}
	fmt.Fprintln(e.stdout, "\nFeeds:")
	for _, f := range cfg.Feeds {
		fmt.Fprintf(e.stdout, "  %-20s %s\n", f.ID, bot.FeedHealth(states[f.ID], true))
	}
	return exitOK
}
