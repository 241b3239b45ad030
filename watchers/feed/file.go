package feed

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
)

// fetchFile reads a local feed. Its size and modification time stand in for
// the validators a server would send, so an unchanged file is NotModified.
func (f *Fetcher) fetchFile(ctx context.Context, path string, prev Validators) (Response, error) {
	if err := ctx.Err(); err != nil {
		return Response{}, err
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(f.BaseDir, path)
	}
	file, err := os.Open(path)
	if err != nil {
		return Response{}, err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return Response{}, err
	}
	if !info.Mode().IsRegular() {
		return Response{}, fmt.Errorf("%s is not a regular file", path)
	}
	v := Validators{
		ETag:         fmt.Sprintf(`"%d-%d"`, info.Size(), info.ModTime().UnixNano()),
		LastModified: info.ModTime().UTC().Format(http.TimeFormat),
	}
	if unchanged(prev, v) {
		return Response{NotModified: true, Validators: v}, nil
	}
	limit := f.maxBytes()
	if info.Size() > limit {
		return Response{}, tooLarge(limit)
	}
	body, err := readAll(file, limit)
	if err != nil {
		return Response{}, fmt.Errorf("%s: %w", path, err)
	}
	return Response{Body: body, Validators: v}, nil
}

// unchanged reports whether a file's validators match those of the last
// fetch. The ETag (size and nanosecond mtime) decides when there is one;
// Last-Modified has only whole seconds.
func unchanged(prev, cur Validators) bool {
	if prev.ETag != "" {
		return prev.ETag == cur.ETag
	}
	return prev.LastModified != "" && prev.LastModified == cur.LastModified
}

// filePath returns the path a file: URL names. file:///abs/path and
// file://localhost/abs/path are absolute; file:rel/path is relative.
func filePath(source string) (string, error) {
	u, err := url.Parse(source)
	if err != nil {
		return "", fmt.Errorf("bad file URL: %w", err)
	}
	if u.Host != "" && u.Host != "localhost" {
		return "", fmt.Errorf("file URL names host %q: only local files can be read", u.Host)
	}
	if u.Opaque != "" {
		return url.PathUnescape(u.Opaque)
	}
	if u.Path == "" {
		return "", fmt.Errorf("file URL names no path")
	}
	return filepath.FromSlash(u.Path), nil
}
