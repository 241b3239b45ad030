package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/pactwatch/pactwatch/config"
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
	if problems := checkFeedFiles(c.config, cfg); len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(e.stderr, p.Error())
		}
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

// checkFeedFiles reports the feeds read from local files that cannot be
// read now. Only `check` looks: the daemon polls a missing file as a
// broken feed, since it may appear later.
func checkFeedFiles(path string, cfg *config.Config) []*config.Error {
	var out []*config.Error
	for _, f := range cfg.Feeds {
		if strings.Contains(f.URL, "://") {
			continue
		}
		st, err := os.Stat(f.URL)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out = append(out, &config.Error{File: path, Line: f.Line, Msg: fmt.Sprintf("feed %q: url: no such file %s", f.ID, f.URL)})
		case err != nil:
			out = append(out, &config.Error{File: path, Line: f.Line, Msg: fmt.Sprintf("feed %q: url: %v", f.ID, err)})
		case st.IsDir():
			out = append(out, &config.Error{File: path, Line: f.Line, Msg: fmt.Sprintf("feed %q: url: %s is a folder, not a feed file", f.ID, f.URL)})
		}
	}
	return out
}
