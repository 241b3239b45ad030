package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// feedBody is a minimal feed for fetch tests.
const feedBody = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>`

func TestFetchConditional(t *testing.T) {
	const lastModified = "Wed, 02 Dec 2015 14:40:00 GMT"
	tests := []struct {
		name string
		sent Validators // what the server sends with the body
	}{
		// An ETag alone makes the next fetch conditional.
		{"etag", Validators{ETag: `"v1"`}},
		// So does Last-Modified alone.
		{"last-modified", Validators{LastModified: lastModified}},
		// With both, both are sent back.
		{"both", Validators{ETag: `W/"v1"`, LastModified: lastModified}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				inm, ims := r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
				if (tt.sent.ETag != "" && inm == tt.sent.ETag) || (tt.sent.ETag == "" && ims == tt.sent.LastModified) {
					w.WriteHeader(http.StatusNotModified)
					return
				}
				if tt.sent.ETag != "" {
					w.Header().Set("ETag", tt.sent.ETag)
				}
				if tt.sent.LastModified != "" {
					w.Header().Set("Last-Modified", tt.sent.LastModified)
				}
				io.WriteString(w, feedBody)
			}))
			defer srv.Close()
			f := NewFetcher("")

			first, err := f.Fetch(context.Background(), srv.URL, Validators{})
			if err != nil {
				t.Fatal(err)
			}
			want := Response{Body: []byte(feedBody), Validators: tt.sent}
			if diff := cmp.Diff(want, first); diff != "" {
				t.Fatalf("first fetch (-want +got):\n%s", diff)
			}
			second, err := f.Fetch(context.Background(), srv.URL, first.Validators)
			if err != nil {
				t.Fatal(err)
			}
			want = Response{NotModified: true, Validators: tt.sent}
			if diff := cmp.Diff(want, second); diff != "" {
				t.Errorf("second fetch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFetchRequestHeaders(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		io.WriteString(w, feedBody)
	}))
	defer srv.Close()
	if _, err := NewFetcher("").Fetch(context.Background(), srv.URL, Validators{}); err != nil {
		t.Fatal(err)
	}
	if ua := got.Get("User-Agent"); !strings.HasPrefix(ua, "pactwatch/") || !strings.HasSuffix(ua, "(+https://github.com/pactwatch/pactwatch)") {
		t.Errorf("User-Agent = %q", ua)
	}
	if ae := got.Get("Accept-Encoding"); ae != "gzip" {
		t.Errorf("Accept-Encoding = %q, want gzip", ae)
	}
	if got.Get("If-None-Match") != "" || got.Get("If-Modified-Since") != "" {
		t.Errorf("unconditional fetch sent validators: %v", got)
	}
}

// A gzip bomb must fail at the limit, quickly and without holding the whole
// thing. The server streams a few hundred MB of zeros: one gzip member of
// 1 MiB of zeros, compressed once, repeated (concatenated members are one
// gzip stream, RFC 1952), so the test spends no time compressing.
// A body exactly at the limit is fine.
// A server that trickles a byte a second is cut off by the whole-fetch
// deadline, however patient each single read may be.
func TestFetchTrickle(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 30; i++ {
			w.Write([]byte{'<'})
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(time.Second):
			}
		}
	}))
	defer srv.Close()
	f := NewFetcher("")
	f.Timeout = time.Second
	start := time.Now()
	_, err := f.Fetch(context.Background(), srv.URL, Validators{})
	elapsed := time.Since(start)
	want := fmt.Sprintf("fetch %s: timed out after 1s (whole-fetch deadline): context deadline exceeded", srv.URL)
	if err == nil || err.Error() != want {
		t.Errorf("Fetch error = %v, want %q", err, want)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Fetch error %v is not context.DeadlineExceeded", err)
	}
	if elapsed > 2500*time.Millisecond {
		t.Errorf("Fetch took %v, want about 1s", elapsed)
	}
}

// The caller's context still applies: cancelling it stops the fetch.
func TestFetchCallerCancel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := NewFetcher("").Fetch(ctx, srv.URL, Validators{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Fetch error = %v, want context.DeadlineExceeded", err)
	}
}

func TestFetchRedirects(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		var n int
		fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
		switch {
		case r.URL.Path == "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case n > 0:
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusMovedPermanently)
		default:
			io.WriteString(w, feedBody)
		}
	}))
	defer srv.Close()
	tests := []struct {
		name     string
		path     string
		wantErr  string // "" for success
		wantHits int32
	}{
		// Five redirects are followed.
		{"five hops", "/hop/5", "", 6},
		// A sixth is not.
		{"six hops", "/hop/6", "stopped after 5 redirects", 6},
		// A loop stops after five.
		{"loop", "/loop", "stopped after 5 redirects", 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits.Store(0)
			_, err := NewFetcher("").Fetch(context.Background(), srv.URL+tt.path, Validators{})
			if tt.wantErr == "" && err != nil {
				t.Errorf("Fetch: %v", err)
			}
			if want := fmt.Sprintf("fetch %s%s: %s", srv.URL, tt.path, tt.wantErr); tt.wantErr != "" && (err == nil || err.Error() != want) {
				t.Errorf("Fetch error = %v, want %q", err, want)
			}
			if got := hits.Load(); got != tt.wantHits {
				t.Errorf("server saw %d requests, want %d", got, tt.wantHits)
			}
		})
	}
}

func TestFetchHTTPErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		want   string // after "fetch URL: "
	}{
		// A missing feed.
		{"not found", http.StatusNotFound, "HTTP 404 Not Found"},
		// A broken server.
		{"server error", http.StatusInternalServerError, "HTTP 500 Internal Server Error"},
		// An overloaded one.
		{"unavailable", http.StatusServiceUnavailable, "HTTP 503 Service Unavailable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "nope", tt.status)
			}))
			defer srv.Close()
			_, err := NewFetcher("").Fetch(context.Background(), srv.URL, Validators{})
			if want := "fetch " + srv.URL + ": " + tt.want; err == nil || err.Error() != want {
				t.Errorf("Fetch error = %v, want %q", err, want)
			}
			var se *StatusError
			if !errors.As(err, &se) || se.Code != tt.status {
				t.Errorf("Fetch error %v is not a StatusError with code %d", err, tt.status)
			}
		})
	}
}

// A 304 to a request that sent no validators leaves nothing to reuse.
func TestFetchUnconditional304(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	}))
	defer srv.Close()
	_, err := NewFetcher("").Fetch(context.Background(), srv.URL, Validators{})
	if err == nil || !strings.Contains(err.Error(), "304 Not Modified to a request that was not conditional") {
		t.Errorf("Fetch error = %v", err)
	}
}

func TestFetchUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String() + "/feed"
	l.Close()
	_, err = NewFetcher("").Fetch(context.Background(), url, Validators{})
	if err == nil || !strings.HasPrefix(err.Error(), "fetch "+url+": dial tcp") || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("Fetch error = %v, want a refused connection", err)
	}
}

func TestFetchBadSource(t *testing.T) {
	tests := []struct {
		name, source, want string
	}{
		// Nothing to fetch.
		{"empty", " ", "fetch: no source given"},
		// A scheme we do not speak.
		{"ftp", "ftp://example.com/feed", `fetch ftp://example.com/feed: unsupported scheme "ftp" (want http, https or file)`},
		// A remote file URL.
		{"remote file", "file://server/share/feed.xml", `fetch file://server/share/feed.xml: file URL names host "server": only local files can be read`},
		// An http URL that does not parse.
		{"bad url", "http://[::1/feed", "fetch http://[::1/feed: bad URL: missing ']' in host"},
		// A password in the URL is not repeated in errors.
		{"password", "http://user:secret@[::1/feed", "bad URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewFetcher("").Fetch(context.Background(), tt.source, Validators{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Fetch error = %v, want it to contain %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("Fetch error %q shows the password", err)
			}
		})
	}
}
