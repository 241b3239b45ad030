package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// Item is one feed entry, normalised: text fields are plain text (HTML
// stripped, entities decoded, whitespace collapsed) and times are UTC.
type Item struct {
	// Key is the item's stable identity within its feed: "guid:" and the
	// GUID; else "link:" and the canonical link; else "hash:" and the hex
	// SHA-256 of Title, Summary and Published (RFC 3339), one per line.
	Key        string
	GUID       string    // Atom id, JSON Feed id or RSS guid, trimmed; "" if none
	Link       string    // canonical link (see CanonicalLink); "" if none
	RawLink    string    // the link as the feed gives it, trimmed
	Title      string    // one line
	Summary    string    // description or summary; paragraphs on lines of their own
	Content    string    // full content, stripped like Summary; "" if the same as Summary
	Categories []string  // plain text, without empty ones or repeats
	Published  time.Time // UTC; the published time, else the updated one, else zero
	Author     string    // the first author's name (or email)
}

// newItem normalises one gofeed item. Relative links are resolved against
// base, the feed's home page, when there is one.
func newItem(gi *gofeed.Item, base *url.URL) Item {
	it := Item{
		GUID:       strings.TrimSpace(gi.GUID),
		RawLink:    rawLink(gi),
		Title:      cleanTitle(gi.Title),
		Summary:    StripHTML(gi.Description),
		Content:    StripHTML(gi.Content),
		Categories: categories(gi.Categories),
		Published:  published(gi),
		Author:     author(gi),
	}
	it.Link = CanonicalLink(resolve(base, it.RawLink))
	if it.Content == it.Summary {
		it.Content = ""
	}
	it.Key = it.key()
	return it
}

// key computes Item.Key.
func (it Item) key() string {
	if it.GUID != "" {
		return "guid:" + it.GUID
	}
	if it.Link != "" {
		return "link:" + it.Link
	}
	var pub string
	if !it.Published.IsZero() {
		pub = it.Published.Format(time.RFC3339)
	}
	sum := sha256.Sum256([]byte(it.Title + "\n" + it.Summary + "\n" + pub))
	return "hash:" + hex.EncodeToString(sum[:])
}

// empty reports whether the item has nothing to show or match: no title, no
// link and no text.
func (it Item) empty() bool {
	return it.Title == "" && it.Link == "" && it.Summary == "" && it.Content == ""
}

// rawLink returns the item's main link: the one gofeed chose (Atom's
// alternate link), else the first link given.
func rawLink(gi *gofeed.Item) string {
	if l := strings.TrimSpace(gi.Link); l != "" {
		return l
	}
	for _, l := range gi.Links {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// published returns the item's publication time in UTC, falling back to the
// update time. gofeed keeps a dc:date's own offset, hence the conversion.
func published(gi *gofeed.Item) time.Time {
	switch {
	case gi.PublishedParsed != nil:
		return gi.PublishedParsed.UTC()
	case gi.UpdatedParsed != nil:
		return gi.UpdatedParsed.UTC()
	}
	return time.Time{}
}

// author returns the name of the item's first author, or the email address
// when no name is given.
func author(gi *gofeed.Item) string {
	people := gi.Authors
	if gi.Author != nil {
		people = append([]*gofeed.Person{gi.Author}, people...)
	}
	for _, p := range people {
		if p == nil {
			continue
		}
		if name := cleanTitle(p.Name); name != "" {
			return name
		}
		if email := strings.TrimSpace(p.Email); email != "" {
			return email
		}
	}
	return ""
}

// categories cleans the item's categories, dropping empty and repeated ones.
func categories(raw []string) []string {
	var out []string
	seen := make(map[string]bool, len(raw))
	for _, c := range raw {
		c = cleanTitle(c)
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, c)
	}
	return out
}

// baseURL returns the feed's home page as a base for relative item links,
// or nil when it is not an absolute http(s) URL.
func baseURL(link string) *url.URL {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	return u
}

// resolve makes a relative link absolute against base; absolute links, and
// every link when there is no base, are returned unchanged.
func resolve(base *url.URL, link string) string {
	if base == nil || link == "" {
		return link
	}
	u, err := url.Parse(link)
	if err != nil || u.IsAbs() {
		return link
	}
	return base.ResolveReference(u).String()
}
