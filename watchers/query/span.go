package query

import (
	"cmp"
	"slices"
)

// Span is where a term of a query occurs in a Document.
type Span struct {
	Field Field
	// Start and End are byte offsets into the field's original text:
	// Text(Field)[Start:End] is the occurrence, from the first letter of
	// its first word to the last of its last.
	Start, End int
	// Term is the term as written in the query, as Explain reports it.
	Term string
}

// Hits returns nil if d does not match q; otherwise every occurrence of
// every term of q that is not negated, ordered by field and offset. Inside
// NEAR, every occurrence of its terms counts, not only the near ones.
func (q *Query) Hits(d *Document) []Span {
	if !q.Match(d) {
		return nil
	}
	var spans []Span
	for _, t := range q.terms {
		last := len(t.words) - 1
		t.each(d, 0, len(d.toks), func(s int) bool {
			spans = append(spans, Span{
				Field: d.field[s],
				Start: d.toks[s].Start,
				End:   d.toks[s+last].End,
				Term:  t.name,
			})
			return true
		})
	}
	// Stable, so that spans at the same place keep the order of the query.
	slices.SortStableFunc(spans, func(a, b Span) int {
		return cmp.Or(cmp.Compare(a.Field, b.Field), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	return spans
}
