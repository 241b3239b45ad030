package query

import (
	"strconv"
	"strings"
)

// maxNear is the largest distance NEAR accepts.
const maxNear = 100

// nearNode matches when an occurrence of a term of a and one of a term of b
// are in the same field and at most n words apart.
type nearNode struct {
	a, b []*term
	n    int
}

func (n *nearNode) match(d *Document) bool {
	for _, a := range n.a {
		last := len(a.words) - 1
		if !a.each(d, 0, len(d.toks), func(s int) bool { return !n.reaches(d, s, s+last) }) {
			return true
		}
	}
	return false
}

// reaches reports whether a term of n.b occurs within n.n words of the
// occurrence of an a-term at positions [s, e].
func (n *nearNode) reaches(d *Document, s, e int) bool {
	f := d.field[s]
	for _, b := range n.b {
		// An occurrence [b1, b1+len-1] is near [s, e] when it ends no more
		// than n before s and starts no more than n after e.
		lo, hi := s-n.n-len(b.words)+1, e+n.n
		if !b.each(d, lo, hi, func(b1 int) bool { return d.field[b1] != f }) {
			return true
		}
	}
	return false
}

func (n *nearNode) format(b *strings.Builder) {
	b.WriteByte('(')
	formatOperand(b, n.a)
	b.WriteString(" NEAR/")
	b.WriteString(strconv.Itoa(n.n))
	b.WriteByte(' ')
	formatOperand(b, n.b)
	b.WriteByte(')')
}

func formatOperand(b *strings.Builder, terms []*term) {
	if len(terms) == 1 {
		terms[0].format(b)
		return
	}
	b.WriteByte('(')
	for i, t := range terms {
		if i > 0 {
			b.WriteString(" OR ")
		}
		t.format(b)
	}
	b.WriteByte(')')
}

// nearOperand returns the terms of n, which must be a term or an OR of
// terms; col is where n starts, for the error.
func nearOperand(n node, col int) ([]*term, error) {
	switch n := n.(type) {
	case *term:
		return []*term{n}, nil
	case *orNode:
		terms := make([]*term, 0, len(n.kids))
		for _, k := range n.kids {
			t, ok := k.(*term)
			if !ok {
				return nil, syntaxErr(col, "an OR next to NEAR may hold only words, phrases and prefixes")
			}
			terms = append(terms, t)
		}
		return terms, nil
	case *notNode:
		return nil, syntaxErr(col, "NEAR cannot take a negated term; to exclude a NEAR, write NOT (a NEAR/n b)")
	}
	return nil, syntaxErr(col, "NEAR takes a word, phrase, prefix or (OR of them) on each side")
}
