package storage

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"
)

// ItemText is what an item said besides its title, as the feed gave it
// (HTML stripped): kept with the item for as long as the item is, so that
// the stored items can be judged again under a changed config (replay).
type ItemText struct {
	Summary    string
	Content    string
	Categories []string
}

// How items.body is written: a tag byte, then the summary, the content
// and the categories separated by NUL (text from a feed never keeps a NUL:
// it is dropped), the categories by the unit separator.
const (
	textRaw     = 'r' // the fields as they are
	textDeflate = 'f' // the fields, raw DEFLATE
	// deflateFrom is the shortest text compressed: below it the saving
	// does not pay for the CPU (most summaries are a sentence or two).
	deflateFrom = 256
	// MaxTextField bounds each field kept, in bytes (a hostile feed's
	// megabytes of content are not kept whole): far more than an article.
	MaxTextField = 128 << 10
)

var errBadText = errors.New("stored item text is corrupt")

// EncodeText returns the stored form of t: compressed when it is long
// enough for that to pay, nil when there is no text at all.
func EncodeText(t ItemText) []byte {
	if t.Summary == "" && t.Content == "" && len(t.Categories) == 0 {
		return nil
	}
	buf := textBufs.Get().(*bytes.Buffer)
	defer textBufs.Put(buf)
	buf.Reset()
	writeField(buf, t.Summary)
	buf.WriteByte(0)
	writeField(buf, t.Content)
	buf.WriteByte(0)
	for i, c := range t.Categories {
		if i > 0 {
			buf.WriteByte(0x1f)
		}
		writeField(buf, strings.ReplaceAll(c, "\x1f", " "))
	}
	plain := buf.Bytes()
	if len(plain) < deflateFrom {
		return append([]byte{textRaw}, plain...)
	}
	zw := deflaters.Get().(*deflater)
	defer deflaters.Put(zw)
	zw.out.Reset()
	zw.out.WriteByte(textDeflate)
	zw.w.Reset(&zw.out)
	zw.w.Write(plain) // a bytes.Buffer does not fail
	zw.w.Close()
	if zw.out.Len() >= len(plain)+1 { // incompressible: keep it as it is
		return append([]byte{textRaw}, plain...)
	}
	return bytes.Clone(zw.out.Bytes())
}

// writeField writes s without NULs, cut to MaxTextField at a character
// boundary.
func writeField(buf *bytes.Buffer, s string) {
	if len(s) > MaxTextField {
		n := MaxTextField
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	buf.WriteString(s)
}

// DecodeText reads what EncodeText wrote. Empty input is an item stored
// without text (before texts were kept, or with none).
func DecodeText(b []byte) (ItemText, error) {
	if len(b) == 0 {
		return ItemText{}, nil
	}
	var plain []byte
	switch b[0] {
	case textRaw:
		plain = b[1:]
	case textDeflate:
		zr := inflaters.Get().(io.ReadCloser)
		defer inflaters.Put(zr)
		if err := zr.(flate.Resetter).Reset(bytes.NewReader(b[1:]), nil); err != nil {
			return ItemText{}, fmt.Errorf("%w: %v", errBadText, err)
		}
		var err error
		if plain, err = io.ReadAll(io.LimitReader(zr, 3*MaxTextField+2+1)); err != nil {
			return ItemText{}, fmt.Errorf("%w: %v", errBadText, err)
		}
	default:
		return ItemText{}, fmt.Errorf("%w: unknown encoding %q", errBadText, b[0])
	}
	parts := bytes.SplitN(plain, []byte{0}, 3)
	if len(parts) != 3 {
		return ItemText{}, fmt.Errorf("%w: %d fields", errBadText, len(parts))
	}
	t := ItemText{Summary: string(parts[0]), Content: string(parts[1])}
	if len(parts[2]) > 0 {
		for _, c := range bytes.Split(parts[2], []byte{0x1f}) {
			t.Categories = append(t.Categories, string(c))
		}
	}
	return t, nil
}

// deflater is a DEFLATE writer with its output buffer: a flate.Writer
// holds about a megabyte of tables, so they are made once and reused.
type deflater struct {
	w   *flate.Writer
	out bytes.Buffer
}

var (
	textBufs  = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	deflaters = sync.Pool{New: func() any {
		d := new(deflater)
		d.w, _ = flate.NewWriter(&d.out, flate.BestSpeed) // the level is valid
		return d
	}}
	inflaters = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}
)
