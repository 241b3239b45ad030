// Package farm serves generated feeds on loopback, as news sites do: with
// an ETag and Last-Modified, answering conditional requests with 304, and
// gzip when asked. It counts full answers and 304s, so a benchmark can tell
// how many feeds a poll had to parse.
package farm

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Farm is a running feed server. Close it when done.
type Farm struct {
	srv      *httptest.Server
	feeds    []feed
	modified string // Last-Modified of every feed
	full     atomic.Int64
	notMod   atomic.Int64
}

type feed struct {
	body, gz []byte
	etag     string
}

// New serves bodies at /feeds/N.xml, N from 0, all last modified at
// modified, on a loopback port.
func New(bodies [][]byte, modified time.Time) (*Farm, error) {
	f := &Farm{modified: modified.UTC().Format(http.TimeFormat)}
	for _, b := range bodies {
		var gz bytes.Buffer
		w, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		f.feeds = append(f.feeds, feed{body: b, gz: gz.Bytes(), etag: `"` + hex.EncodeToString(sum[:8]) + `"`})
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	return f, nil
}

// URL is the address of feed i.
func (f *Farm) URL(i int) string { return fmt.Sprintf("%s/feeds/%d.xml", f.srv.URL, i) }

// URLs are the addresses of every feed, in order.
func (f *Farm) URLs() []string {
	out := make([]string, len(f.feeds))
	for i := range out {
		out[i] = f.URL(i)
	}
	return out
}

// ETag is feed i's entity tag.
func (f *Farm) ETag(i int) string { return f.feeds[i].etag }

// LastModified is when every feed last changed, as the header says it.
func (f *Farm) LastModified() string { return f.modified }

// Counts returns the full (200) and not-modified (304) answers since the
// last Reset.
func (f *Farm) Counts() (full, notModified int64) { return f.full.Load(), f.notMod.Load() }

// Reset zeroes the counts.
func (f *Farm) Reset() { f.full.Store(0); f.notMod.Store(0) }

// Bytes is the size of every feed, uncompressed and gzipped.
func (f *Farm) Bytes() (raw, gzipped int64) {
	for _, fd := range f.feeds {
		raw += int64(len(fd.body))
		gzipped += int64(len(fd.gz))
	}
	return raw, gzipped
}

// Close stops the server and closes its connections.
func (f *Farm) Close() { f.srv.Close() }

func (f *Farm) serve(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutPrefix(r.URL.Path, "/feeds/")
	i, err := strconv.Atoi(strings.TrimSuffix(name, ".xml"))
	if !ok || err != nil || i < 0 || i >= len(f.feeds) || r.Method != http.MethodGet {
		http.NotFound(w, r)
		return
	}
	fd := f.feeds[i]
	h := w.Header()
	h.Set("ETag", fd.etag)
	h.Set("Last-Modified", f.modified)
	h.Set("Vary", "Accept-Encoding")
	if notModified(r, fd.etag, f.modified) {
		f.notMod.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	f.full.Add(1)
	h.Set("Content-Type", "application/rss+xml; charset=utf-8")
	body := fd.body
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = fd.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

// notModified applies RFC 9110's order: If-None-Match when present, else
// If-Modified-Since (our times are all the same, so equality will do).
func notModified(r *http.Request, etag, modified string) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == etag || t == "*" {
				return true
			}
		}
		return false
	}
	ims, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	mod, _ := http.ParseTime(modified)
	return err == nil && !mod.After(ims)
}
