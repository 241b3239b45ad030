package chaos

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// maxPeakRSS is the most memory `pactwatch poll` may hold at its peak while
// reading every hostile feed at once.
const maxPeakRSS = 200 << 20

const goodFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Good wire</title><link>https://news.example/</link><description>d</description>
<item><title>Observers comment on the Aurora accord once more</title><link>https://news.example/aurora/1</link>
<guid>https://news.example/aurora/1</guid><pubDate>Mon, 02 Mar 2026 10:00:00 +0000</pubDate>
<description>Officials said little about the Aurora accord.</description></item>
</channel></rss>
`

// gzipBomb returns a gzip file that inflates to size bytes of zeros: copies
// of one gzip member (RFC 1952 allows several in a file; readers join them).
func gzipBomb(t *testing.T, size int64) []byte {
	const member = 16 << 20
	var one bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&one, gzip.BestCompression)
	if _, err := zw.Write(make([]byte, member)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return bytes.Repeat(one.Bytes(), int(size/member))
}

// hostileFeeds serves the feeds of the list, each at /NAME.
func hostileFeeds(t *testing.T) *httptest.Server {
	bomb := gzipBomb(t, 2<<30)
	t.Logf("gzip bomb: %d bytes inflating to 2 GiB", len(bomb))
	var rssItem = "<item><title>Aurora accord, once again</title><link>https://news.example/x</link><description>" +
		strings.Repeat("padding ", 100) + "</description></item>\n"
	routes := map[string]http.HandlerFunc{
		"/good.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			_, _ = w.Write([]byte(goodFeed))
		},
		// 2 GiB of zeros in a 2 MB gzip body, declared as gzip encoding.
		"/bomb.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Length", strconv.Itoa(len(bomb)))
			_, _ = w.Write(bomb)
		},
		// One byte a second, for as long as the client stays.
		"/trickle.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.WriteHeader(http.StatusOK)
			rc := http.NewResponseController(w)
			body := []byte(goodFeed)
			for i := 0; ; i = (i + 1) % len(body) {
				if _, err := w.Write(body[i : i+1]); err != nil {
					return
				}
				_ = rc.Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(time.Second):
				}
			}
		},
		"/truncated.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			_, _ = w.Write([]byte(goodFeed[:len(goodFeed)/2]))
		},
		"/bad-utf8.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			_, _ = w.Write([]byte(strings.Replace(goodFeed, "once more", "once more \xff\xfe caf\xe9", 1)))
		},
		"/page.html": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>News</title></head><body><h1>Aurora accord</h1>" +
				strings.Repeat("<p>Read more about the Aurora accord on our site.</p>", 200) + "</body></html>"))
		},
		// 4 GiB of well-formed RSS items, no Content-Length, no gzip.
		"/huge.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			_, _ = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Huge</title>`))
			chunk := []byte(strings.Repeat(rssItem, (1<<20)/len(rssItem)))
			for sent := 0; sent < 4<<30; sent += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		},
		// The same, with a Content-Length that says so up front.
		"/huge-declared.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Header().Set("Content-Length", strconv.Itoa(4<<30))
			chunk := []byte(strings.Repeat(rssItem, (1<<20)/len(rssItem)))
			for sent := 0; sent < 4<<30; sent += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		},
	}
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		h, ok := routes[r.URL.Path]
		mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestHostileFeedsMemory polls every hostile feed at once with the real
// binary and checks that each is reported as that feed's error, the good
// feed (and one with stray invalid UTF-8) still alerts, poll exits 0, and the peak RSS stays under 200 MB.
// It takes about a minute: the trickling feed is cut by the whole-fetch
// timeout.
func TestHostileFeedsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a minute (the trickling feed waits for the fetch timeout)")
	}
	t.Parallel()
	bin := binary(t)
	srv := hostileFeeds(t)
	hostile := []string{"bomb", "trickle", "truncated", "page", "huge", "huge-declared"}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("timezone: UTC\ndatabase: hostile.db\nschedule: \"@every 1h\"\nbackfill: all\nslack:\n  channel: C0POLICY\nfeeds:\n")
	fmt.Fprintf(&b, "  - id: good\n    url: %s/good.xml\n", srv.URL)
	// Stray invalid UTF-8 bytes are read as U+FFFD: not a broken feed.
	fmt.Fprintf(&b, "  - id: bad-utf8\n    url: %s/bad-utf8.xml\n", srv.URL)
	for _, name := range hostile {
		ext := ".xml"
		if name == "page" {
			ext = ".html"
		}
		fmt.Fprintf(&b, "  - id: %s\n    url: %s/%s%s\n", name, srv.URL, name, ext)
	}
	b.WriteString("agreements:\n  - id: aurora\n    name: Aurora accord\n    kind: pact\n    status: rumored\n    match: 'Aurora'\n")
	config := filepath.Join(dir, "pactwatch.yaml")
	if err := os.WriteFile(config, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(bin, "poll", "--config", config)
	cmd.Env = append(os.Environ(), "SLACK_BOT_TOKEN=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		t.Errorf("pactwatch poll: %v (want exit 0)", err)
	}
	peak := int64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) << 10 // KiB on Linux
	t.Logf("pactwatch poll over %d hostile feeds and a good one: peak RSS %.1f MB, %v", len(hostile), float64(peak)/(1<<20), took.Round(time.Millisecond))
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		if strings.HasPrefix(line, "feed ") || strings.HasPrefix(line, "polled ") {
			t.Logf("  %s", line)
		}
	}
	if peak >= maxPeakRSS {
		t.Errorf("peak RSS %d MB, want under %d MB", peak>>20, maxPeakRSS>>20)
	}
	for _, name := range hostile {
		if !strings.Contains(stderr.String(), "feed "+name+": ") {
			t.Errorf("feed %s: no error reported", name)
		}
	}
	for _, name := range []string{"good", "bad-utf8"} {
		if strings.Contains(stderr.String(), "feed "+name+": ") {
			t.Errorf("the feed %s was reported as failing", name)
		}
	}
	if !strings.Contains(stdout.String(), "Observers comment on the Aurora accord") {
		t.Errorf("the good feed's item was not alerted; stdout:\n%s", stdout.String())
	}
}
