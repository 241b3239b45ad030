package watchers

import (
	"slices"
	"strings"
	"sync"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// maxIndexedClauses is how many of a query's required clauses (the
// cheapest) the index keys it by. One clause, such as "Russia OR Moscow",
// lets through every item about Russia; two or three let through only
// items that also name the other party and the subject. More would cost
// more postings than they save.
const maxIndexedClauses = 3

// matchIndex finds the few agreements whose match query an item can satisfy
// without evaluating them all: every query is keyed by the anchors of up to
// maxIndexedClauses of its required clauses (query.Query.Required), and an
// agreement is a candidate only when the item has an anchor of each of
// them. Candidates are then evaluated in full, so the result is exactly the
// set that evaluating every query gives; the work per item grows with the
// item's words and the candidates, not with the number of agreements.
type matchIndex struct {
	all    []*tracked
	exact  map[string][]clausePosting // whole token → the clauses it satisfies
	prefix map[string][]clausePosting // prefix → the clauses a token with it satisfies
	// prefixes are the keys of prefix, sorted; prefixLens their distinct
	// byte lengths, ascending. A document is joined against whichever is
	// cheaper for it.
	prefixes   []string
	prefixLens []int
	need       []uint8 // need[i] has a bit for each indexed clause of all[i]
	always     []int32 // agreements no clause anchors: evaluated on every item
	scratch    sync.Pool
}

// clausePosting is one indexed clause: the agreement's position in index.all and
// the clause's bit.
type clausePosting struct {
	agreement int32
	bit       uint8
}

// matchScratch is one lookup's working memory, reused through a pool.
type matchScratch struct {
	got     []uint8 // got[i]: the clauses of all[i] satisfied so far
	touched []int32 // the agreements whose got is not zero
	words   []string
}

// newMatchIndex indexes the match queries of all, which are in config order.
func newMatchIndex(all []*tracked) *matchIndex {
	ix := &matchIndex{all: all, exact: map[string][]clausePosting{}, prefix: map[string][]clausePosting{}, need: make([]uint8, len(all))}
	for i, t := range all {
		cs := t.Query.Required() // cheapest first
		if len(cs) == 0 {
			ix.always = append(ix.always, int32(i))
			continue
		}
		for c, clause := range cs[:min(len(cs), maxIndexedClauses)] {
			bit := uint8(1) << c
			ix.need[i] |= bit
			for _, a := range clause {
				m := ix.exact
				if a.Prefix {
					m = ix.prefix
				}
				m[a.Text] = append(m[a.Text], clausePosting{agreement: int32(i), bit: bit})
			}
		}
	}
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
	ix.scratch.New = func() any { return &matchScratch{got: make([]uint8, len(all))} }
	return ix
}

// candidates appends to buf the positions in all, ascending, of the
// agreements whose query doc may match: those with an anchor of every
// indexed clause in doc, and those the index cannot narrow.
func (ix *matchIndex) candidates(doc *query.Document, buf []int32) []int32 {
	s := ix.scratch.Get().(*matchScratch)
	defer ix.scratch.Put(s)
	mark := func(ps []clausePosting) {
		for _, p := range ps {
			if s.got[p.agreement] == 0 {
				s.touched = append(s.touched, p.agreement)
			}
			s.got[p.agreement] |= p.bit
		}
	}
	s.words = s.words[:0]
	for w := range doc.Words() {
		s.words = append(s.words, w)
		if ps, ok := ix.exact[w]; ok {
			mark(ps)
		}
	}
	ix.joinPrefixes(s.words, mark)
	start := len(buf)
	buf = append(buf, ix.always...)
	for _, a := range s.touched {
		if s.got[a] == ix.need[a] {
			buf = append(buf, a)
		}
		s.got[a] = 0
	}
	s.touched = s.touched[:0]
	slices.Sort(buf[start:])
	return buf
}

// joinPrefixes calls mark with the postings of every indexed prefix that
// some word of words (sorted) starts with. With few prefixes it walks the
// sorted prefixes and words together; with many it looks up each word's
// leading bytes at each indexed length.
func (ix *matchIndex) joinPrefixes(words []string, mark func([]clausePosting)) {
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
			if ps, ok := ix.prefix[w[:n]]; ok {
				mark(ps)
			}
		}
	}
}
