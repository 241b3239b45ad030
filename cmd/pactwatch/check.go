package main

import (
	"context"
	"fmt"
)

func cmdCheck(ctx context.Context, e *env, args []string) int {
	fs, c := newFlags(e, "check", "", "Validate the config. Each problem is printed as FILE:LINE: message; exit 1 on any.")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	cfg, ok := c.load(e)
	if !ok {
		return exitFailed
	}
	forecasts, rules := 0, 0
	for _, a := range cfg.Agreements {
		forecasts += len(a.Forecasts)
		rules += len(a.StatusRules)
	}
	fmt.Fprintf(e.stdout, "%s: ok: %d feeds, %d agreements, %d status rules, %d forecasts; database %s\n",
		cfg.Path, len(cfg.Feeds), len(cfg.Agreements), rules, forecasts, cfg.Database)
	return exitOK
}
