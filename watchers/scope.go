package watchers

import (
	"slices"
	"strings"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// scope is what tells whether a sentence is about an agreement: its own
// names, the nouns its kind goes by, and the ways prose names its parties.
type scope struct {
	names   []*query.Query  // name and aliases, as phrases
	nouns   *query.Query    // "pact", "working group"...
	parties []*query.Query  // one per party: any of its forms
	mine    countrySet      // the gazetteer's countries that are its parties
	match   *query.Query    // the match query: its other terms name the topic
	own     map[string]bool // folded names, aliases and party forms
}

// kindNouns are the words a sentence uses for an agreement of each kind.
var kindNouns = map[string]string{
	"pact":          `pact OR pacts OR accord OR accords OR agreement OR agreements OR treaty OR treaties OR deal OR deals OR convention OR memorandum`,
	"working_group": `"working group" OR group OR dialogue OR talks OR channel OR consultations OR mechanism OR forum OR commission OR cooperation`,
}

func newScope(a *config.Agreement) scope {
	var s scope
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		if q, err := query.Parse(phrase(n)); err == nil {
			s.names = append(s.names, q)
		}
	}
	nouns := kindNouns[a.Kind]
	if nouns == "" {
		nouns = kindNouns["pact"]
	}
	s.nouns, _ = query.Parse(nouns)
	s.match = a.Query
	s.own = map[string]bool{}
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		s.own[fold(n)] = true
	}
	for _, p := range a.Parties {
		forms := partyForms(p, a.Query)
		for _, f := range forms {
			s.own[fold(f)] = true
		}
		if q, err := query.Parse(anyOf(forms)); err == nil {
			s.parties = append(s.parties, q)
		}
	}
	s.mine = partyCountries(a)
	return s
}

// partyForms returns the ways to name a party: the gazetteer's forms when it
// knows the country, plus the terms the admin wrote beside the party's name
// in an OR of the agreement's match query ("Russia OR Moscow OR Kremlin").
func partyForms(party string, q *query.Query) []string {
	forms := []string{party}
	key := fold(party)
	for _, c := range countries {
		for _, f := range c {
			if fold(f) == key {
				forms = append(forms, c...)
				break
			}
		}
	}
	if q != nil {
		for _, group := range q.OrGroups() {
			for _, term := range group {
				if fold(term) == key || contains(forms, term) {
					forms = append(forms, group...)
					break
				}
			}
		}
	}
	return forms
}

// countrySet is a set of the gazetteer's countries, by index.
type countrySet uint64

// partyCountries are the countries of the gazetteer that are a's parties:
// naming any other (and not all of a's parties) in a sentence puts it
// about some other agreement.
func partyCountries(a *config.Agreement) countrySet {
	var set countrySet
	for i, c := range countries {
		for _, p := range a.Parties {
			if contains(c, p) {
				set |= 1 << i
			}
		}
	}
	return set
}

// countryQueries are the gazetteer's countries compiled once, shared by
// every agreement (a Query is safe for concurrent use).
var countryQueries = func() []*query.Query {
	if len(countries) > 64 {
		panic("watchers: a countrySet holds at most 64 countries")
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
			if set&(1<<i) == 0 && countryQueries[i] != nil && countryQueries[i].Match(d) {
				set |= 1 << i
			}
		}
	}
	return set
}

func fold(s string) string {
	var words []string
	for _, t := range query.Tokenize(s) {
		words = append(words, t.Text)
	}
	return strings.Join(words, " ")
}

func contains(list []string, s string) bool {
	k := fold(s)
	for _, x := range list {
		if fold(x) == k {
			return true
		}
	}
	return false
}

// phrase quotes s as a query phrase.
func phrase(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, " ") + `"`
}

func anyOf(terms []string) string {
	quoted := make([]string, 0, len(terms))
	for _, t := range terms {
		if strings.HasSuffix(t, "*") {
			quoted = append(quoted, t)
			continue
		}
		quoted = append(quoted, phrase(t))
	}
	return strings.Join(quoted, " OR ")
}
