package watchers

import (
	"slices"
	"strings"
	"sync"

	"github.com/pactwatch/pactwatch/watchers/feed"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// matchAll returns the agreements of readers whose match query the
// document satisfies, in config order. readers are agreements of one plan,
// in config order, as plan.byFeed and plan.all hold them: only the
// candidates of the plan's index are evaluated.
func matchAll(readers []*tracked, doc *query.Document) []*tracked {
	if len(readers) == 0 {
		return nil
	}
	ix := readers[0].index
	var out []*tracked
	if ix == nil { // not made by newPlan: evaluate every query
		for _, t := range readers {
			if t.Query.Match(doc) {
				out = append(out, t)
			}
		}
		return out
	}
	var buf [64]int32
	for _, i := range ix.candidates(doc, buf[:0]) {
		t := ix.all[i]
		if len(readers) < len(ix.all) && !amongReaders(readers, t) {
			continue
		}
		if t.Query.Match(doc) {
			out = append(out, t)
		}
	}
	return out
}

// amongReaders reports whether t is one of readers, which are in config order.
func amongReaders(readers []*tracked, t *tracked) bool {
	_, ok := slices.BinarySearchFunc(readers, t.pos, func(r *tracked, pos int) int { return r.pos - pos })
	return ok
}

// newDocument prepares an item's text for matching: the title, then summary,
// content and categories as separate fields, so that no phrase or NEAR
// spans two of them.
func newDocument(it *feed.Item) *query.Document {
	return buildDocument(new(query.Builder), it)
}

// buildDocument is newDocument with b's memory: the document is good until
// b builds the next one.
func buildDocument(b *query.Builder, it *feed.Item) *query.Document {
	return b.Build(it.Title, it.Summary, it.Content, strings.Join(it.Categories, " · "))
}

// builders keeps query.Builders for matching items one after another.
var builders = sync.Pool{New: func() any { return new(query.Builder) }}
