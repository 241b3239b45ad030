package query

// parser is a recursive-descent parser over the items of one query:
//
//	and     = or { ["AND"] or }
//	or      = near { "OR" near }
//	near    = unary { "NEAR/n" unary }
//	unary   = ("NOT" | "-") unary | primary
//	primary = word | phrase | "(" and ")" | "title:" (word | phrase | "(" and ")")
type parser struct {
	items []item
	pos   int
	terms map[termKey]*term // when not nil, terms already made (see Compiler)
	depth int               // groups and NOTs open around the next item
}

// MaxNesting bounds how deeply groups and NOTs may nest in a query. Real
// queries use three or four levels; without a bound, a query of a million
// "(" would overflow the stack of `check`, or of a daemon reloading it.
const MaxNesting = 20

// nest enters one more level of nesting at it, an opening parenthesis or
// a NOT; the caller calls p.depth-- when it leaves.
func (p *parser) nest(it item) error {
	p.depth++
	if p.depth > MaxNesting {
		return syntaxErr(it.col, "nested too deeply: at most %d levels of parentheses and NOT", MaxNesting)
	}
	return nil
}

func (p *parser) peek() item { return p.items[p.pos] }

// next consumes and returns the next item; itemEOF is never consumed.
func (p *parser) next() item {
	it := p.items[p.pos]
	if it.kind != itemEOF {
		p.pos++
	}
	return it
}

// prev returns the item before the next one, or itemEOF at the start.
func (p *parser) prev() item {
	if p.pos == 0 {
		return item{kind: itemEOF}
	}
	return p.items[p.pos-1]
}

func (p *parser) parseAnd() (node, error) {
	var kids []node
	for {
		n, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
		switch p.peek().kind {
		case itemAnd:
			p.next()
		case itemWord, itemPhrase, itemLParen, itemNot, itemTitle:
			// Adjacent terms are implicitly ANDed.
		default:
			return newAnd(kids), nil
		}
	}
}

func (p *parser) parseOr() (node, error) {
	var kids []node
	for {
		n, err := p.parseNear()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
		if p.peek().kind != itemOr {
			return newOr(kids), nil
		}
		p.next()
	}
}

func (p *parser) parseNear() (node, error) {
	col := p.peek().col
	left, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	for p.peek().kind == itemNear {
		op := p.next()
		if _, chained := left.(*nearNode); chained {
			return nil, syntaxErr(op.col, "%s cannot follow another NEAR: join two NEARs with AND", op.text)
		}
		a, err := nearOperand(left, col)
		if err != nil {
			return nil, err
		}
		col = p.peek().col
		right, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		b, err := nearOperand(right, col)
		if err != nil {
			return nil, err
		}
		left = &nearNode{a: a, b: b, n: op.n}
	}
	return left, nil
}

func (p *parser) parseUnary() (node, error) {
	if p.peek().kind != itemNot {
		return p.parsePrimary()
	}
	op := p.next()
	defer func() { p.depth-- }()
	if err := p.nest(op); err != nil {
		return nil, err
	}
	kid, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	return &notNode{kid: kid, col: op.col}, nil
}

func (p *parser) parsePrimary() (node, error) {
	prev, it := p.prev(), p.next()
	switch it.kind {
	case itemWord, itemPhrase:
		return p.term(it)
	case itemLParen:
		return p.parseGroup(it)
	case itemTitle:
		switch p.peek().kind {
		case itemWord, itemPhrase, itemLParen:
		default:
			return nil, syntaxErr(it.col, "%s needs a word, phrase or (group) right after it", it.text)
		}
		n, err := p.parsePrimary()
		if err != nil {
			return nil, err
		}
		walk(n, false, func(t *term, _ bool) {
			if !t.title {
				t.title = true
				t.name = "title:" + t.name
			}
		})
		return n, nil
	case itemAnd, itemOr, itemNear:
		return nil, syntaxErr(it.col, "%s needs a term before it", it.text)
	case itemRParen:
		switch prev.kind {
		case itemLParen:
			return nil, syntaxErr(prev.col, "empty parentheses")
		case itemEOF:
			return nil, unopened(it)
		}
	}
	switch prev.kind {
	case itemEOF:
		return nil, syntaxErr(1, "empty query")
	case itemLParen:
		return nil, syntaxErr(prev.col, "unbalanced parenthesis: ( is never closed")
	}
	return nil, syntaxErr(prev.col, "%s needs a term after it", prev.text)
}

// parseGroup parses the rest of a parenthesised group opened by open.
func (p *parser) parseGroup(open item) (node, error) {
	defer func() { p.depth-- }()
	if err := p.nest(open); err != nil {
		return nil, err
	}
	n, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	if p.next().kind != itemRParen {
		return nil, syntaxErr(open.col, "unbalanced parenthesis: ( is never closed")
	}
	return n, nil
}

// term makes the term of a word or phrase item, or copies the one made
// before from the same text. A copy shares its words, which nothing
// changes once made; title: changes only the copy's own fields.
func (p *parser) term(it item) (*term, error) {
	key := termKey{kind: it.kind, text: it.text}
	if made, ok := p.terms[key]; ok {
		t := *made
		return &t, nil
	}
	build := wordTerm
	if it.kind == itemPhrase {
		build = phraseTerm
	}
	t, err := build(it)
	if err != nil || p.terms == nil {
		return t, err
	}
	made := *t
	p.terms[key] = &made
	return t, nil
}

// wordTerm makes the term of a word item: a phrase if it has several
// tokens, as U.S. does.
func wordTerm(it item) (*term, error) {
	t, err := newTerm(it.text, it.text, it.col)
	if err != nil {
		return nil, err
	}
	if len(t.words) == 0 {
		return nil, syntaxErr(it.col, "%q has no letters or digits to search for", it.text)
	}
	return t, nil
}

// phraseTerm makes the term of a quoted phrase item.
func phraseTerm(it item) (*term, error) {
	t, err := newTerm(it.text, `"`+it.text+`"`, it.col+1)
	if err != nil {
		return nil, err
	}
	if len(t.words) == 0 {
		return nil, syntaxErr(it.col, "empty phrase")
	}
	return t, nil
}

// unopened is the error for a ")" with no "(" before it.
func unopened(it item) error {
	return syntaxErr(it.col, "unbalanced parenthesis: ) has no matching (")
}
