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
// received, and returns the document to parse. An XML document may declare
// an encoding other than UTF-8 (ISO-8859-1, windows-1252, …) if it is one
// we know; gofeed then converts from it, and an unknown one is an error.
// Anything else is read as UTF-8 (JSON always is, RFC 8259), its invalid
// bytes as U+FFFD: one stray byte must not cost a whole feed its news. The
// HTTP Content-Type charset is not consulted.
func checkEncoding(doc []byte) ([]byte, error) {
	if enc := declaredEncoding(trimStart(doc)); enc != "" && enc != "utf-8" && enc != "utf8" {
		if e, _ := charset.Lookup(enc); e == nil {
			return doc, fmt.Errorf("unsupported encoding %q declared in the XML prolog", enc)
		}
		return doc, nil
	}
	if utf8.Valid(doc) {
		return doc, nil
	}
	return bytes.ToValidUTF8(doc, []byte("\uFFFD")), nil
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
