package farm

import (
	"compress/gzip"
	"io"
	"net/http"
	"testing"
	"time"
)

// TestConditionalGet checks what the warm-poll workload relies on: a full
// answer with validators, then 304 for either validator, and the counts.
func TestConditionalGet(t *testing.T) {
	modified := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	f, err := New([][]byte{[]byte("<rss>zero</rss>"), []byte("<rss>one</rss>")}, modified)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(header ...string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, f.URL(1), nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}

	resp := get()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || string(body) != "<rss>one</rss>" {
		t.Fatalf("first GET: %s %q", resp.Status, body)
	}
	etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if etag != f.ETag(1) || lm != f.LastModified() {
		t.Errorf("validators %q %q, want %q %q", etag, lm, f.ETag(1), f.LastModified())
	}
	if got := get("If-None-Match", etag).StatusCode; got != http.StatusNotModified {
		t.Errorf("If-None-Match with the ETag: %d, want 304", got)
	}
	if got := get("If-None-Match", `"other"`, "If-Modified-Since", lm).StatusCode; got != http.StatusOK {
		t.Errorf("a stale ETag wins over If-Modified-Since: %d, want 200", got)
	}
	if got := get("If-Modified-Since", lm).StatusCode; got != http.StatusNotModified {
		t.Errorf("If-Modified-Since: %d, want 304", got)
	}
	gz := get("Accept-Encoding", "gzip")
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatalf("gzip answer: %v", err)
	}
	if body, _ := io.ReadAll(zr); string(body) != "<rss>one</rss>" {
		t.Errorf("gzipped body %q", body)
	}
	if full, notMod := f.Counts(); full != 3 || notMod != 2 {
		t.Errorf("counts %d full, %d not modified; want 3, 2", full, notMod)
	}
	f.Reset()
	if full, notMod := f.Counts(); full != 0 || notMod != 0 {
		t.Errorf("after Reset: %d, %d", full, notMod)
	}
}
