package claims

import (
	"slices"
	"strings"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// countrySet is a set of the gazetteer's countries, by index.
type countrySet [2]uint64

func (s *countrySet) add(i int)               { s[i/64] |= 1 << (i % 64) }
func (s countrySet) has(i int) bool           { return s[i/64]&(1<<(i%64)) != 0 }
func (s countrySet) beyond(o countrySet) bool { return s[0]&^o[0] != 0 || s[1]&^o[1] != 0 }

// partyCountries are the countries of the gazetteer that are parties:
// naming any other (and not all the parties) in a sentence puts it about
// some other agreement.
func partyCountries(parties []string) countrySet {
	var set countrySet
	for i, c := range countries {
		for _, p := range parties {
			if contains(c, p) {
				set.add(i)
			}
		}
	}
	return set
}

// countryQueries are the gazetteer's countries compiled once, shared by
// every agreement (a Query is safe for concurrent use).
var countryQueries = func() []*query.Query {
	if len(countries) > 128 {
		panic("claims: a countrySet holds at most 128 countries")
	}
	out := make([]*query.Query, len(countries))
	for i, c := range countries {
		out[i], _ = query.Parse(anyOf(c))
	}
	return out
}()

// countriesByWord lists, for the first word of each of a country's forms,
// the countries with such a form: a country's query can only match a
// sentence that has one of these words.
var countriesByWord = func() map[string][]int {
	out := map[string][]int{}
	for i, c := range countries {
		for _, f := range c {
			toks := query.Tokenize(f)
			if len(toks) == 0 {
				continue
			}
			w := toks[0].Text
			if !slices.Contains(out[w], i) {
				out[w] = append(out[w], i)
			}
		}
	}
	return out
}()

// countriesIn returns the gazetteer's countries that d names: those whose
// query matches, tried only when d has the first word of one of its forms.
func countriesIn(d *query.Document) countrySet {
	var set countrySet
	for w := range d.Words() {
		for _, i := range countriesByWord[w] {
			if !set.has(i) && countryQueries[i] != nil && countryQueries[i].Match(d) {
				set.add(i)
			}
		}
	}
	return set
}

// venues are words that, after "in" or "at", name where talks are held
// rather than a government taking part: "talks in Geneva", "the deal signed
// in Doha". A capital named so says nothing about who the sentence is about.
var venues = map[string]bool{"in": true, "at": true, "to": true}

// hostless returns s (whose tokens are toks) with every capitalised city
// name that follows "in", "at" or "to" blanked out, so that the city where
// something happened does not count as a country the sentence is about.
func hostless(s string, toks []query.Token) string {
	var b []byte
	for i := 1; i < len(toks); i++ {
		if !venues[toks[i-1].Text] || s[toks[i].Start] < 'A' || s[toks[i].Start] > 'Z' {
			continue
		}
		if !capital[toks[i].Text] {
			continue
		}
		if b == nil {
			b = []byte(s)
		}
		for k := toks[i].Start; k < toks[i].End; k++ {
			b[k] = ' '
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// capital holds the gazetteer's city names (folded): the forms that are
// neither the country's name nor its people's.
var capital = map[string]bool{}

func init() {
	for _, c := range countries {
		for _, f := range c[1:] {
			w := strings.ToLower(f)
			if strings.Contains(w, " ") || strings.Contains(w, ".") || strings.ToUpper(f) == f {
				continue
			}
			if strings.HasPrefix(w, strings.ToLower(c[0])[:min(4, len(c[0]))]) {
				continue // a demonym: "Russian", "Chinese"
			}
			capital[w] = true
		}
	}
}

// attach decides, sentence by sentence, which targets each is about. A
// sentence is about an agreement when it names it, or uses a noun of its
// kind with its parties (all of them, or some and no other country), or a
// topic word of its match query with all its parties. A sentence that
// names no country is about the agreements the text was last about when it
// refers back to them ("the pact", "it"); one that does neither ("the
// central banks signed a currency swap") is about none. explicit[j][i]
// says whether sentence j named target i itself.
func attach(sents []sentence, targets []*Compiled) (about, explicit [][]bool) {
	about = make([][]bool, len(sents))
	explicit = make([][]bool, len(sents))
	topic := make([]bool, len(targets))
	if len(targets) == 1 {
		topic[0] = true
	}
	for j, s := range sents {
		exp := make([]bool, len(targets))
		subject := make([]bool, len(targets))
		anyExplicit, anyParty := false, false
		named := countriesIn(s.places)
		for i, t := range targets {
			e, party, subj := t.scope().about(s.doc, named)
			exp[i], subject[i] = e, subj
			anyExplicit = anyExplicit || e
			anyParty = anyParty || party
		}
		about[j] = make([]bool, len(targets))
		explicit[j] = exp
		switch {
		case anyExplicit:
			copy(about[j], exp)
			topic = exp
		case !anyParty:
			back := pronouns.Match(s.doc)
			for i := range targets {
				about[j][i] = topic[i] && (subject[i] || back)
			}
		}
	}
	return about, explicit
}

// pronouns refer back to what the text was about.
var pronouns = mustParse(`it OR its`)

// about reports whether a sentence is explicitly about the agreement,
// whether it names any country at all, and whether it speaks of the
// agreement's subject. named is the gazetteer's countries the sentence
// names, worked out once for every agreement.
func (s *scope) about(d *query.Document, named countrySet) (explicit, party, subject bool) {
	for _, n := range s.names {
		if n.Match(d) {
			return true, true, true
		}
	}
	mine := 0
	for _, p := range s.parties {
		if p.Match(d) {
			mine++
		}
	}
	foreign := named.beyond(s.mine)
	party = mine > 0 || foreign
	all := mine == len(s.parties)
	noun := s.nouns != nil && s.nouns.Match(d)
	if noun && (mine > 0 || len(s.parties) == 0) {
		// "the pact" with its parties: all of them, or some and no other.
		return all || !foreign, party, true
	}
	if noun && !all {
		return false, party, true // the topic cannot make it explicit without every party
	}
	topical := s.topical(d) // the dearest test, last
	subject = noun || topical
	switch {
	case topical && all:
		// A topic word is weaker than a noun of the kind: it needs every
		// party ("EU and U.S. negotiators ... a successor to Privacy Shield").
		return true, party, subject
	case topical && mine > 0 && !foreign && (len(s.parties) > 2 || s.unnamed):
		// ... and where a party is no state the gazetteer knows (rebels,
		// a front, a bloc), whose name the press seldom spells out: "Sudan
		// peace talks resume".
		// In a pact of many parties one party and its topic is enough.
		return true, party, subject
	}
	return false, party, subject
}

// topical reports whether the sentence has a term of the match query that
// is not a party's name: "Privacy Shield", "information security".
func (s *scope) topical(d *query.Document) bool {
	if s.match == nil {
		return false
	}
	_, terms := s.match.Explain(d)
	for _, t := range terms {
		if !s.own[fold(strings.TrimPrefix(t, "title:"))] {
			return true
		}
	}
	return false
}
