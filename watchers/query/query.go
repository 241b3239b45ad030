package query

import "strings"

// Query is a parsed query, safe for concurrent use.
type Query struct {
	root node
	// terms are the terms that are not negated, deduplicated by name, in
	// the order they are written.
	terms []*term
}

// Parse parses src. Its errors are *SyntaxError.
func Parse(src string) (*Query, error) {
	items, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{items: items}
	root, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	if it := p.peek(); it.kind != itemEOF {
		return nil, unopened(it) // parseAnd stops only at the end or at ")"
	}
	if col := everything(root); col > 0 {
		return nil, syntaxErr(col, "only negated terms here, so the query would match almost every item")
	}
	q := &Query{root: root}
	seen := make(map[string]bool)
	walk(root, false, func(t *term, negated bool) {
		if !negated && !seen[t.name] {
			seen[t.name] = true
			q.terms = append(q.terms, t)
		}
	})
	return q, nil
}

// String returns the canonical form of q: fully parenthesised, words
// folded, NEAR's OR groups and title: spelled out on every term. Parsing it
// gives an equivalent query with the same String.
func (q *Query) String() string {
	var b strings.Builder
	q.root.format(&b)
	return b.String()
}

// Match reports whether d matches q.
func (q *Query) Match(d *Document) bool {
	return q.root.match(d)
}

// Explain reports whether d matches q, and which of q's terms that are not
// negated occur in d, whether or not d matches, as written (cyber*,
// "working group", title:pact), deduplicated, in the order of the query.
func (q *Query) Explain(d *Document) (matched bool, terms []string) {
	for _, t := range q.terms {
		if t.match(d) {
			terms = append(terms, t.name)
		}
	}
	return q.Match(d), terms
}
