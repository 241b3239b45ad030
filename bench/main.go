// Command bench measures pactwatch on a generated world: a farm of feeds
// served on loopback, configs of generated agreements, and databases of
// generated history. It builds the real binary and a bare "floor" poller
// (bench/floor), runs the workloads of BENCHMARKS.md and prints every
// figure with its target.
//
// Usage, from the repository root:
//
//	go run ./bench --workload all
//
// Workloads: w1 (cold poll against the floor), w2 (warm poll: every feed
// 304), w3 (matching cost as agreements grow: Go benchmarks of ./watchers),
// w4 (/pact status under load with a large database), w5 (start-up with a
// large database). w2 runs after w1 on its database; w5 uses w4's
// database. Everything is written under one temporary folder, removed at
// the end (unless --keep); every request loop is bounded in count and time.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// options are the harness's flags.
type options struct {
	workloads                     map[string]bool
	feeds, items, agreements      int
	bigAgreements, stored, repeat int
	rps                           int
	duration, benchTime           time.Duration
	keep                          bool
	reportPath                    string
	seed                          uint64
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string) int {
	var o options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	workloads := fs.String("workload", "all", "workloads to run: all, or a comma list of w1,w2,w3,w4,w5")
	fs.IntVar(&o.feeds, "feeds", 1000, "feeds in the farm")
	fs.IntVar(&o.items, "items", 50, "items per feed")
	fs.IntVar(&o.agreements, "agreements", 50, "agreements in the poll config (w1, w2)")
	fs.IntVar(&o.bigAgreements, "big-agreements", 10000, "agreements in the large config (w4, w5)")
	fs.IntVar(&o.stored, "stored", 1000000, "items in the large database (w4, w5)")
	fs.IntVar(&o.repeat, "repeat", 3, "repetitions of each process measurement")
	fs.IntVar(&o.rps, "rps", 200, "/pact status requests a second (w4)")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "how long w4 sends requests")
	fs.DurationVar(&o.benchTime, "benchtime", time.Second, "-benchtime of each Go benchmark (w3)")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary folder (binaries, configs, databases)")
	fs.StringVar(&o.reportPath, "report", "", "also write the figures as a Markdown table to this file")
	seed := fs.Uint64("seed", 1, "seed of the generated world")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	o.seed = *seed
	o.workloads = map[string]bool{}
	for _, w := range strings.Split(*workloads, ",") {
		w = strings.ToLower(strings.TrimSpace(w))
		if w == "all" {
			for _, x := range []string{"w1", "w2", "w3", "w4", "w5"} {
				o.workloads[x] = true
			}
			continue
		}
		if !strings.HasPrefix(w, "w") || len(w) != 2 || w[1] < '1' || w[1] > '5' {
			fmt.Fprintf(os.Stderr, "bench: unknown workload %q\n", w)
			return 2
		}
		o.workloads[w] = true
	}
	if o.workloads["w2"] {
		o.workloads["w1"] = true // w2 polls again what w1 polled
	}
	if err := runAll(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	return 0
}

// harness is one run: where it works, what it built, what it found.
type harness struct {
	o         options
	root      string // the module's folder
	dir       string // the run's temporary folder
	pactwatch string // the binary under test
	floor     string // the floor binary
	rep       *report
}

func runAll(ctx context.Context, o options) error {
	root, err := moduleRoot(ctx)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "pactwatch-bench-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Printf("working in %s (kept)\n", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	h := &harness{o: o, root: root, dir: dir, rep: &report{log: os.Stdout},
		pactwatch: filepath.Join(dir, "pactwatch"), floor: filepath.Join(dir, "floor")}
	fmt.Printf("pactwatch benchmarks, %s; %d CPUs (%s), %s\n", time.Now().Format("2006-01-02 15:04"), runtime.NumCPU(), cpuModel(), memTotal())
	fmt.Println("building pactwatch and the floor…")
	if err := h.build(ctx); err != nil {
		return err
	}
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{{"w1", h.pollWorkloads}, {"w3", h.matching}, {"w4", h.bigWorkloads}}
	for _, s := range steps {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if s.name == "w4" && !o.workloads["w4"] && !o.workloads["w5"] {
			continue
		}
		if s.name != "w4" && !o.workloads[s.name] {
			continue
		}
		if err := s.fn(ctx); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	fmt.Println()
	h.rep.markdown(os.Stdout)
	if o.reportPath != "" {
		f, err := os.Create(o.reportPath)
		if err != nil {
			return err
		}
		h.rep.markdown(f)
		return f.Close()
	}
	return nil
}

// build compiles the binary under test and the floor, as a user would.
func (h *harness) build(ctx context.Context) error {
	for _, b := range [][2]string{{h.pactwatch, "./cmd/pactwatch"}, {h.floor, "./bench/floor"}} {
		cmd := exec.CommandContext(ctx, "go", "build", "-o", b[0], b[1])
		cmd.Dir, cmd.Stdout, cmd.Stderr = h.root, os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", b[1], err)
		}
	}
	return nil
}

// moduleRoot is the folder of the go.mod the harness runs in.
func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("run the harness inside the pactwatch module (go run ./bench)")
	}
	return filepath.Dir(mod), nil
}

// cpuModel is the first "model name" of /proc/cpuinfo.
func cpuModel() string {
	data, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

// memTotal is MemTotal of /proc/meminfo.
func memTotal() string {
	data, _ := os.ReadFile("/proc/meminfo")
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			return strings.TrimSpace(v) + " memory"
		}
	}
	return "unknown memory"
}
