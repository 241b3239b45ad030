package query

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// Field names one text of a Document: Title, then the body parts in the
// order they were given to NewDocument, numbered from 1.
type Field int

// Title is the field that "title:" limits a term to.
const Title Field = 0

// Document is an item's text, tokenized and indexed once so that it can be
// matched against many queries cheaply. It is never changed after
// NewDocument, so it is safe for concurrent use.
type Document struct {
	texts []string
	// toks holds the tokens of every field, one field after another; a
	// token's index in toks is its position.
	toks  []Token
	field []Field // field[p] is the field of toks[p]
	vocab []entry // the distinct tokens, sorted
	// backing holds every entry's positions, one after another.
	backing []int
}

// entry is one distinct token of a Document and where it occurs.
type entry struct {
	word string
	pos  []int // ascending
}

// NewDocument tokenizes and indexes title and the body parts (summary,
// content, categories...). Each part is its own field: no phrase or NEAR
// matches across two of them.
func NewDocument(title string, body ...string) *Document {
	var b Builder
	return b.Build(title, body...)
}

// A Builder makes Documents as NewDocument does, reusing its memory from
// one to the next: for matching many items one after another when each
// Document is done with before the next is built. Each Build invalidates
// the Document the Builder built before it. The zero Builder is ready.
type Builder struct {
	d     Document
	f     folder
	order []int32
}

// Build tokenizes and indexes title and the body parts, as NewDocument.
func (b *Builder) Build(title string, body ...string) *Document {
	d := &b.d
	d.texts = append(append(d.texts[:0], title), body...)
	size := 0
	for _, text := range d.texts {
		size += len(text)
	}
	// English averages a token every six bytes or so; a good guess saves
	// most of the cost of growing the slices.
	guess := size/5 + 1
	f := &b.f
	f.toks, f.ends, f.buf = grow(f.toks[:0], guess), grow(f.ends[:0], guess), grow(f.buf[:0], size)
	d.field = grow(d.field[:0], guess)
	for i, text := range d.texts {
		f.add(text)
		for len(d.field) < len(f.toks) {
			d.field = append(d.field, Field(i))
		}
	}
	d.toks = f.tokens()
	b.order = d.buildIndex(b.order)
	return d
}

// grow returns s, empty, with room for n elements.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, 0, n)
	}
	return s
}

// buildIndex fills vocab from toks: the positions, sorted by token and
// then position, are cut into one list per distinct token. The lists share
// one backing array, so the index costs a handful of allocations however
// long the document is.
func (d *Document) buildIndex(order []int32) []int32 {
	n := len(d.toks)
	order = grow(order[:0], n)[:n]
	for i := range order {
		order[i] = int32(i)
	}
	toks := d.toks
	slices.SortFunc(order, func(a, b int32) int {
		if c := strings.Compare(toks[a].Text, toks[b].Text); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	distinct := 0
	for i, p := range order {
		if i == 0 || toks[p].Text != toks[order[i-1]].Text {
			distinct++
		}
	}
	d.backing = grow(d.backing[:0], n)[:n]
	d.vocab = grow(d.vocab[:0], distinct)
	for i := 0; i < n; {
		w := toks[order[i]].Text
		j := i
		for ; j < n && toks[order[j]].Text == w; j++ {
			d.backing[j] = int(order[j])
		}
		d.vocab = append(d.vocab, entry{word: w, pos: d.backing[i:j:j]})
		i = j
	}
	return order
}

// find returns the index in vocab of tok, and whether it is there.
func (d *Document) find(tok string) (int, bool) {
	return slices.BinarySearchFunc(d.vocab, tok, func(e entry, tok string) int { return strings.Compare(e.word, tok) })
}

// Text returns the original text of field f, or "" if there is no such
// field.
func (d *Document) Text(f Field) string {
	if f < 0 || int(f) >= len(d.texts) {
		return ""
	}
	return d.texts[f]
}

// Tokens returns the tokens of field f in order, their Start and End
// offsets in Text(f). The slice is the document's own: do not modify it.
func (d *Document) Tokens(f Field) []Token {
	lo, _ := slices.BinarySearch(d.field, f)
	hi, _ := slices.BinarySearch(d.field, f+1)
	return d.toks[lo:hi]
}

// lookup returns the range of vocab entries that w matches: at most one for
// a whole word, every token that starts with it for a prefix.
func (d *Document) lookup(w word) (from, to int) {
	if !w.prefix {
		if i, ok := d.find(w.text); ok {
			return i, i + 1
		}
		return 0, 0
	}
	from = sort.Search(len(d.vocab), func(i int) bool { return d.vocab[i].word >= w.text })
	// Tokens with the prefix sort together, right after the prefix itself.
	to = from + sort.Search(len(d.vocab)-from, func(i int) bool {
		return !strings.HasPrefix(d.vocab[from+i].word, w.text)
	})
	return from, to
}
