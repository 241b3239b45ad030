package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestFetchGzip(t *testing.T) {
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	io.WriteString(zw, feedBody)
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(zipped.Bytes())
	}))
	defer srv.Close()
	resp, err := NewFetcher("").Fetch(context.Background(), srv.URL, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(feedBody, string(resp.Body)); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestFetchGzipBomb(t *testing.T) {
	const members = 512 // 512 MiB decompressed
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		pr, pw := io.Pipe()
		go func() {
			for range members {
				if _, err := pw.Write(member.Bytes()); err != nil {
					return
				}
			}
			pw.Close()
		}()
		io.Copy(w, pr)
		pr.Close()
	}))
	defer srv.Close()

	f := NewFetcher("")
	f.MaxBytes = 1 << 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := f.Fetch(context.Background(), srv.URL, Validators{})
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)

	want := fmt.Sprintf("fetch %s: body exceeds 1048576 bytes", srv.URL)
	if err == nil || err.Error() != want {
		t.Fatalf("Fetch error = %v, want %q", err, want)
	}
	if elapsed > 10*time.Second { // generous for -race on a busy machine
		t.Errorf("Fetch took %v, want it to fail fast", elapsed)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("Fetch allocated %d MiB, want it bounded near the 1 MiB limit", alloc>>20)
	}
}

func TestFetchTooLarge(t *testing.T) {
	big := strings.Repeat("x", 2<<20)
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		// A Content-Length over the limit fails before the body is read.
		{"content-length", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, big)
		}},
		// A chunked body fails once the limit is passed.
		{"chunked", func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < len(big); i += 64 << 10 {
				io.WriteString(w, big[i:i+64<<10])
				w.(http.Flusher).Flush()
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			f := NewFetcher("")
			f.MaxBytes = 1 << 20
			_, err := f.Fetch(context.Background(), srv.URL, Validators{})
			want := fmt.Sprintf("fetch %s: body exceeds 1048576 bytes", srv.URL)
			if err == nil || err.Error() != want {
				t.Errorf("Fetch error = %v, want %q", err, want)
			}
		})
	}
}

func TestFetchAtLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, feedBody)
	}))
	defer srv.Close()
	f := NewFetcher("")
	f.MaxBytes = int64(len(feedBody))
	if _, err := f.Fetch(context.Background(), srv.URL, Validators{}); err != nil {
		t.Errorf("Fetch: %v", err)
	}
}
