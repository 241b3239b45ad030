package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// daemon is a running `pactwatch run`, watched through its log.
type daemon struct {
	cmd     *exec.Cmd
	started time.Time
	done    chan struct{} // closed when the log ends (the process exited)

	mu    sync.Mutex
	seen  map[string]time.Time // log message → when it was first read
	addr  string
	lines []string
}

// listeningAddr finds the HTTP address in the daemon's "listening" line.
var listeningAddr = regexp.MustCompile(`msg=listening addr=(\S+)`)

// startDaemon starts pactwatch run on cfg and reads its log as it comes.
// The process is killed if ctx ends; stop it with stop.
func startDaemon(ctx context.Context, binary, cfg string, env []string) (*daemon, error) {
	cmd := exec.CommandContext(ctx, binary, "run", "--config", cfg)
	cmd.Env = env
	cmd.Cancel = func() error { return cmd.Process.Kill() }
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return nil, err
	}
	defer devnull.Close()
	cmd.Stdout = devnull
	d := &daemon{cmd: cmd, seen: map[string]time.Time{}, done: make(chan struct{})}
	d.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go d.read(stderr)
	return d, nil
}

// read records when each log message first appears.
func (d *daemon) read(r io.Reader) {
	defer close(d.done)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line, now := sc.Text(), time.Now()
		d.mu.Lock()
		if len(d.lines) < 200 {
			d.lines = append(d.lines, line)
		}
		if msg := logMessage(line); msg != "" {
			if _, ok := d.seen[msg]; !ok {
				d.seen[msg] = now
			}
		}
		if m := listeningAddr.FindStringSubmatch(line); m != nil {
			d.addr = m[1]
		}
		d.mu.Unlock()
	}
}

// logMessage is the msg of a line of slog's text format: quoted when it has
// spaces, else up to the next space.
func logMessage(line string) string {
	_, msg, ok := strings.Cut(line, " msg=")
	if !ok {
		return ""
	}
	if rest, quoted := strings.CutPrefix(msg, `"`); quoted {
		msg, _, _ = strings.Cut(rest, `"`)
		return msg
	}
	msg, _, _ = strings.Cut(msg, " ")
	return msg
}

// waitLog waits until the log has said msg, and returns how long after
// the start it did.
func (d *daemon) waitLog(ctx context.Context, msg string, limit time.Duration) (time.Duration, error) {
	deadline := time.After(limit)
	for {
		d.mu.Lock()
		at, ok := d.seen[msg]
		d.mu.Unlock()
		if ok {
			return at.Sub(d.started), nil
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-d.done:
			return 0, fmt.Errorf("pactwatch exited before logging %q:\n%s", msg, d.log())
		case <-deadline:
			return 0, fmt.Errorf("pactwatch did not log %q within %s:\n%s", msg, limit, d.log())
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// waitHealthy polls GET /healthz every few milliseconds until it answers
// 200, and returns how long after the start it first did.
func (d *daemon) waitHealthy(ctx context.Context, limit time.Duration) (time.Duration, error) {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		select {
		case <-d.done:
			return 0, fmt.Errorf("pactwatch exited before it was healthy:\n%s", d.log())
		default:
		}
		if addr := d.Addr(); addr != "" {
			resp, err := client.Get("http://" + addr + "/healthz")
			if err == nil {
				at := time.Now()
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return at.Sub(d.started), nil
				}
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	return 0, fmt.Errorf("pactwatch was not healthy within %s:\n%s", limit, d.log())
}

// Addr is the daemon's HTTP address, once it has logged it.
func (d *daemon) Addr() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.addr
}

func (d *daemon) log() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return tail(strings.Join(d.lines, "\n"), 3000)
}

// stop asks the daemon to stop (SIGTERM), kills it after 30 seconds, and
// waits for it.
func (d *daemon) stop() error {
	_ = d.cmd.Process.Signal(syscall.SIGTERM)
	timer := time.AfterFunc(30*time.Second, func() { _ = d.cmd.Process.Kill() })
	defer timer.Stop()
	<-d.done
	err := d.cmd.Wait()
	var exit *exec.ExitError
	if errors.As(err, &exit) && !exit.Exited() {
		return fmt.Errorf("pactwatch did not stop on SIGTERM and was killed")
	}
	return err
}
