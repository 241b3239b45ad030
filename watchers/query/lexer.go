package query

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// itemKind is the kind of a lexical item of a query.
type itemKind int

const (
	itemEOF itemKind = iota
	itemWord
	itemPhrase
	itemLParen
	itemRParen
	itemAnd
	itemOr
	itemNot // NOT, or "-" starting a term
	itemNear
	itemTitle // "title:"
)

// item is one lexical item of a query.
type item struct {
	kind itemKind
	text string // as written; for a phrase, what is between the quotes
	col  int
	n    int // the distance of NEAR/n
}

// lex splits src into items, ending with itemEOF. Columns count runes, an
// invalid byte as one; an item's text is a slice of src.
func lex(src string) ([]item, error) {
	if !utf8.ValidString(src) {
		src = string([]rune(src)) // each invalid byte a U+FFFD, one column
	}
	items := make([]item, 0, len(src)/4+2) // a guess that seldom has to grow
	i, col := 0, 1                         // src[i:] starts at column col
	for i < len(src) {
		r, n := utf8.DecodeRuneInString(src[i:])
		switch {
		case unicode.IsSpace(r):
			i, col = i+n, col+1
		case r == '(' || r == ')':
			kind := itemLParen
			if r == ')' {
				kind = itemRParen
			}
			items = append(items, item{kind: kind, text: src[i : i+n], col: col})
			i, col = i+n, col+1
		case isQuote(r):
			j, end := i+n, col+1
			for j < len(src) {
				rj, nj := utf8.DecodeRuneInString(src[j:])
				if isQuote(rj) {
					break
				}
				j, end = j+nj, end+1
			}
			if j == len(src) {
				return nil, syntaxErr(col, "unterminated quote")
			}
			items = append(items, item{kind: itemPhrase, text: src[i+n : j], col: col})
			_, nq := utf8.DecodeRuneInString(src[j:])
			i, col = j+nq, end+1
		case r == '-':
			next, _ := utf8.DecodeRuneInString(src[i+n:])
			if i+n == len(src) || endsWord(next) && !isQuote(next) && next != '(' {
				return nil, syntaxErr(col, `"-" must be followed directly by the term it excludes, as in -sanctions`)
			}
			items = append(items, item{kind: itemNot, text: "-", col: col})
			i, col = i+n, col+1
		default:
			j, end := i, col
			for j < len(src) {
				rj, nj := utf8.DecodeRuneInString(src[j:])
				if endsWord(rj) {
					break
				}
				j, end = j+nj, end+1
			}
			more, err := lexWord(items, src[i:j], col, true)
			if err != nil {
				return nil, err
			}
			items, i, col = more, j, end
		}
	}
	return append(items, item{kind: itemEOF, col: col}), nil
}

// lexWord appends the items of w, a run of runes up to a space, a
// parenthesis or a quote: an operator (if ops), a field prefix, a word.
func lexWord(items []item, w string, col int, ops bool) ([]item, error) {
	if kind := operator(w); kind != itemWord && ops {
		return append(items, item{kind: kind, text: w, col: col}), nil
	}
	if ops && lookslikeOperator(w) {
		op := strings.ToUpper(w)
		return nil, syntaxErr(col, "%q would be searched as a word: operators are upper case (%s); put it in quotes (\"%s\") to search for the word",
			w, op, w)
	}
	if ops && (w == "NEAR" || strings.HasPrefix(w, "NEAR/")) {
		n, err := nearDistance(w, col)
		if err != nil {
			return nil, err
		}
		return append(items, item{kind: itemNear, text: w, col: col, n: n}), nil
	}
	field, rest, ok := strings.Cut(w, ":")
	if !ok {
		return append(items, item{kind: itemWord, text: w, col: col}), nil
	}
	if !strings.EqualFold(field, "title") {
		return nil, syntaxErr(col, "unknown field %q: the only field is title:", field)
	}
	items = append(items, item{kind: itemTitle, text: field + ":", col: col})
	col += len([]rune(field)) + 1
	switch {
	case rest == "":
		return items, nil // title: applies to the phrase or group that follows
	case rest[0] == '-':
		return nil, syntaxErr(col, "put the - before title:, as in -title:%s", rest[1:])
	}
	return lexWord(items, rest, col, false)
}

// lookslikeOperator reports whether w is an operator written in another
// case ("or", "Not", "near/3"): read as a word, it would quietly require
// that word in every item, so that nothing matches.
func lookslikeOperator(w string) bool {
	up := strings.ToUpper(w)
	if up == w || strings.HasPrefix(w, "NEAR") {
		return false // an operator, or NEAR with a bad distance (its own error)
	}
	return operator(up) != itemWord || up == "NEAR" || strings.HasPrefix(up, "NEAR/")
}

// operator returns the kind of w if it is AND, OR or NOT, else itemWord.
func operator(w string) itemKind {
	switch w {
	case "AND":
		return itemAnd
	case "OR":
		return itemOr
	case "NOT":
		return itemNot
	}
	return itemWord
}

// nearDistance returns the n of "NEAR/n", which must be 1 to maxNear.
func nearDistance(w string, col int) (int, error) {
	digits := strings.TrimPrefix(w, "NEAR/")
	if digits == w || digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, syntaxErr(col, "NEAR needs a distance in words, as in NEAR/5")
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 || n > maxNear {
		return 0, syntaxErr(col, "%s is out of range: the distance must be 1 to %d", w, maxNear)
	}
	return n, nil
}

// endsWord reports whether r ends a word in a query.
func endsWord(r rune) bool {
	return unicode.IsSpace(r) || r == '(' || r == ')' || isQuote(r)
}

// isQuote reports whether r delimits a phrase: straight or curly double
// quotes, since queries are often pasted from word processors.
func isQuote(r rune) bool {
	return r == '"' || r == '“' || r == '”'
}
