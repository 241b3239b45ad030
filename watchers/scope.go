package watchers

import (
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
	foreign []*query.Query  // countries that are not its parties
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
	s.foreign = foreignParties(a)
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

// foreignParties are the countries of the gazetteer that are not a's
// parties: naming one of them (and not all of a's parties) in a sentence
// puts it about some other agreement.
func foreignParties(a *config.Agreement) []*query.Query {
	var out []*query.Query
	for i, c := range countries {
		mine := false
		for _, p := range a.Parties {
			if contains(c, p) {
				mine = true
			}
		}
		if !mine && countryQueries[i] != nil {
			out = append(out, countryQueries[i])
		}
	}
	return out
}

// countryQueries are the gazetteer's countries compiled once, shared by
// every agreement (a Query is safe for concurrent use).
var countryQueries = func() []*query.Query {
	out := make([]*query.Query, len(countries))
	for i, c := range countries {
		out[i], _ = query.Parse(anyOf(c))
	}
	return out
}()

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
