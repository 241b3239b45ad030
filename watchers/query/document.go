package query

import (
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
	field []Field        // field[p] is the field of toks[p]
	vocab []entry        // the distinct tokens, sorted, for prefix search
	index map[string]int // a token's index in vocab
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
	d := &Document{texts: append([]string{title}, body...)}
	size := 0
	for _, text := range d.texts {
		size += len(text)
	}
	// English averages a token every six bytes or so; a good guess saves
	// most of the cost of growing the slices.
	guess := size/5 + 1
	f := folder{toks: make([]Token, 0, guess), ends: make([]int, 0, guess), buf: make([]byte, 0, size)}
	d.field = make([]Field, 0, guess)
	for i, text := range d.texts {
		f.add(text)
		for len(d.field) < len(f.toks) {
			d.field = append(d.field, Field(i))
		}
	}
	d.toks = f.tokens()
	d.buildIndex()
	return d
}

// buildIndex fills vocab and index from toks. The position lists share one
// backing array, so the index costs a handful of allocations however long
// the document is.
func (d *Document) buildIndex() {
	index := make(map[string]int, len(d.toks))
	ids := make([]int, len(d.toks)) // ids[p] numbers the distinct token at p
	var words []string
	for p, t := range d.toks {
		id, ok := index[t.Text]
		if !ok {
			id = len(words)
			index[t.Text] = id
			words = append(words, t.Text)
		}
		ids[p] = id
	}
	// Sorting numbers rather than entries moves no pointers, which keeps
	// the garbage collector's write barriers out of the sort.
	order := make([]int, len(words))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(words[a], words[b]) })
	rank := make([]int, len(words)) // rank[id] is the token's index in vocab
	for r, id := range order {
		rank[id] = r
		index[words[id]] = r
	}
	count := make([]int, len(words))
	for _, id := range ids {
		count[rank[id]]++
	}
	backing := make([]int, len(d.toks))
	d.vocab = make([]entry, len(words))
	for r, id := range order {
		d.vocab[r] = entry{word: words[id], pos: backing[:0:count[r]]}
		backing = backing[count[r]:]
	}
	for p, id := range ids {
		e := &d.vocab[rank[id]]
		e.pos = append(e.pos, p)
	}
	d.index = index
}

// Text returns the original text of field f, or "" if there is no such
// field.
func (d *Document) Text(f Field) string {
	if f < 0 || int(f) >= len(d.texts) {
		return ""
	}
	return d.texts[f]
}

// lookup returns the range of vocab entries that w matches: at most one for
// a whole word, every token that starts with it for a prefix.
func (d *Document) lookup(w word) (from, to int) {
	if !w.prefix {
		if i, ok := d.index[w.text]; ok {
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
