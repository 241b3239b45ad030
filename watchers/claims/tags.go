package claims

import (
	"strings"
	"sync"
)

// Class is the word class a part-of-speech tagger gives a status word in
// running text. The reader guesses it from the word's ending when no
// tagger is set, and always in headlines, which taggers mis-read ("US,
// India sign chip pact": sign as a noun).
type Class int

const (
	Unknown   Class = iota
	Past            // past tense or participle: "signed", "withdrew"
	Present         // third person present: "suspends"
	Base            // base form or other present: "sign", "we sign"
	Gerund          // "signing the deal"
	Noun            // "the collapse of", "a meeting"
	Adjective       // "stalled talks"
	Other
)

// Tagged is the class of the word that starts at byte Start of a sentence.
type Tagged struct {
	Start int
	Class Class
}

// A Tagger gives the words of one sentence their classes. It must be safe
// for concurrent use.
type Tagger interface {
	Tag(sentence string) []Tagged
}

var (
	taggerMu sync.RWMutex
	tagger   Tagger
)

// UseTagger makes the reader take the class of a status word in running
// text from t rather than from its ending (nil: from its ending again).
// The tagger is asked only about body sentences that hold a status word.
func UseTagger(t Tagger) {
	taggerMu.Lock()
	tagger = t
	taggerMu.Unlock()
}

func currentTagger() Tagger {
	taggerMu.RLock()
	defer taggerMu.RUnlock()
	return tagger
}

// tagCache tags each sentence of one item at most once.
type tagCache map[int][]Tagged

// classOf returns the class the tagger gives the status word at token i of
// sentence j, or Unknown: in a headline, with no tagger, or for a word
// whose class the reader does not guess (nouns such as "talks" or "deal").
func (tc tagCache) classOf(t Tagger, s sentence, j, i int) Class {
	w := s.toks[i].Text
	if t == nil || s.title || !guessed(w) || titleCase(s) {
		return Unknown
	}
	tags, ok := tc[j]
	if !ok {
		tags = t.Tag(s.text)
		tc[j] = tags
	}
	for _, tg := range tags {
		if tg.Start == s.toks[i].Start {
			if tg.Class == Noun && strings.HasSuffix(w, "s") && !nominal(strings.TrimSuffix(w, "s")) {
				// "Trump announces withdrawal": the tagger's plural noun for a
				// verb that reports is wrong more often than right.
				return Unknown
			}
			return tg.Class
		}
	}
	return Unknown
}

// guessed reports whether the reader guesses w's class from its ending: a
// form of a status verb, or an event noun.
func guessed(w string) bool {
	return verbForm(w) || baseVerbs[w] || pastForm(w) || gerund(w) || nominal(w) || eventWords[w]
}

// pastAt, nounAt and gerundAt tell the class of a status word w: from the
// tagger's class c when there is one, else from w's ending.
func pastAt(w string, c Class) bool {
	if c == Unknown {
		return pastForm(w)
	}
	return c == Past || c == Adjective && pastForm(w)
}

func nounAt(w string, c Class) bool {
	if c == Unknown {
		return nominal(w)
	}
	return c == Noun
}

func eventNounAt(w string, c Class) bool {
	if c == Unknown {
		return nominal(w) || eventWords[w]
	}
	return c == Noun
}

func gerundAt(w string, c Class) bool {
	if c == Unknown {
		return gerund(w)
	}
	return c == Gerund
}

// presentAt reports whether w is a verb in the third person present
// ("Russia suspends its participation"), which reports news.
func presentAt(w string, c Class) bool {
	if c == Unknown {
		return strings.HasSuffix(w, "s")
	}
	return c == Present
}

// titleCase reports whether most of a sentence's longer words are
// capitalised: a headline repeated in the body ("Russia Exits Open Skies
// Treaty"), which taggers mis-read as they do headlines.
func titleCase(s sentence) bool {
	long, caps := 0, 0
	for _, tok := range s.toks {
		if tok.End-tok.Start < 4 {
			continue
		}
		long++
		if isCapital(s.text, tok) {
			caps++
		}
	}
	return long > 0 && 2*caps > long
}
