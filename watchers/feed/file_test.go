package feed

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestFetchFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "feeds", "local.xml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(feedBody), 0o644); err != nil {
		t.Fatal(err)
	}
	f := NewFetcher(dir)
	tests := []struct {
		name   string
		source string
	}{
		// A path relative to the base folder.
		{"relative", "feeds/local.xml"},
		// An absolute path.
		{"absolute", path},
		// A file URL.
		{"file url", "file://" + filepath.ToSlash(path)},
		// A file URL naming localhost.
		{"localhost url", "file://localhost" + filepath.ToSlash(path)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, err := f.Fetch(context.Background(), tt.source, Validators{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(feedBody, string(first.Body)); diff != "" || first.NotModified {
				t.Fatalf("first fetch: NotModified %v, body (-want +got):\n%s", first.NotModified, diff)
			}
			second, err := f.Fetch(context.Background(), tt.source, first.Validators)
			if err != nil {
				t.Fatal(err)
			}
			want := Response{NotModified: true, Validators: first.Validators}
			if diff := cmp.Diff(want, second); diff != "" {
				t.Errorf("second fetch (-want +got):\n%s", diff)
			}
		})
	}
}

// A file rewritten within the same second still counts as changed: the
// ETag has the size and the nanosecond modification time.
func TestFetchFileChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.xml")
	mtime := time.Date(2015, 5, 8, 17, 15, 0, 100, time.UTC)
	write := func(body string, at time.Time) {
		t.Helper()
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, at, at); err != nil {
			t.Fatal(err)
		}
	}
	write(feedBody, mtime)
	f := NewFetcher("")
	first, err := f.Fetch(context.Background(), path, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Fri, 08 May 2015 17:15:00 GMT"; first.Validators.LastModified != want {
		t.Errorf("LastModified = %q, want %q", first.Validators.LastModified, want)
	}
	write(strings.ToUpper(feedBody), mtime.Add(time.Millisecond))
	second, err := f.Fetch(context.Background(), path, first.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if second.NotModified || string(second.Body) != strings.ToUpper(feedBody) {
		t.Errorf("second fetch = %+v, want the new body", second)
	}
	// Only Last-Modified known (whole seconds): the same second is unchanged.
	third, err := f.Fetch(context.Background(), path, Validators{LastModified: first.Validators.LastModified})
	if err != nil || !third.NotModified {
		t.Errorf("third fetch = %+v, %v; want NotModified", third, err)
	}
}

func TestFetchFileErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.xml"), []byte(strings.Repeat("x", 2048)), 0o644); err != nil {
		t.Fatal(err)
	}
	f := NewFetcher(dir)
	f.MaxBytes = 1024
	tests := []struct {
		name, source, want string
	}{
		// A file that is not there.
		{"missing", "nope.xml", "fetch nope.xml: open " + filepath.Join(dir, "nope.xml") + ": no such file or directory"},
		// A file over the limit.
		{"too large", "big.xml", "fetch big.xml: body exceeds 1024 bytes"},
		// A folder.
		{"directory", ".", "fetch .: " + dir + " is not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), tt.source, Validators{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("Fetch error = %v, want %q", err, tt.want)
			}
		})
	}
}
