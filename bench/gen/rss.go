package gen

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"
)

// RSS returns an RSS 2.0 document of items, as a news site's feed: the
// description is HTML, escaped.
func RSS(feed int, items []Item, built time.Time) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n<channel>\n")
	fmt.Fprintf(&b, "  <title>News %04d: World</title>\n  <link>https://news%04d.example/</link>\n", feed, feed)
	fmt.Fprintf(&b, "  <description>World and policy news from News %04d</description>\n  <language>en</language>\n", feed)
	fmt.Fprintf(&b, "  <lastBuildDate>%s</lastBuildDate>\n", built.Format(time.RFC1123Z))
	for _, it := range items {
		b.WriteString("  <item>\n    <title>")
		esc(&b, it.Title)
		b.WriteString("</title>\n    <link>")
		esc(&b, it.Link)
		b.WriteString("</link>\n    <guid isPermaLink=\"false\">")
		esc(&b, it.GUID)
		fmt.Fprintf(&b, "</guid>\n    <pubDate>%s</pubDate>\n", it.Published.Format(time.RFC1123Z))
		for _, c := range it.Categories {
			b.WriteString("    <category>")
			esc(&b, c)
			b.WriteString("</category>\n")
		}
		b.WriteString("    <description>")
		esc(&b, it.Description)
		b.WriteString("</description>\n  </item>\n")
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.Bytes()
}

func esc(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // writing to a bytes.Buffer does not fail
}
