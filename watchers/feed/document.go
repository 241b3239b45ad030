package feed

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// xmlEncoding finds the encoding named in an XML declaration.
var xmlEncoding = regexp.MustCompile(`^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']`)

// trimStart drops a UTF-8 byte order mark and leading whitespace, which
// some servers put before the XML declaration.
func trimStart(body []byte) []byte {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	return bytes.TrimLeft(body, " \t\r\n")
}

// declaredEncoding returns the encoding an XML document declares in its
// prolog, lower-cased, or "" if it declares none.
func declaredEncoding(body []byte) string {
	m := xmlEncoding.FindSubmatch(body[:min(len(body), 512)])
	if m == nil {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(string(m[1])))
}

// checkEncoding applies our rule for text encodings to doc, a document as
// received. A document whose XML prolog declares no encoding, or UTF-8,
// must be valid UTF-8, and so must JSON (RFC 8259). An XML document may
// declare another encoding (ISO-8859-1, windows-1252, …) if it is one we
// know; gofeed then converts from it. The HTTP Content-Type charset is not
// consulted. Invalid bytes are an error rather than silently replaced,
// because a feed that garbles its text would match nothing and look healthy.
func checkEncoding(doc []byte) error {
	if enc := declaredEncoding(trimStart(doc)); enc != "" && enc != "utf-8" && enc != "utf8" {
		if e, _ := charset.Lookup(enc); e == nil {
			return fmt.Errorf("unsupported encoding %q declared in the XML prolog", enc)
		}
		return nil
	}
	if utf8.Valid(doc) {
		return nil
	}
	at := 0
	for at < len(doc) {
		r, size := utf8.DecodeRune(doc[at:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		at += size
	}
	return fmt.Errorf("invalid UTF-8 at byte %d (a document that is not UTF-8 must declare its encoding in the XML prolog)", at)
}

// htmlMarkers start an HTML page, and never a feed's root element.
var htmlMarkers = []string{"<!doctype html", "<html", "<head", "<body"}

// looksLikeHTML reports whether the start of body looks like an HTML page.
func looksLikeHTML(body []byte) bool {
	start := strings.ToLower(string(body[:min(len(body), detectWindow)]))
	for _, m := range htmlMarkers {
		if strings.Contains(start, m) {
			return true
		}
	}
	return false
}
