// Package chaos runs the real pactwatch binary against a fake Slack that
// fails and a feed server whose news changes, kills it at random moments,
// and counts what reached Slack: every alert in the outbox exactly once, in
// order per channel. It also polls hostile feeds and measures the peak
// memory of the process.
//
// The short version runs with go test; the long one with
//
//	go test ./chaos -run Chaos -v -chaos.rounds=150
//
// or PACTWATCH_CHAOS_ROUNDS=150.
package chaos

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

var roundsFlag = flag.Int("chaos.rounds", 0, "kill rounds of TestChaos (default: $PACTWATCH_CHAOS_ROUNDS, else a short run)")

// rounds is how many kill rounds TestChaos runs: the flag, the environment
// variable, or a few for an ordinary go test.
func rounds(t *testing.T) int {
	if *roundsFlag > 0 {
		return *roundsFlag
	}
	if n, err := strconv.Atoi(os.Getenv("PACTWATCH_CHAOS_ROUNDS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return 3
	}
	return 6
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildDir  string
)

// TestMain removes the binary built for the tests.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// binary builds ./cmd/pactwatch once per test run, without the race
// detector whatever the tests run with: peak memory is measured on it, and
// it is the binary operators run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "pactwatch-chaos-"); buildErr != nil {
			return
		}
		binPath = filepath.Join(buildDir, "pactwatch")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/pactwatch")
		cmd.Dir = ".."
		cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = &buildError{err: err, out: string(out)}
		}
	})
	if buildErr != nil {
		t.Fatalf("build pactwatch: %v", buildErr)
	}
	return binPath
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }
