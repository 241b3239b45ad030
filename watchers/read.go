package watchers

import (
	"fmt"

	"github.com/pactwatch/pactwatch/watchers/claims"
	"github.com/pactwatch/pactwatch/watchers/feed"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// readClaims reads what an item says of each agreement it matched, its
// claims weighed into a finding: the status it reports as news (strongly
// or weakly), the status it denies, and the earlier events it recalls.
// The agreements are read together: a sentence about one is not about
// another.
// doc is the item's text as matched, or nil.
//
// A panic while reading (a sentence no rule foresaw) loses the item's
// claims, not the item or its feed: the item is still a mention, and the
// error says which item it was.
func readClaims(it *feed.Item, doc *query.Document, matched []*tracked) (found map[string]claims.Finding, err error) {
	defer func() {
		if r := recover(); r != nil {
			found, err = map[string]claims.Finding{}, fmt.Errorf("reading %q (%s): %v", it.Title, it.Link, r)
		}
	}()
	readers := make([]*claims.Compiled, len(matched))
	for i, t := range matched {
		readers[i] = t.reader
	}
	if doc != nil && !claims.MayClaim(doc, readers) {
		return map[string]claims.Finding{}, nil // no status word: nothing to read
	}
	all := readItem(claims.Item{Title: it.Title, Summary: it.Summary, Content: it.Content, Published: it.Published}, readers)
	out := make(map[string]claims.Finding, len(matched))
	for i, t := range matched {
		out[t.ID] = claims.Weigh(all[i])
	}
	return out, nil
}

// readItem reads an item's claims; a variable so that a test can make it
// fail as no real sentence does yet.
var readItem = claims.Read
