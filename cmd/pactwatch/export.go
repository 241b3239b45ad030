package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/pactwatch/pactwatch/bot"
	"github.com/pactwatch/pactwatch/config"
)

func cmdExport(ctx context.Context, e *env, args []string) int {
	fs, c := newFlags(e, "export", "QUERY", "Write an agreement's timeline with its evidence (status history, forecasts, mentions),\n"+
		"oldest first: what /pact export uploads. QUERY is its id, name, alias or parties.")
	format := fs.String("format", "csv", "output format: csv or markdown")
	output := fs.String("output", "", "write to this `file` instead of standard output")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	q := strings.Join(fs.Args(), " ")
	if q == "" {
		fmt.Fprintln(e.stderr, "pactwatch export: which agreement? (QUERY)")
		fs.Usage()
		return exitUsage
	}
	switch *format {
	case "csv", "markdown", "md":
	default:
		fmt.Fprintf(e.stderr, "pactwatch export: unknown --format %q: csv or markdown\n", *format)
		return exitUsage
	}
	cfg, store, _, ok := c.open(ctx, e)
	if !ok {
		return exitFailed
	}
	defer store.Close()
	a, candidates := bot.Lookup(cfg, q)
	if a == nil {
		if len(candidates) == 0 {
			fmt.Fprintf(e.stderr, "pactwatch export: no agreement matches %q; `pactwatch status` lists them\n", q)
			return exitFailed
		}
		fmt.Fprintf(e.stderr, "pactwatch export: %q could be:\n", q)
		for _, c := range candidates {
			fmt.Fprintf(e.stderr, "  %s  %s\n", c.ID, c.Name)
		}
		return exitFailed
	}
	rows, err := bot.Timeline(ctx, store, a, e.now(), bot.FeedNames(func() *config.Config { return cfg }, store))
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch export:", err)
		return exitFailed
	}
	out := e.stdout
	var file *os.File
	if *output != "" {
		if file, err = os.Create(*output); err != nil {
			fmt.Fprintln(e.stderr, "pactwatch export:", err)
			return exitFailed
		}
		out = file
	}
	if *format == "csv" {
		err = bot.WriteTimelineCSV(out, rows)
	} else {
		err = bot.WriteTimelineMarkdown(out, a, rows)
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch export:", err)
		return exitFailed
	}
	return exitOK
}
