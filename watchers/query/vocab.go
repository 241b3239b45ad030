package query

import "iter"

// Has reports whether tok, a folded token as Tokenize gives it, occurs in
// d.
func (d *Document) Has(tok string) bool {
	_, ok := d.find(tok)
	return ok
}

// HasPrefix reports whether a token of d starts with prefix.
func (d *Document) HasPrefix(prefix string) bool {
	from, to := d.lookup(word{text: prefix, prefix: true})
	return from < to
}

// Words yields each distinct token of d once, in ascending byte order.
func (d *Document) Words() iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, e := range d.vocab {
			if !yield(e.word) {
				return
			}
		}
	}
}

// WordCount is the number of distinct tokens in d.
func (d *Document) WordCount() int { return len(d.vocab) }
