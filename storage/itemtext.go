package storage

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/klauspost/compress/s2"
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
//
// S2 (Snappy's faster successor) compresses: the text is encoded on every
// new item of a poll, and S2 costs about 3 µs for a 1.4 KB article against
// 33 µs for DEFLATE (stdlib, BestSpeed: its writer's reset dominates on
// short texts) and 16 µs for zstd's fastest level, for 77% of the size
// against 54% and 57% (measured on the real-news dev set's articles).
const (
	textRaw = 'r' // the fields as they are
	textS2  = 's' // the fields, one S2 block
	// compressFrom is the shortest text compressed: below it the saving
	// does not pay (most summaries are a sentence or two).
	compressFrom = 256
	// MaxTextField bounds each field kept, in bytes (a hostile feed's
	// megabytes of content are not kept whole): far more than an article.
	MaxTextField = 128 << 10
	maxPlain     = 3*MaxTextField + 2 // three fields and their separators
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
	if len(plain) >= compressFrom {
		out := make([]byte, 1+s2.MaxEncodedLen(len(plain)))
		out[0] = textS2
		if n := len(s2.Encode(out[1:], plain)); n < len(plain) {
			return out[: 1+n : 1+n]
		}
	}
	return append([]byte{textRaw}, plain...)
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
	case textS2:
		n, err := s2.DecodedLen(b[1:])
		if err != nil || n > maxPlain {
			return ItemText{}, fmt.Errorf("%w: bad length", errBadText)
		}
		if plain, err = s2.Decode(make([]byte, n), b[1:]); err != nil {
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

var textBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}
