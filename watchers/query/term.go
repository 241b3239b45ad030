package query

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// term is a word, a phrase or a prefix: a fixed number of consecutive
// tokens. A word of several tokens (U.S., 中俄) is a phrase.
type term struct {
	words  []word
	anchor int  // the index of the word whose positions are looked up
	title  bool // only in the title
	// name is the term as written, reported by Explain and in Span.Term.
	name string
}

// word is one token of a term.
type word struct {
	text   string // folded
	prefix bool   // matches any token that starts with text
}

// matches reports whether w matches the folded token tok.
func (w word) matches(tok string) bool {
	if w.prefix {
		return strings.HasPrefix(tok, w.text)
	}
	return tok == w.text
}

// newTerm makes a term of the words in src, as in a phrase; col is the
// column of src's first rune.
func newTerm(src, name string, col int) (*term, error) {
	t := &term{name: name}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRuneInString(src[i:])
		if unicode.IsSpace(r) {
			i, col = i+n, col+1
			continue
		}
		j := i
		for j < len(src) {
			r, n := utf8.DecodeRuneInString(src[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		ws, err := chunkWords(src[i:j], col)
		if err != nil {
			return nil, err
		}
		t.words = append(t.words, ws...)
		i, col = j, col+utf8.RuneCountInString(src[i:j])
	}
	for i, w := range t.words {
		if !w.prefix {
			t.anchor = i
			break
		}
	}
	return t, nil
}

// chunkWords returns the words of one space-free chunk of a term, which
// may end in "*"; col is the column of its first rune.
func chunkWords(chunk string, col int) ([]word, error) {
	chunk, prefix := strings.CutSuffix(chunk, "*")
	if k := strings.IndexByte(chunk, '*'); k >= 0 {
		at := col + utf8.RuneCountInString(chunk[:k])
		if k == len(chunk)-1 {
			return nil, syntaxErr(at, "use a single * at the end of a word, as in cyber*")
		}
		return nil, syntaxErr(at, "* is allowed only at the end of a word")
	}
	toks := Tokenize(chunk)
	if len(toks) == 0 && prefix {
		return nil, syntaxErr(col+utf8.RuneCountInString(chunk), "* must follow letters or digits, as in cyber*")
	}
	ws := make([]word, len(toks))
	for i, tok := range toks {
		ws[i] = word{text: tok.Text}
	}
	if prefix {
		ws[len(ws)-1].prefix = true
	}
	return ws, nil
}

// each calls fn with the start position of every occurrence of t in d that
// starts in [lo, hi], until fn returns false. It reports whether fn saw them
// all. Occurrences of a prefix come word by word, not in position order.
func (t *term) each(d *Document, lo, hi int, fn func(start int) bool) bool {
	k := t.anchor
	from, to := d.lookup(t.words[k])
	for v := from; v < to; v++ {
		pos := d.vocab[v].pos
		i, _ := slices.BinarySearch(pos, lo+k)
		for ; i < len(pos) && pos[i] <= hi+k; i++ {
			if s := pos[i] - k; s >= 0 && t.at(d, s) && !fn(s) {
				return false
			}
		}
	}
	return true
}

// at reports whether t occurs in d starting at position s.
func (t *term) at(d *Document, s int) bool {
	e := s + len(t.words) - 1
	if e >= len(d.toks) || d.field[s] != d.field[e] || t.title && d.field[s] != Title {
		return false
	}
	for i, w := range t.words {
		if !w.matches(d.toks[s+i].Text) {
			return false
		}
	}
	return true
}

// match reports whether t occurs anywhere in d.
func (t *term) match(d *Document) bool {
	return !t.each(d, 0, len(d.toks), func(int) bool { return false })
}

// format writes t's canonical form: folded, quoted when it has several
// words.
func (t *term) format(b *strings.Builder) {
	if t.title {
		b.WriteString("title:")
	}
	// A lone word that reads as an operator ("or") is quoted, as it must
	// be written.
	quote := len(t.words) > 1 || len(t.words) == 1 && !t.words[0].prefix && lookslikeOperator(t.words[0].text)
	if quote {
		b.WriteByte('"')
	}
	for i, w := range t.words {
		if i > 0 && !joins(t.words[i-1], w) {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
		if w.prefix {
			b.WriteByte('*')
		}
	}
	if quote {
		b.WriteByte('"')
	}
}

// joins reports whether b can be written right after a with no space and
// still tokenize as two words, as in 中俄.
func joins(a, b word) bool {
	ra, _ := utf8.DecodeRuneInString(a.text)
	rb, _ := utf8.DecodeRuneInString(b.text)
	return !a.prefix && isNoSpace(ra) && isNoSpace(rb)
}
