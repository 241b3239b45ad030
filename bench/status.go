package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pactwatch/pactwatch/bench/gen"
)

// maxInFlight bounds the requests w4 has open at once; a tick that finds
// them all busy is counted as not sent.
const maxInFlight = 200

// statusLoad runs w4: signed /pact status requests at o.rps for o.duration
// against the daemon on the large database, and each one's latency.
func (h *harness) statusLoad(ctx context.Context, cfg string, env []string, agreements []gen.Agreement) error {
	fmt.Println("\nw4: /pact status under load…")
	// Answers that miss Slack's three seconds are posted to response_url:
	// here, not slack.com, and counted.
	var late atomic.Int64
	sink := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		late.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	defer sink.Close()

	d, err := startDaemon(ctx, h.pactwatch, cfg, env)
	if err != nil {
		return err
	}
	defer d.stop()
	if _, err := d.waitHealthy(ctx, 2*time.Minute); err != nil {
		return err
	}
	if _, err := d.waitLog(ctx, "first round done", 5*time.Minute); err != nil {
		return err
	}
	base := "http://" + d.Addr() + "/slack/commands"
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: maxInFlight}}

	// Warm up: a few answers before the clock starts, as a daemon that has
	// been running would have.
	for i := range 20 {
		if _, _, err := h.command(ctx, client, base, sink.URL, statusText(agreements, i), i); err != nil {
			return err
		}
	}

	total := int(float64(h.o.rps) * h.o.duration.Seconds())
	lat := make([]time.Duration, 0, total)
	var mu sync.Mutex
	var failed, skipped atomic.Int64
	reasons := map[string]int{}
	var wg sync.WaitGroup
	sem := make(chan struct{}, maxInFlight)
	tick := time.NewTicker(time.Second / time.Duration(h.o.rps))
	start := time.Now()
	for i := 0; i < total; i++ {
		select {
		case <-ctx.Done():
			tick.Stop()
			wg.Wait()
			return ctx.Err()
		case <-tick.C:
		}
		select {
		case sem <- struct{}{}:
		default:
			skipped.Add(1)
			continue
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			// Every request sent counts in the percentiles: one only
			// acknowledged, or failed, counts with the time it took, less
			// than the time its answer really took.
			took, ok, err := h.command(ctx, client, base, sink.URL, statusText(agreements, 1000+i), 1000+i)
			mu.Lock()
			defer mu.Unlock()
			lat = append(lat, took)
			if err != nil || !ok {
				failed.Add(1)
				why := "acknowledged only (answer later through response_url)"
				if err != nil {
					why = err.Error()
				}
				reasons[why]++
			}
		}(i)
	}
	tick.Stop()
	wg.Wait()
	elapsed := time.Since(start)

	p99 := percentile(lat, 99)
	sent := total - int(skipped.Load())
	h.rep.add("w4", "requests", fmt.Sprintf("%d sent in %s (%.0f/s), %d answered in time, %d not (acknowledged or failed), %d not sent (all %d in flight), %d answered late via response_url",
		sent, secs(elapsed), float64(sent)/elapsed.Seconds(), sent-int(failed.Load()), failed.Load(), skipped.Load(), maxInFlight, late.Load()))
	h.rep.add("w4", "latency of every request sent: p50 / p90 / max", fmt.Sprintf("%s / %s / %s", ms(percentile(lat, 50)), ms(percentile(lat, 90)), ms(percentile(lat, 100))))
	h.rep.judge("w4", fmt.Sprintf("/pact status p99 at %d requests/s, %d agreements, %d items", h.o.rps, len(agreements), h.o.stored),
		ms(p99), "≤ 20 ms", p99 <= 20*time.Millisecond && failed.Load() == 0 && skipped.Load() == 0)

	for why, n := range reasons {
		h.rep.note("w4: %d requests failed: %s", n, tail(why, 200))
	}
	if err := h.statusParts(ctx, cfg, agreements); err != nil {
		return err
	}

	// The same answer as a process, for comparison: `pactwatch status`.
	var procs []usage
	for i := range h.o.repeat {
		u, _, err := measure(ctx, time.Minute, env, h.pactwatch, "status", "--config", cfg, agreements[i].ID)
		if err != nil {
			return err
		}
		procs = append(procs, u)
	}
	h.rep.add("w4", "`pactwatch status ID` as a process: wall / CPU / peak RSS (median)", usageLine(procs))
	return nil
}

// statusText is the i-th request's command text: an agreement's id, its
// name, or its parties and topic as a person would type them.
func statusText(agreements []gen.Agreement, i int) string {
	a := agreements[(i*7919)%len(agreements)]
	switch i % 3 {
	case 0:
		return "status " + a.ID
	case 1:
		return "status " + a.Name
	}
	return fmt.Sprintf("status %s %s %s", strings.ToLower(a.A.Name), strings.ToLower(a.B.Name), a.Topic.Name)
}

// command sends one signed slash command and reports how long the answer
// took and whether it was a real answer (200, with blocks, not the notice
// of a failure).
func (h *harness) command(ctx context.Context, client *http.Client, endpoint, responseURL, text string, n int) (time.Duration, bool, error) {
	form := url.Values{
		"token": {"unused"}, "team_id": {"T0BENCH"}, "channel_id": {"C0POLICY"}, "user_id": {"U0USER"},
		"command": {"/pact"}, "text": {text}, "response_url": {responseURL}, "trigger_id": {strconv.Itoa(n)},
	}
	body := form.Encode()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(signingSecret))
	mac.Write([]byte("v0:" + ts + ":" + body))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(body))
	if err != nil {
		return 0, false, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return time.Since(start), false, err
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return took, false, err
	}
	if resp.StatusCode != http.StatusOK {
		return took, false, fmt.Errorf("/slack/commands answered %s: %s", resp.Status, tail(string(answer), 300))
	}
	ok := bytes.Contains(answer, []byte(`"blocks"`)) && !bytes.Contains(answer, []byte("could not answer"))
	return took, ok, nil
}
