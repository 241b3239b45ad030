package feed

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// readBody reads an HTTP response body, undoing gzip, and fails as soon as
// more than limit bytes arrive, before or after decompression. Memory stays
// bounded by the limit however well the body compresses, so a gzip bomb
// fails fast.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	raw := &cappedReader{r: resp.Body, left: limit}
	var r io.Reader = raw
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(raw)
		if err != nil {
			return nil, bodyError(raw, fmt.Errorf("read gzip body: %w", err), limit)
		}
		defer zr.Close()
		r = zr
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", enc)
	}
	body, err := readAll(r, limit)
	if err != nil {
		return nil, bodyError(raw, err, limit)
	}
	return body, nil
}

// bodyError prefers "too large" to whatever a decoder made of a body that
// was cut off at the limit.
func bodyError(raw *cappedReader, err error, limit int64) error {
	if raw.exceeded {
		return tooLarge(limit)
	}
	return err
}

// readAll reads r to its end, failing once more than limit bytes are read.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	c := &cappedReader{r: r, left: limit}
	b, err := io.ReadAll(c)
	if c.exceeded {
		return nil, tooLarge(limit)
	}
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	return b, nil
}

// tooLarge is the error for a body over the limit.
func tooLarge(limit int64) error {
	return fmt.Errorf("body exceeds %d bytes", limit)
}

// cappedReader passes at most left bytes through, then fails (and records
// that it did) if its source has any more.
type cappedReader struct {
	r        io.Reader
	left     int64
	exceeded bool
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.exceeded {
		return 0, errExceeded
	}
	if c.left <= 0 {
		// At the limit: the body is fine only if it ends here.
		var probe [1]byte
		n, err := c.r.Read(probe[:])
		if n > 0 {
			c.exceeded = true
			return 0, errExceeded
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// errExceeded stops a read at the limit; callers report tooLarge instead.
var errExceeded = fmt.Errorf("size limit exceeded")
