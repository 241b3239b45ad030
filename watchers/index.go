package watchers

import (
	"slices"
	"strings"
	"sync"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// maxIndexedClauses is how many of a query's required clauses (the
// cheapest) the index checks before the query is evaluated. Agreements'
// queries are mostly ANDs of a few OR groups (the parties, the subject, the
// kind), so a handful of clauses leave few candidates that do not match.
const maxIndexedClauses = 8

// matchIndex finds the few agreements whose match query an item can satisfy
// without evaluating them all. Each query requires some clauses
// (query.Query.Required): OR groups of anchors of which the item must hold
// one. Agreements share most of them ("Russia OR Russian OR Moscow" is in
// every Russian agreement), so the index keeps each distinct clause once.
// For an item it finds the clauses its words satisfy, then visits only the
// agreements whose first (cheapest) clause is among them, and keeps those
// whose other clauses are satisfied too. Those candidates are evaluated in
// full, so the result is exactly the set that evaluating every query gives;
// the work per item grows with the item's words and the agreements that
// share its clauses, not with the number of agreements.
type matchIndex struct {
	all     []*tracked
	clauses int                // distinct clauses
	exact   map[string][]int32 // whole token → the clauses it satisfies
	prefix  map[string][]int32 // prefix → the clauses a token with it satisfies
	// prefixes are the keys of prefix, sorted; prefixLens their distinct
	// byte lengths, ascending. A document is joined against whichever is
	// cheaper for it.
	prefixes   []string
	prefixLens []int
	// exacts are the keys of exact, sorted, for the same choice.
	exacts []string
	// drivers[c] holds the agreements whose first clause is c, grouped by
	// their second clause, so that an item naming Russia visits one group
	// per Russian partner rather than every Russian agreement.
	drivers [][]driverGroup
	always  []int32 // agreements no clause anchors: evaluated on every item
	scratch sync.Pool
}

// driverGroup is the agreements of one first clause that share their
// second clause (-1: they have none). run lists each as its position in
// all, the number of its further indexed clauses, and their ids: one flat
// run, so that visiting them reads memory in order.
type driverGroup struct {
	second int32
	run    []int32
}

// matchScratch is one lookup's working memory, reused through a pool.
type matchScratch struct {
	sat   []bool  // sat[c]: clause c is satisfied
	list  []int32 // the satisfied clauses
	words []string
}

// newMatchIndex indexes the match queries of all, which are in config order.
func newMatchIndex(all []*tracked) *matchIndex {
	ix := &matchIndex{all: all, exact: map[string][]int32{}, prefix: map[string][]int32{}}
	ids := map[string]int32{}    // a clause's key → its id
	groups := map[[2]int32]int{} // first and second clause → index in drivers[first]
	// Each agreement's required clauses, cheapest first.
	for i, cs := range requiredClauses(all) {
		if len(cs) == 0 {
			ix.always = append(ix.always, int32(i))
			continue
		}
		cs = cs[:min(len(cs), maxIndexedClauses)]
		first, second := ix.clauseID(ids, cs[0]), int32(-1)
		if len(cs) > 1 {
			second = ix.clauseID(ids, cs[1])
		}
		g := ix.group(groups, first, second)
		g.run = append(g.run, int32(i), int32(max(len(cs)-2, 0)))
		for _, clause := range cs[min(len(cs), 2):] {
			g.run = append(g.run, ix.clauseID(ids, clause))
		}
	}
	for e := range ix.exact {
		ix.exacts = append(ix.exacts, e)
	}
	slices.Sort(ix.exacts)
	lens := map[int]bool{}
	for p := range ix.prefix {
		ix.prefixes = append(ix.prefixes, p)
		lens[len(p)] = true
	}
	slices.Sort(ix.prefixes)
	for n := range lens {
		ix.prefixLens = append(ix.prefixLens, n)
	}
	slices.Sort(ix.prefixLens)
	ix.scratch.New = func() any { return &matchScratch{sat: make([]bool, ix.clauses)} }
	return ix
}

// clauseID returns the id of clause, numbering it and indexing its anchors
// the first time it is seen.
func (ix *matchIndex) clauseID(ids map[string]int32, clause []query.Anchor) int32 {
	var key strings.Builder
	for _, a := range clause {
		key.WriteString(a.String())
		key.WriteByte(0)
	}
	if id, ok := ids[key.String()]; ok {
		return id
	}
	id := int32(ix.clauses)
	ix.clauses++
	ids[key.String()] = id
	ix.drivers = append(ix.drivers, nil)
	for _, a := range clause {
		m := ix.exact
		if a.Prefix {
			m = ix.prefix
		}
		m[a.Text] = append(m[a.Text], id)
	}
	return id
}

// group returns the driver group of first and second clause, adding it
// the first time.
func (ix *matchIndex) group(groups map[[2]int32]int, first, second int32) *driverGroup {
	k, ok := groups[[2]int32{first, second}]
	if !ok {
		k = len(ix.drivers[first])
		groups[[2]int32{first, second}] = k
		ix.drivers[first] = append(ix.drivers[first], driverGroup{second: second})
	}
	return &ix.drivers[first][k]
}

// candidates appends to buf the positions in all, ascending, of the
// agreements whose query doc may match: those with every indexed clause
// satisfied, and those the index cannot narrow.
func (ix *matchIndex) candidates(doc *query.Document, buf []int32) []int32 {
	s := ix.scratch.Get().(*matchScratch)
	defer ix.scratch.Put(s)
	mark := func(cs []int32) {
		for _, c := range cs {
			if !s.sat[c] {
				s.sat[c] = true
				s.list = append(s.list, c)
			}
		}
	}
	s.words = s.words[:0]
	for w := range doc.Words() {
		s.words = append(s.words, w)
	}
	ix.joinExact(s.words, mark)
	ix.joinPrefixes(s.words, mark)
	start := len(buf)
	buf = append(buf, ix.always...)
	for _, c := range s.list {
		for _, g := range ix.drivers[c] {
			if g.second >= 0 && !s.sat[g.second] {
				continue
			}
			run := g.run
		visit:
			for len(run) > 0 {
				a, rest := run[0], run[2:2+run[1]]
				run = run[2+run[1]:]
				for _, r := range rest {
					if !s.sat[r] {
						continue visit
					}
				}
				buf = append(buf, a)
			}
		}
	}
	for _, c := range s.list {
		s.sat[c] = false
	}
	s.list = s.list[:0]
	slices.Sort(buf[start:])
	return buf
}

// joinExact calls mark with the clauses of every indexed token among words
// (sorted): by walking both sorted lists together when that is cheaper than
// a lookup per word.
func (ix *matchIndex) joinExact(words []string, mark func([]int32)) {
	if len(ix.exacts) > 4*len(words) {
		for _, w := range words {
			if cs, ok := ix.exact[w]; ok {
				mark(cs)
			}
		}
		return
	}
	i, j := 0, 0
	for i < len(ix.exacts) && j < len(words) {
		switch e, w := ix.exacts[i], words[j]; {
		case e < w:
			i++
		case e > w:
			j++
		default:
			mark(ix.exact[e])
			i++
			j++
		}
	}
}

// joinPrefixes calls mark with the clauses of every indexed prefix that
// some word of words (sorted) starts with. With few prefixes it walks the
// sorted prefixes and words together; with many it looks up each word's
// leading bytes at each indexed length.
func (ix *matchIndex) joinPrefixes(words []string, mark func([]int32)) {
	if len(ix.prefixes) == 0 {
		return
	}
	if len(ix.prefixes) <= 4*len(words)*len(ix.prefixLens) {
		// The words that start with p sort together from the first word
		// not below p, and that place only moves forward as p grows.
		j := 0
		for _, p := range ix.prefixes {
			for j < len(words) && words[j] < p {
				j++
			}
			if j == len(words) {
				return
			}
			if strings.HasPrefix(words[j], p) {
				mark(ix.prefix[p])
			}
		}
		return
	}
	// Marking a clause twice changes nothing, so words that share a
	// prefix need no care.
	for _, w := range words {
		for _, n := range ix.prefixLens {
			if n > len(w) {
				break
			}
			if cs, ok := ix.prefix[w[:n]]; ok {
				mark(cs)
			}
		}
	}
}
