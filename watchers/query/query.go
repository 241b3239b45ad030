package query

import (
	"slices"
	"strings"
)

// Query is a parsed query, safe for concurrent use.
type Query struct {
	root node
	// terms are the terms that are not negated, deduplicated by name, in
	// the order they are written.
	terms []*term
}

// Parse parses src. Its errors are *SyntaxError.
func Parse(src string) (*Query, error) { return parse(src, nil) }

// Compiler parses many queries, sharing between them what their terms
// have in common. A config of many agreements writes the same parties and
// subjects in query after query ("(Russia OR Russian OR Moscow)"), and
// folding each term's words again was most of the cost of parsing them.
// Its queries are the ones Parse gives. The zero value is ready to use; a
// Compiler is not safe for concurrent use (its queries are).
type Compiler struct {
	terms map[termKey]*term
}

// termKey is how a term is written: a word or a phrase, and its text.
type termKey struct {
	kind itemKind
	text string
}

// Parse parses src as the package's Parse does.
func (c *Compiler) Parse(src string) (*Query, error) {
	if c.terms == nil {
		c.terms = make(map[termKey]*term)
	}
	return parse(src, c.terms)
}

// parse parses src, taking terms already made from terms, and adding the
// new ones, when terms is not nil.
func parse(src string, terms map[termKey]*term) (*Query, error) {
	items, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{items: items, terms: terms}
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
	var seen map[string]bool // made only for a long query; a short one is searched
	walk(root, false, func(t *term, negated bool) {
		switch {
		case negated:
		case seen != nil:
			if !seen[t.name] {
				seen[t.name] = true
				q.terms = append(q.terms, t)
			}
		case !slices.ContainsFunc(q.terms, func(u *term) bool { return u.name == t.name }):
			q.terms = append(q.terms, t)
			if len(q.terms) == 32 {
				seen = make(map[string]bool)
				for _, u := range q.terms {
					seen[u.name] = true
				}
			}
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
