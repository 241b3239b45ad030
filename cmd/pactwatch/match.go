package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pactwatch/pactwatch/watchers"
	"github.com/pactwatch/pactwatch/watchers/feed"
)

func cmdMatch(ctx context.Context, e *env, args []string) int {
	fs, c := newFlags(e, "match", "SOURCE", "Dry run for admins: for each item of SOURCE (a feed URL or file), whether it matches\n"+
		"the agreement, on which terms, and which status rule would fire or why it was held back.\nStores and posts nothing.")
	id := fs.String("agreement", "", "the agreement `id` to match against (required)")
	all := fs.Bool("all", false, "also list items that do not match")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *id == "" || fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "pactwatch match: need --agreement ID and one SOURCE")
		fs.Usage()
		return exitUsage
	}
	log, err := c.logger(e.stderr)
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch:", err)
		return exitUsage
	}
	cfg, ok := c.load(e)
	if !ok {
		return exitFailed
	}
	if _, ok := cfg.Agreement(*id); !ok {
		fmt.Fprintf(e.stderr, "pactwatch match: no agreement %q in %s\n", *id, cfg.Path)
		return exitFailed
	}
	cwd, _ := os.Getwd()
	source := fs.Arg(0)
	body, err := feed.NewFetcher(cwd).Fetch(ctx, source, feed.Validators{})
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch match:", err)
		return exitFailed
	}
	parsed, err := feed.Parse(body.Body)
	if err != nil {
		fmt.Fprintf(e.stderr, "pactwatch match: %s: %v\n", source, err)
		return exitFailed
	}
	w := watchers.New(cfg, nil, watchers.Options{Log: log})
	list, err := w.Explain(*id, parsed.Items)
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch match:", err)
		return exitFailed
	}
	n := 0
	for _, ex := range list {
		if ex.Matched {
			n++
		}
		if ex.Matched || *all {
			printExplanation(e, ex)
		}
	}
	fmt.Fprintf(e.stdout, "%d of %d items in %s match %s\n", n, len(list), filepath.Base(source), *id)
	return exitOK
}

func printExplanation(e *env, ex watchers.Explanation) {
	mark := "no match"
	if ex.Matched {
		mark = "MATCH"
	}
	date := ""
	if !ex.Item.Published.IsZero() {
		date = ex.Item.Published.Format("2006-01-02") + " "
	}
	fmt.Fprintf(e.stdout, "%s%s  %s\n", date, mark, ex.Item.Title)
	if ex.Item.Link != "" {
		fmt.Fprintf(e.stdout, "    link:   %s\n", ex.Item.Link)
	}
	if len(ex.Terms) > 0 {
		fmt.Fprintf(e.stdout, "    terms:  %s\n", strings.Join(ex.Terms, ", "))
	}
	if !ex.Matched {
		fmt.Fprintln(e.stdout)
		return
	}
	if ex.Status != "" {
		fmt.Fprintf(e.stdout, "    status: %s (rule: %s)\n      in: %q\n", ex.Status, ex.Rule, ex.Sentence)
	} else {
		fmt.Fprintln(e.stdout, "    status: none reported")
	}
	for _, h := range ex.Held {
		fmt.Fprintf(e.stdout, "    held back: %s (%s: %q)\n      in: %q\n", h.Status, h.Why, h.Cue, h.Sentence)
	}
	fmt.Fprintln(e.stdout)
}
