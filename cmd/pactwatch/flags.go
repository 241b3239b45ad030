package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// common holds the flags every command takes.
type common struct {
	config    string
	logFormat string
	logLevel  string
}

// newFlags returns a command's flag set with the common flags on it. The
// usage line names the command and what its positional arguments are.
func newFlags(e *env, name, args, summary string) (*flag.FlagSet, *common) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c := &common{}
	def := e.getenv("PACTWATCH_CONFIG")
	if def == "" {
		def = "pactwatch.yaml"
	}
	fs.StringVar(&c.config, "config", def, "config `file` (env PACTWATCH_CONFIG)")
	fs.StringVar(&c.logFormat, "log-format", "text", "log format: text or json")
	fs.StringVar(&c.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	// -h and --help are flags of their own, so that the help asked for
	// goes to standard output (and can be piped to less) while the usage
	// after a mistake goes to standard error.
	help := new(bool)
	fs.BoolVar(help, "help", false, "show this help")
	fs.BoolVar(help, "h", false, "show this help")
	fs.Usage = func() {
		w := fs.Output()
		if *help {
			w = e.stdout
		}
		fmt.Fprintf(w, "Usage: pactwatch %s [options] %s\n\n%s\n\nOptions (anywhere on the line):\n", name, args, summary)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(e.stderr)
	}
	return fs, c
}

// parse parses args, flags anywhere among the positional arguments
// (`match feed.xml --agreement X --all`; after `--` everything is
// positional); fs.Args() then holds the positional ones in order. It
// returns false with the exit code when the command should stop (--help,
// or a usage error).
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return exitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
	if h := fs.Lookup("help"); h != nil && h.Value.String() == "true" {
		fs.Usage()
		return exitOK, false
	}
	// Leave the positional arguments in fs.Args(), flags already set.
	if err := fs.Parse(append([]string{"--"}, positional...)); err != nil {
		return exitUsage, false
	}
	return 0, true
}

// logger builds the structured logger the flags ask for, writing to w.
func (c *common) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return nil, fmt.Errorf("bad --log-level %q", c.logLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(c.logFormat) {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("bad --log-format %q: text or json", c.logFormat)
}

// load reads and validates the config, printing every problem.
func (c *common) load(e *env) (*config.Config, bool) {
	cfg, err := config.Load(c.config, e.lookupEnv)
	if err != nil {
		printConfigErrors(e.stderr, err)
		return nil, false
	}
	return cfg, true
}

func printConfigErrors(w io.Writer, err error) {
	if list := config.Errors(err); len(list) > 0 {
		for _, p := range list {
			fmt.Fprintln(w, p.Error())
		}
		return
	}
	fmt.Fprintf(w, "pactwatch: %v\n", err)
}

// open loads the config and opens its database, for commands that need both.
func (c *common) open(ctx context.Context, e *env) (*config.Config, *storage.Store, *slog.Logger, bool) {
	log, err := c.logger(e.stderr)
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch:", err)
		return nil, nil, nil, false
	}
	cfg, ok := c.load(e)
	if !ok {
		return nil, nil, nil, false
	}
	store, err := storage.Open(ctx, cfg.Database, storage.WithClock(e.now))
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch:", err)
		return nil, nil, nil, false
	}
	return cfg, store, log, true
}
