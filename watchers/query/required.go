package query

import (
	"slices"
	"strings"
)

// Anchor is a token a document can be looked up by: a whole folded token,
// or with Prefix, any token that starts with Text.
type Anchor struct {
	Text   string
	Prefix bool
}

// String writes the anchor as a query would: cyber* for a prefix.
func (a Anchor) String() string {
	if a.Prefix {
		return a.Text + "*"
	}
	return a.Text
}

// In reports whether d has a token that a matches.
func (a Anchor) In(d *Document) bool {
	if a.Prefix {
		return d.HasPrefix(a.Text)
	}
	return d.Has(a.Text)
}

// Required returns what any document q matches must contain, as a list of
// clauses: every clause has an anchor that occurs in every such document.
// A document without a single anchor of some clause cannot match, which is
// what lets a caller with many queries look up the few worth evaluating
// instead of evaluating them all. The clauses are necessary, not
// sufficient; an empty list means q gives no such guarantee (only a query
// whose every term is negated somewhere, such as NOT (NOT a), which Parse
// accepts only when another part anchors it).
//
// The clauses come from the query's structure: each word of a term is
// required (a phrase needs all its words); an AND needs what each of its
// parts needs; an OR needs, from each alternative, one of its clauses, so
// the union of one clause per alternative; a NEAR needs a term of each
// side; a NOT needs nothing. Anchors are deduplicated within a clause and
// clauses are returned cheapest first (see ClauseCost), without repeats.
func (q *Query) Required() [][]Anchor {
	cs := required(q.root)
	slices.SortStableFunc(cs, func(a, b []Anchor) int { return compareCost(ClauseCost(a), ClauseCost(b)) })
	return cs
}

func compareCost(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// required returns n's clauses, each sorted and deduplicated, without
// repeated clauses.
func required(n node) [][]Anchor {
	switch n := n.(type) {
	case *term:
		return termClauses(n)
	case *andNode:
		out := make([][]Anchor, 0, len(n.kids))
		for _, k := range n.kids {
			out = addClauses(out, required(k)...)
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case *orNode:
		alts := make([][][]Anchor, 0, len(n.kids))
		for _, k := range n.kids {
			alts = append(alts, required(k))
		}
		return unionOfCheapest(alts)
	case *nearNode:
		return addClauses(nil, append(orTerms(n.a), orTerms(n.b)...)...)
	}
	return nil // a NOT matches documents without any token of its own
}

// termClauses requires each word of t.
func termClauses(t *term) [][]Anchor {
	if len(t.words) == 1 { // most terms: one clause of one anchor
		w := t.words[0]
		return [][]Anchor{{{Text: w.text, Prefix: w.prefix}}}
	}
	var out [][]Anchor
	for _, w := range t.words {
		out = addClauses(out, []Anchor{{Text: w.text, Prefix: w.prefix}})
	}
	return out
}

// orTerms returns the one clause of an OR of terms, as NEAR takes them.
func orTerms(terms []*term) [][]Anchor {
	alts := make([][][]Anchor, len(terms))
	for i, t := range terms {
		alts[i] = termClauses(t)
	}
	return unionOfCheapest(alts)
}

// unionOfCheapest returns the single clause of an OR whose alternatives
// have the clauses in alts: the union of each alternative's cheapest
// clause. An alternative that requires nothing makes the OR require
// nothing. A single alternative keeps all its clauses.
func unionOfCheapest(alts [][][]Anchor) [][]Anchor {
	if len(alts) == 1 {
		return alts[0]
	}
	bests := make([][]Anchor, len(alts))
	size := 0
	for i, cs := range alts {
		if len(cs) == 0 {
			return nil
		}
		best, cost := cs[0], ClauseCost(cs[0])
		for _, c := range cs[1:] {
			if k := ClauseCost(c); k < cost {
				best, cost = c, k
			}
		}
		bests[i] = best
		size += len(best)
	}
	union := make([]Anchor, 0, size)
	for _, best := range bests {
		union = append(union, best...)
	}
	return [][]Anchor{normalize(union)}
}

// addClauses appends the clauses of more to cs that cs does not already
// hold, each normalised.
func addClauses(cs [][]Anchor, more ...[]Anchor) [][]Anchor {
	for _, c := range more {
		c = normalize(c)
		if !slices.ContainsFunc(cs, func(have []Anchor) bool { return slices.Equal(have, c) }) {
			cs = append(cs, c)
		}
	}
	return cs
}

// normalize sorts a clause and removes repeats, and anchors made redundant
// by a prefix of theirs in the same clause: "cyber* OR cybersecurity" is
// anchored by cyber* alone. It returns c itself when c is already so (the
// clauses of a part of a query, which its parent normalizes again), else
// a new list.
func normalize(c []Anchor) []Anchor {
	if isNormal(c) {
		return c
	}
	c = slices.Clone(c)
	slices.SortFunc(c, compareAnchors)
	out := c[:0]
	var last *Anchor
	for _, a := range c {
		if last != nil && last.Prefix && strings.HasPrefix(a.Text, last.Text) {
			continue // covered by the prefix before it (sorted right after it)
		}
		if last != nil && *last == a {
			continue
		}
		out = append(out, a)
		last = &out[len(out)-1]
	}
	return out
}

// compareAnchors orders anchors by text, a prefix before the word itself.
func compareAnchors(a, b Anchor) int {
	if r := strings.Compare(a.Text, b.Text); r != 0 {
		return r
	}
	return compareBool(b.Prefix, a.Prefix)
}

// isNormal reports whether normalize would leave c as it is: sorted, with
// no repeats and no anchor covered by a prefix before it.
func isNormal(c []Anchor) bool {
	for i := 1; i < len(c); i++ {
		last := c[i-1]
		if compareAnchors(last, c[i]) >= 0 || last.Prefix && strings.HasPrefix(c[i].Text, last.Text) {
			return false
		}
	}
	return true
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// AnchorCost is a guess at how often an anchor occurs in news text, for
// choosing which of a query's clauses to look documents up by: short words
// (u, s, us, eu) and short prefixes are common; a prefix costs more than
// the word itself. The units are arbitrary.
func AnchorCost(a Anchor) float64 {
	n := len([]rune(a.Text))
	cost := 1.0
	switch {
	case n <= 2:
		cost = 6
	case n == 3:
		cost = 2
	}
	if a.Prefix {
		cost *= 2
		if n <= 4 {
			cost *= 2
		}
	}
	return cost
}

// ClauseCost is the sum of its anchors' costs: a clause of more or more
// common anchors lets more documents through.
func ClauseCost(c []Anchor) float64 {
	total := 0.0
	for _, a := range c {
		total += AnchorCost(a)
	}
	return total
}
