package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// Defaults used by NewFetcher, and by a zero Fetcher for the fields it
// leaves unset.
const (
	DefaultMaxBytes = 10 << 20         // body limit after decompression
	DefaultTimeout  = 60 * time.Second // whole-fetch deadline
)

// DefaultUserAgent names pactwatch and its version to the servers it polls.
var DefaultUserAgent = "pactwatch/" + version() + " (+https://github.com/pactwatch/pactwatch)"

// Validators are what a server (or file) said about the last body fetched,
// kept so the next fetch can be conditional.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is the outcome of a successful fetch.
type Response struct {
	NotModified bool       // the source has not changed since prev: there is no Body
	Body        []byte     // the body, decompressed
	Validators  Validators // to pass as prev to the next Fetch
}

// Fetcher gets feed documents over HTTP(S) or from local files. Its zero
// value works and uses the defaults; it is safe for concurrent use once set
// up.
type Fetcher struct {
	Client    *http.Client  // nil: a shared one from NewClient; a custom client keeps its own redirect policy
	UserAgent string        // "": DefaultUserAgent
	MaxBytes  int64         // <= 0: DefaultMaxBytes
	Timeout   time.Duration // bounds each whole fetch; <= 0: DefaultTimeout
	BaseDir   string        // relative file paths are relative to it (the config file's folder)
}

// NewFetcher returns a Fetcher with every default filled in and its own
// client; local paths are read relative to baseDir.
func NewFetcher(baseDir string) *Fetcher {
	return &Fetcher{
		Client:    NewClient(),
		UserAgent: DefaultUserAgent,
		MaxBytes:  DefaultMaxBytes,
		Timeout:   DefaultTimeout,
		BaseDir:   baseDir,
	}
}

// Fetch gets source, an http(s) URL, a file:// URL or a local path. When prev
// holds validators from the last fetch and the source has not changed, the
// Response says NotModified and has no body. The whole fetch is bounded by
// f.Timeout, or by ctx's deadline if that comes first. Errors start with
// "fetch SOURCE:" and say what went wrong: the connection, a timeout, the
// HTTP status, too many redirects or a body over f.MaxBytes.
func (f *Fetcher) Fetch(ctx context.Context, source string, prev Validators) (Response, error) {
	source = strings.TrimSpace(source)
	if source == "" {
		return Response{}, errors.New("fetch: no source given")
	}
	resp, err := f.fetch(ctx, source, prev)
	if err != nil {
		return Response{}, fmt.Errorf("fetch %s: %w", Redact(source), err)
	}
	return resp, nil
}

func (f *Fetcher) fetch(ctx context.Context, source string, prev Validators) (Response, error) {
	lower := strings.ToLower(source)
	switch {
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"):
		return f.fetchHTTP(ctx, source, prev)
	case strings.HasPrefix(lower, "file:"):
		path, err := filePath(source)
		if err != nil {
			return Response{}, err
		}
		return f.fetchFile(ctx, path, prev)
	case strings.Contains(source, "://"):
		scheme, _, _ := strings.Cut(source, "://")
		return Response{}, fmt.Errorf("unsupported scheme %q (want http, https or file)", scheme)
	}
	return f.fetchFile(ctx, source, prev)
}

func (f *Fetcher) userAgent() string {
	if f.UserAgent == "" {
		return DefaultUserAgent
	}
	return f.UserAgent
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return f.MaxBytes
}

func (f *Fetcher) timeout() time.Duration {
	if f.Timeout <= 0 {
		return DefaultTimeout
	}
	return f.Timeout
}

// version is the module version pactwatch was built as, or "dev".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
