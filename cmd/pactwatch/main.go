// Command pactwatch watches news feeds for the international agreements a
// policy team tracks and tells the team in Slack when something changes.
//
// Usage:
//
//	pactwatch run     the daemon: scheduled polls, deadline checks, Slack delivery, HTTP endpoints
//	pactwatch poll    one round now, then exit
//	pactwatch check   validate the config
//	pactwatch status  print an agreement's status (or the list)
//	pactwatch match   dry run of a feed against one agreement
//	pactwatch replay  dry run: what judging the stored items again would change
//	pactwatch export  an agreement's timeline with its evidence (CSV or Markdown)
//	pactwatch backup  a consistent copy of the database
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/pactwatch/pactwatch/config"
)

// defaultGCPercent is the garbage collector's target when the GOGC
// environment variable does not set one: the heap may grow to three times
// what is live (Go's default is two). pactwatch's live heap is small
// (about 20 MB polling 1,000 feeds), so collections came more often than
// memory needs: on the cold-poll benchmark 200 saves about 6% of the CPU
// for 20–25 MB more at the peak (95 MB; target 150). BENCHMARKS.md has
// the runs.
const defaultGCPercent = 200

func main() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(defaultGCPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], &env{stdout: os.Stdout, stderr: os.Stderr, lookupEnv: os.LookupEnv, now: time.Now})
	stop()
	os.Exit(code)
}

// env is what a command may touch of the world outside: its output streams,
// the environment and the clock. Tests pass their own.
type env struct {
	stdout, stderr io.Writer
	lookupEnv      func(string) (string, bool)
	now            func() time.Time
	// hup, when set, receives a value for each SIGHUP (config reload).
	hup <-chan os.Signal
	// noPace turns off the one-message-a-second pacing of Slack posts, for
	// tests against a fake Slack.
	noPace bool
}

// getenv returns an environment variable, "" when unset.
func (e *env) getenv(name string) string {
	v, _ := e.lookupEnv(name)
	return v
}

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1 // the work could not be done (bad config, unusable database)
	exitUsage  = 2 // the command line was wrong
)

type command struct {
	name, summary string
	run           func(ctx context.Context, e *env, args []string) int
}

func commands() []command {
	return []command{
		{"run", "run the daemon: scheduled polls, deadline checks, Slack delivery, HTTP endpoints", cmdRun},
		{"poll", "poll every feed once, check deadlines, deliver what is due, then exit", cmdPoll},
		{"check", "validate the config; print each problem as FILE:LINE: message", cmdCheck},
		{"status", "print an agreement's status, forecasts and latest mentions (or the list)", cmdStatus},
		{"match", "dry run: which items of a feed match an agreement, and which status rule fires", cmdMatch},
		{"replay", "dry run: what judging the stored items again under the current config would change", cmdReplay},
		{"export", "write an agreement's timeline with its evidence, as CSV or Markdown", cmdExport},
		{"backup", "write a consistent copy of the database to a file", cmdBackup},
	}
}

func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		usage(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	if s, ok := config.Closest(args[0], names); ok {
		fmt.Fprintf(e.stderr, "pactwatch: unknown command %q (did you mean %q?)\n\n", args[0], s)
	} else {
		fmt.Fprintf(e.stderr, "pactwatch: unknown command %q\n\n", args[0])
	}
	usage(e.stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "pactwatch tells a policy team in Slack when an international agreement it tracks changes.")
	fmt.Fprintln(w, "\nUsage: pactwatch COMMAND [--config FILE] [options]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-7s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --config FILE (default $PACTWATCH_CONFIG, else pactwatch.yaml) and --help.")
}
