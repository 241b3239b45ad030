package bot_test

// This benchmark lives in package bot_test because it polls the example
// feeds with watchers first, as the daemon would; package bot itself never
// imports watchers.

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bot"
	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers"
)

// BenchmarkPactStatus measures /pact status through the real HTTP handler
// (signature check, parsing, lookup, report, Block Kit, JSON) against the
// example config, its feeds polled into a fresh database first. It reports
// the median and 99th percentile of one request:
//
//	go test ./bot -run '^$' -bench PactStatus -benchtime 2000x
func BenchmarkPactStatus(b *testing.B) {
	ctx := b.Context()
	dir := b.TempDir()
	copyExample(b, filepath.Join("..", "examples"), dir)
	cfg, err := config.Load(filepath.Join(dir, "pactwatch.yaml"), nil)
	if err != nil {
		b.Fatal(err)
	}
	store, err := storage.Open(ctx, cfg.Database)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	quiet := slog.New(slog.DiscardHandler)
	w := watchers.New(cfg, store, watchers.Options{Log: quiet})
	if _, err := w.Prepare(ctx); err != nil {
		b.Fatal(err)
	}
	if rep := w.Poll(ctx); rep.Alerts() == 0 {
		b.Fatal("the example feeds gave no alerts: nothing polled?")
	}
	const secret = "bench-signing-secret"
	app := &bot.App{Config: func() *config.Config { return cfg }, Store: store, Log: quiet}
	h := app.Handler(secret)

	var durations []time.Duration
	for i := 0; b.Loop(); i++ {
		body := url.Values{"command": {"/pact"}, "text": {"status russia china"}, "user_id": {"U0BENCH"},
			"team_id": {"T0BENCH"}, "channel_id": {"C0POLICY"}, "response_url": {"http://127.0.0.1:1/unused"},
			"trigger_id": {strconv.Itoa(i)}}.Encode()
		req := httptest.NewRequest(http.MethodPost, "/slack/commands", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write([]byte("v0:" + ts + ":" + body))
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		durations = append(durations, time.Since(start))
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Russia–China cyber pact") {
			b.Fatalf("answer %d: %.300s", rec.Code, rec.Body.String())
		}
	}
	b.StopTimer()
	app.Wait()
	slices.Sort(durations)
	pct := func(p float64) float64 {
		return float64(durations[int(p*float64(len(durations)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// copyExample copies the example config and its feed files into dir, so
// that the database is created there and not among the examples.
func copyExample(b *testing.B, from, to string) {
	b.Helper()
	for _, rel := range []string{"pactwatch.yaml", "feeds"} {
		src := filepath.Join(from, rel)
		err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			target := filepath.Join(to, rel, strings.TrimPrefix(path, src))
			if info.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			in, err := os.Open(path)
			if err != nil {
				return err
			}
			defer in.Close()
			out, err := os.Create(target)
			if err != nil {
				return err
			}
			if _, err := io.Copy(out, in); err != nil {
				out.Close()
				return err
			}
			return out.Close()
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
