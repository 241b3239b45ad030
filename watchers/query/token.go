package query

import (
	"unicode"
	"unicode/utf8"
)

// Token is one searchable word of a text.
type Token struct {
	// Text is the case-folded word.
	Text string
	// Start and End are the byte offsets of the word in the text it came
	// from, so that text[Start:End] is the word as written.
	Start, End int
}

// Tokenize splits s into tokens: maximal runs of Unicode letters, marks and
// digits, case-folded. Everything else, including hyphens and apostrophes,
// separates tokens. Each character of a script written without spaces (Han,
// Hiragana, Katakana, Thai, Lao, Khmer, Myanmar...) is a token of its own,
// together with any marks that follow it.
func Tokenize(s string) []Token {
	var f folder
	f.add(s)
	return f.tokens()
}

// folder tokenizes and folds text into one shared buffer, so that a whole
// document costs one string allocation rather than one per token.
type folder struct {
	toks []Token
	ends []int // ends[i] is where toks[i]'s folded text ends in buf
	buf  []byte
}

// add appends the tokens of s.
func (f *folder) add(s string) {
	scan(s, func(start, end int) {
		i := start
		for ; i < end && s[i] < utf8.RuneSelf; i++ { // most words are ASCII
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			f.buf = append(f.buf, c)
		}
		for _, r := range s[i:end] {
			f.buf = appendFold(f.buf, r)
		}
		f.toks = append(f.toks, Token{Start: start, End: end})
		f.ends = append(f.ends, len(f.buf))
	})
}

// tokens returns every token added so far, with its Text filled in.
func (f *folder) tokens() []Token {
	folded := string(f.buf)
	begin := 0
	for i, end := range f.ends {
		f.toks[i].Text = folded[begin:end]
		begin = end
	}
	return f.toks
}

// scan calls fn with the byte range of each token of s, in order.
func scan(s string, fn func(start, end int)) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf { // a fast path for ASCII
			if !asciiWord[c] {
				i++
				continue
			}
			end := i + 1
			for end < len(s) && s[end] < utf8.RuneSelf && asciiWord[s[end]] {
				end++
			}
			if end < len(s) && s[end] >= utf8.RuneSelf {
				end = wordEnd(s, end) // the word may go on in other letters
			}
			fn(i, end)
			i = end
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		end := i + n
		switch {
		case isNoSpace(r):
			for end < len(s) {
				r, n := utf8.DecodeRuneInString(s[end:])
				if !unicode.IsMark(r) {
					break
				}
				end += n
			}
		case isWordRune(r):
			end = wordEnd(s, end)
		default:
			i = end
			continue
		}
		fn(i, end)
		i = end
	}
}

// wordEnd returns where the word going on at end ends.
func wordEnd(s string, end int) int {
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if !isWordRune(r) || isNoSpace(r) {
			break
		}
		end += n
	}
	return end
}

// asciiWord marks the ASCII characters that are part of words.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

// isWordRune reports whether r can be part of a token.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf { // most text is ASCII, and IsMark has no fast path
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// noSpaceScripts are the scripts whose text has no spaces between words, so
// a word boundary cannot be found without a dictionary.
var noSpaceScripts = []*unicode.RangeTable{
	unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo,
	unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar,
}

// isNoSpace reports whether r starts a one-character token. Marks never do:
// they belong to the character before them.
func isNoSpace(r rune) bool {
	if r < 0x0e00 || unicode.IsMark(r) {
		return false // a fast path for Latin, Greek, Cyrillic and others
	}
	switch r {
	case 'ー', 'ｰ', 'ﾞ', 'ﾟ': // Japanese length and voicing marks, script Common
		return true
	}
	return unicode.IsOneOf(noSpaceScripts, r)
}

// appendFold appends the case-folded form of r to b. Folding through upper
// case makes final sigma match sigma and long s match s; ß folds to "ss" so
// that "Strasse" matches "Straße".
func appendFold(b []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	case r == 'ß' || r == 'ẞ':
		return append(b, "ss"...)
	case unicode.IsLetter(r):
		r = unicode.ToLower(unicode.ToUpper(r))
	}
	return utf8.AppendRune(b, r)
}
