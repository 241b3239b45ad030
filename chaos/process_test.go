package chaos

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// daemon runs `pactwatch run` as a child process, one at a time, and kills
// or stops it on request. Its output goes to one log file across restarts.
type daemon struct {
	t      *testing.T
	bin    string
	config string
	log    *os.File

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
}

func newDaemon(t *testing.T, bin, config, logPath string) *daemon {
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	d := &daemon{t: t, bin: bin, config: config, log: f}
	// A test that fails midway (t.Fatal) must not leave its daemon running:
	// it would go on polling dead feeds and post to whatever server gets
	// its fake Slack's port next.
	t.Cleanup(func() {
		d.mu.Lock()
		cmd, done := d.cmd, d.done
		d.mu.Unlock()
		if cmd != nil && cmd.Process != nil {
			_ = cmd.Process.Kill()
			<-done
		}
	})
	return d
}

// start starts the daemon with Slack at apiURL.
func (d *daemon) start(apiURL string, round int) {
	d.t.Helper()
	cmd := exec.Command(d.bin, "run", "--config", d.config, "--log-level", "debug")
	cmd.Env = append(os.Environ(), "SLACK_BOT_TOKEN=xoxb-chaos", "SLACK_API_URL="+apiURL)
	fmt.Fprintf(d.log, "=== round %d: start, Slack at %s\n", round, apiURL)
	cmd.Stdout, cmd.Stderr = d.log, d.log
	if err := cmd.Start(); err != nil {
		d.t.Fatalf("start pactwatch: %v", err)
	}
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(done)
	}()
	d.mu.Lock()
	d.cmd, d.done = cmd, done
	d.mu.Unlock()
}

// poll runs `pactwatch poll` once, after delay, beside the daemon, as an
// operator might. The chaos rounds' kills do not reach it.
func (d *daemon) poll(apiURL string, round int, delay time.Duration) {
	time.Sleep(delay)
	cmd := exec.Command(d.bin, "poll", "--config", d.config)
	cmd.Env = append(os.Environ(), "SLACK_BOT_TOKEN=xoxb-chaos", "SLACK_API_URL="+apiURL)
	out, err := cmd.CombinedOutput()
	d.mu.Lock()
	defer d.mu.Unlock()
	fmt.Fprintf(d.log, "=== round %d: pactwatch poll beside the daemon (%v):\n%s", round, err, out)
}

// kill sends SIGKILL to the running daemon, if any. It is safe to call from
// any goroutine, more than once.
func (d *daemon) kill() { d.signal(syscall.SIGKILL) }

// stop sends SIGTERM: a graceful shutdown.
func (d *daemon) stop() { d.signal(syscall.SIGTERM) }

func (d *daemon) signal(sig syscall.Signal) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cmd != nil && d.cmd.Process != nil {
		_ = d.cmd.Process.Signal(sig)
	}
}

// wait waits for the daemon to exit and reports how, failing the test when
// it does not exit in time.
func (d *daemon) wait(timeout time.Duration) *os.ProcessState {
	d.t.Helper()
	d.mu.Lock()
	cmd, done := d.cmd, d.done
	d.mu.Unlock()
	if cmd == nil {
		return nil
	}
	select {
	case <-done:
	case <-time.After(timeout):
		d.kill()
		<-done
		d.t.Errorf("pactwatch did not exit within %v", timeout)
	}
	d.mu.Lock()
	d.cmd, d.done = nil, nil
	d.mu.Unlock()
	fmt.Fprintf(d.log, "=== exit: %v\n", cmd.ProcessState)
	return cmd.ProcessState
}

// Kill points in slackProxy.
const (
	killNone       = iota
	killBeforePost // the post never reaches Slack
	killAfterPost  // Slack recorded the post; pactwatch never hears back
)

// slackProxy stands between pactwatch and the fake Slack, to kill the
// daemon at the most delicate moments: just before a chat.postMessage
// reaches Slack, or just after Slack accepted it and before pactwatch could
// record that.
type slackProxy struct {
	srv   *httptest.Server
	armed atomic.Int32
	fired chan int // receives the kill point when an armed kill happens
	kill  func()
}

func newSlackProxy(t *testing.T, fakeURL string, kill func()) *slackProxy {
	target, err := url.Parse(strings.TrimSuffix(fakeURL, "/api/"))
	if err != nil {
		t.Fatal(err)
	}
	p := &slackProxy{fired: make(chan int, 1), kill: kill}
	rp := httputil.NewSingleHostReverseProxy(target)
	rp.Transport = p
	rp.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) { w.WriteHeader(http.StatusBadGateway) }
	rp.ErrorLog = log.New(io.Discard, "", 0) // a killed client cuts copies short: expected
	p.srv = httptest.NewServer(rp)
	t.Cleanup(p.srv.Close)
	return p
}

// URL is the API base to give pactwatch.
func (p *slackProxy) URL() string { return p.srv.URL + "/api/" }

// arm makes the next chat.postMessage kill the daemon at point.
func (p *slackProxy) arm(point int32) {
	select {
	case <-p.fired:
	default:
	}
	p.armed.Store(point)
}

// RoundTrip forwards one API call, killing the daemon around it when armed.
func (p *slackProxy) RoundTrip(req *http.Request) (*http.Response, error) {
	point := int32(killNone)
	if strings.HasSuffix(req.URL.Path, "/chat.postMessage") {
		point = p.armed.Swap(killNone)
	}
	if point == killBeforePost {
		p.kill()
		p.fired <- killBeforePost
		return nil, errors.New("chaos: killed before the post")
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if point == killAfterPost {
		if err == nil { // let Slack finish its answer: it has recorded the post
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			resp.Body = io.NopCloser(strings.NewReader(string(body)))
		}
		p.kill()
		p.fired <- killAfterPost
	}
	return resp, err
}

// closedURL is an API base where nothing listens: connection refused.
func closedURL(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/api/"
}
