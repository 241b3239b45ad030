package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// acceptFeeds asks for the feed formats we parse, and anything else after.
const acceptFeeds = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"

// errWholeFetchDeadline is the cause of the context that bounds one fetch,
// to tell our deadline from the caller's.
var errWholeFetchDeadline = errors.New("whole-fetch deadline passed")

// StatusError is an HTTP answer other than 2xx or 304.
type StatusError struct {
	Code   int    // e.g. 503
	Status string // e.g. "503 Service Unavailable"
}

func (e *StatusError) Error() string { return "HTTP " + e.Status }

// fetchHTTP makes a conditional GET and reads the body under the size limit.
func (f *Fetcher) fetchHTTP(ctx context.Context, source string, prev Validators) (Response, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, f.timeout(), errWholeFetchDeadline)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, source, nil)
	if err != nil {
		return Response{}, fmt.Errorf("bad URL: %w", unwrapURLError(err))
	}
	req.Header.Set("User-Agent", f.userAgent())
	req.Header.Set("Accept", acceptFeeds)
	req.Header.Set("Accept-Encoding", "gzip")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := f.client().Do(req)
	if err != nil {
		return Response{}, f.requestError(ctx, err)
	}
	defer resp.Body.Close()

	v := Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		if prev == (Validators{}) {
			return Response{}, errors.New("HTTP 304 Not Modified to a request that was not conditional")
		}
		// A 304 may leave out validators that still hold.
		if v.ETag == "" {
			v.ETag = prev.ETag
		}
		if v.LastModified == "" {
			v.LastModified = prev.LastModified
		}
		return Response{NotModified: true, Validators: v}, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10) // lets the connection be reused
		return Response{}, &StatusError{Code: resp.StatusCode, Status: resp.Status}
	}
	body, err := readBody(resp, f.maxBytes())
	if err != nil {
		return Response{}, f.requestError(ctx, err)
	}
	return Response{Body: body, Validators: v}, nil
}

// requestError makes an error from the client or the body read say what
// happened without repeating the URL (Fetch names it already).
func (f *Fetcher) requestError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		if context.Cause(ctx) == errWholeFetchDeadline {
			return fmt.Errorf("timed out after %s (whole-fetch deadline): %w", f.timeout(), context.DeadlineExceeded)
		}
		return ctx.Err()
	}
	return unwrapURLError(err)
}

// unwrapURLError drops the "Get URL:" wrapper of net/http's errors.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func (f *Fetcher) client() *http.Client {
	if f.Client != nil {
		return f.Client
	}
	return sharedClient()
}
