package watchers

import (
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
func readClaims(it *feed.Item, doc *query.Document, matched []*tracked) map[string]claims.Finding {
	readers := make([]*claims.Compiled, len(matched))
	for i, t := range matched {
		readers[i] = t.reader
	}
	if doc != nil && !claims.MayClaim(doc, readers) {
		return map[string]claims.Finding{} // no status word: nothing to read
	}
	all := claims.Read(claims.Item{Title: it.Title, Summary: it.Summary, Content: it.Content, Published: it.Published}, readers)
	out := make(map[string]claims.Finding, len(matched))
	for i, t := range matched {
		out[t.ID] = claims.Weigh(all[i])
	}
	return out
}
