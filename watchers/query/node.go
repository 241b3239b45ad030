package query

import (
	"slices"
	"strings"
)

// node is one part of a parsed query: *term, *andNode, *orNode, *notNode
// or *nearNode.
type node interface {
	match(d *Document) bool
	// format writes the canonical, fully parenthesised form.
	format(b *strings.Builder)
}

// andNode matches when all of its kids do.
type andNode struct{ kids []node }

// orNode matches when any of its kids does.
type orNode struct{ kids []node }

// notNode matches when its kid does not.
type notNode struct {
	kid node
	col int // where the NOT or "-" is, for errors
}

func (n *andNode) match(d *Document) bool {
	for _, k := range n.kids {
		if !k.match(d) {
			return false
		}
	}
	return true
}

func (n *orNode) match(d *Document) bool {
	for _, k := range n.kids {
		if k.match(d) {
			return true
		}
	}
	return false
}

func (n *notNode) match(d *Document) bool { return !n.kid.match(d) }

func (n *andNode) format(b *strings.Builder) { formatList(b, n.kids, " AND ") }

func (n *orNode) format(b *strings.Builder) { formatList(b, n.kids, " OR ") }

func (n *notNode) format(b *strings.Builder) {
	b.WriteString("NOT ")
	n.kid.format(b)
}

func formatList(b *strings.Builder, kids []node, op string) {
	b.WriteByte('(')
	for i, k := range kids {
		if i > 0 {
			b.WriteString(op)
		}
		k.format(b)
	}
	b.WriteByte(')')
}

// newAnd returns the AND of kids, flattening nested ANDs, which changes
// nothing but the canonical form.
func newAnd(kids []node) node {
	if len(kids) == 1 {
		return kids[0]
	}
	if !slices.ContainsFunc(kids, func(k node) bool { _, ok := k.(*andNode); return ok }) {
		return &andNode{kids: kids} // nothing to flatten: the caller's list is the node's
	}
	var flat []node
	for _, k := range kids {
		if a, ok := k.(*andNode); ok {
			flat = append(flat, a.kids...)
		} else {
			flat = append(flat, k)
		}
	}
	return &andNode{kids: flat}
}

// newOr returns the OR of kids, flattening nested ORs, so that
// "(a OR (b OR c))" is still an OR of terms that NEAR accepts.
func newOr(kids []node) node {
	if len(kids) == 1 {
		return kids[0]
	}
	if !slices.ContainsFunc(kids, func(k node) bool { _, ok := k.(*orNode); return ok }) {
		return &orNode{kids: kids} // nothing to flatten: the caller's list is the node's
	}
	var flat []node
	for _, k := range kids {
		if o, ok := k.(*orNode); ok {
			flat = append(flat, o.kids...)
		} else {
			flat = append(flat, k)
		}
	}
	return &orNode{kids: flat}
}

// walk calls fn for every term under n with whether it is negated: under
// an odd number of NOTs.
func walk(n node, negated bool, fn func(t *term, negated bool)) {
	switch n := n.(type) {
	case *term:
		fn(n, negated)
	case *andNode:
		for _, k := range n.kids {
			walk(k, negated, fn)
		}
	case *orNode:
		for _, k := range n.kids {
			walk(k, negated, fn)
		}
	case *notNode:
		walk(n.kid, !negated, fn)
	case *nearNode:
		for _, t := range n.a {
			fn(t, negated)
		}
		for _, t := range n.b {
			fn(t, negated)
		}
	}
}

// emptyDocument is an item with no text at all.
var emptyDocument = NewDocument("")

// everything returns the column of a NOT that lets n match an item with
// no text at all, and so almost every item, or 0 if n has none.
func everything(n node) int {
	var blame func(n node) int
	blame = func(n node) int {
		if !n.match(emptyDocument) {
			return 0
		}
		switch n := n.(type) {
		case *andNode:
			return blame(n.kids[0])
		case *orNode:
			for _, k := range n.kids {
				if c := blame(k); c > 0 {
					return c
				}
			}
		case *notNode:
			return n.col
		}
		return 0
	}
	return blame(n)
}
