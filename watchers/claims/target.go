package claims

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// Target is an agreement as the reader sees it: what names it, who its
// parties are, and the rules that report its statuses.
type Target struct {
	ID, Name, Kind string
	Aliases        []string
	Parties        []string
	Match          *query.Query // its match query: its other terms name the topic
	Rules          []Rule       // in the order they are tried: see Rules
}

// Compiled is a Target prepared for reading. Its scope is built the first
// time an item matches it: most agreements of a large config never match in
// a given run.
type Compiled struct {
	Target
	once sync.Once
	sc   scope
}

// Compile prepares t for reading. t.Rules should come from Rules.
func Compile(t Target) *Compiled { return &Compiled{Target: t} }

func (c *Compiled) scope() *scope {
	c.once.Do(func() { c.sc = newScope(&c.Target) })
	return &c.sc
}

// multi reports whether the agreement has more than two parties: then a
// party's own joining or leaving is that party's status.
func (c *Compiled) multi() bool { return len(c.Parties) > 2 }

// scope is what tells whether a sentence is about an agreement: its own
// names, the nouns its kind goes by, and the ways prose names its parties.
type scope struct {
	names   []*query.Query  // name and aliases, as phrases
	nouns   *query.Query    // "pact", "working group"...
	parties []*query.Query  // one per party: any of its forms
	forms   [][]string      // each party's forms, folded
	mine    countrySet      // the gazetteer's countries that are its parties
	unnamed bool            // a party is no country of the gazetteer
	match   *query.Query    // the match query: its other terms name the topic
	own     map[string]bool // folded names, aliases and party forms
	titles  []string        // folded name and aliases only
	ref     *query.Query    // anything that may name it: names, nouns, "it"
	words   map[string]bool // every word of own
}

func newScope(t *Target) scope {
	var s scope
	all := append(nameParts(t.Name), t.Aliases...)
	var refs []string
	for _, n := range all {
		if q, err := query.Parse(phrase(n)); err == nil {
			s.names = append(s.names, q)
			refs = append(refs, phrase(n))
		}
	}
	k := kinds[t.Kind]
	if k == nil {
		k = &pactKind
	}
	s.nouns = nounQueries[k]
	s.match = t.Match
	s.own = map[string]bool{}
	for _, n := range all {
		s.own[fold(n)] = true
		s.titles = append(s.titles, fold(n))
	}
	for _, p := range t.Parties {
		forms := partyForms(p, t.Parties, t.Match)
		folded := make([]string, 0, len(forms))
		for _, f := range forms {
			s.own[fold(f)] = true
			folded = append(folded, fold(f))
		}
		s.forms = append(s.forms, folded)
		if q, err := query.Parse(anyOf(forms)); err == nil {
			s.parties = append(s.parties, q)
		}
	}
	s.mine = partyCountries(t.Parties)
	for _, p := range t.Parties {
		if len(gazetteerForms(p)) == 1 {
			s.unnamed = true
		}
	}
	s.words = map[string]bool{}
	for form := range s.own {
		for _, f := range strings.Fields(form) {
			s.words[f] = true
		}
	}
	for _, n := range all {
		// A noun of the agreement's own name that no kind has: "the
		// truce" of the US–China tariff truce, "the normalization" of the
		// Morocco–Israel normalization.
		for _, w := range strings.Fields(fold(n)) {
			if nameNouns[w] {
				refs = append(refs, w)
			}
		}
	}
	refs = append(refs, "it", "them", "its")
	s.ref, _ = query.Parse(strings.Join(refs, " OR ") + " OR " + pactKind.nouns + " OR " + groupKind.nouns)
	return s
}

// partyForms returns the ways to name a party: the gazetteer's forms when it
// knows the country, plus the terms the admin wrote beside the party's name
// in an OR of the agreement's match query ("Russia OR Moscow OR Kremlin"),
// unless that OR also names another party ("Russia OR Turkey OR
// Erdogan" lists actors, not names of one).
func partyForms(party string, all []string, q *query.Query) []string {
	forms := gazetteerForms(party)
	if q != nil {
		for _, group := range q.OrGroups() {
			mine, others := false, false
			for _, term := range group {
				if contains(forms, term) {
					mine = true
				}
				for _, o := range all {
					if fold(o) != fold(party) && contains(gazetteerForms(o), term) {
						others = true
					}
				}
			}
			if mine && !others {
				forms = append(forms, group...)
			}
		}
	}
	return forms
}

// gazetteerForms returns a party's name and, when the gazetteer knows the
// country, all its forms.
func gazetteerForms(party string) []string {
	forms := []string{party}
	key := fold(party)
	for _, c := range countries {
		for _, f := range c {
			if fold(f) == key {
				return append(forms, c...)
			}
		}
	}
	return forms
}

// partyOf returns the party (as configured) that the folded words name,
// or "".
func (c *Compiled) partyOf(words string) string {
	if named := c.named(words); len(named) > 0 {
		return c.Parties[named[0]]
	}
	return ""
}

// isPartyForm reports whether the folded words are, whole, one of the
// ways to name a party ("north korea", "seoul").
func (c *Compiled) isPartyForm(words string) bool {
	for _, forms := range c.scope().forms {
		if slices.Contains(forms, words) {
			return true
		}
	}
	return false
}

// parties counts the parties that the folded words name.
func (c *Compiled) parties(words string) int { return len(c.named(words)) }

// named returns the parties the folded words name, in config order. A
// party named only inside another's longer name is not named: "north
// korea" names North Korea, not South Korea by its short form "korea".
func (c *Compiled) named(words string) []int {
	sc := c.scope()
	w := " " + words + " "
	best := make([]string, len(sc.forms))
	for i, forms := range sc.forms {
		for _, f := range forms {
			if f != "" && !strings.HasSuffix(f, "*") && namesState(w, f) && len(f) > len(best[i]) {
				best[i] = f
			}
		}
	}
	var out []int
	for i, b := range best {
		if b == "" {
			continue
		}
		inside := false
		for j, o := range best {
			if j != i && len(o) > len(b) && strings.Contains(" "+o+" ", " "+b+" ") && strings.Count(w, " "+b+" ") <= strings.Count(w, " "+o+" ") {
				inside = true // every "korea" here is part of "north korea"
			}
		}
		if !inside {
			out = append(out, i)
		}
	}
	return out
}

// namesState reports whether the form f stands in the padded words w for
// its state, not as the adjective of a group within it ("Malian rebels",
// "Mali armed groups", "the Syrian opposition").
func namesState(w, f string) bool {
	for rest := w; ; {
		i := strings.Index(rest, " "+f+" ")
		if i < 0 {
			return false
		}
		rest = rest[i+len(f)+1:]
		next := strings.Fields(rest)
		if len(next) == 0 || !nonStateNouns[next[0]] && !(next[0] == "armed" && len(next) > 1 && nonStateNouns[next[1]]) {
			return true
		}
	}
}

// nonStateNouns are groups inside a state that its adjective may qualify
// without naming the state: rebels, separatists, the opposition.
var nonStateNouns = set("rebels", "rebel", "separatists", "separatist", "militants", "militant", "insurgents", "insurgent",
	"opposition", "groups", "group", "guerrillas", "guerrilla", "fighters", "factions", "faction", "militias", "militia",
	"movements", "movement", "tribes", "clans", "jihadists")

// ours reports whether a proper name holds one of the agreement's names,
// aliases or party forms.
func (s *scope) ours(name string) bool {
	n := " " + fold(name) + " "
	for form := range s.own {
		// "the Black Sea Grain Initiative" holds a name of ours; "Black
		// Sea" and "Treaty" are part of one.
		if form != "" && (strings.Contains(n, " "+form+" ") || strings.Contains(" "+form+" ", n)) {
			return true
		}
	}
	return false
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

// EventWords returns the distinct words of a text (an item's headline and
// lead) that say what happened rather than which agreement it is about:
// not its names, parties or the nouns of agreements, nor the short words
// of grammar. Reports of one event share many ("suspends", "Sevastopol",
// "Kerry"); reports of the same agreement's different events share fewer.
func (c *Compiled) EventWords(title string) []string {
	sc := c.scope()
	var out []string
	seen := map[string]bool{}
	for _, t := range query.Tokenize(title) {
		w := t.Text
		if len(w) < 3 || seen[w] || functionWords[w] || nounWords[w] || stopWords[w] || sc.ownWord(w) {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

// ownWord reports whether w is a word of one of the agreement's names,
// aliases or party forms.
func (s *scope) ownWord(w string) bool { return s.words[w] }

// stopWords are frequent headline words that say nothing of an event.
var stopWords = set("says", "said", "say", "new", "over", "after", "amid", "with", "from", "for", "into", "will", "would",
	"could", "more", "than", "about", "what", "why", "how", "its", "their", "our", "has", "have", "was", "were", "not",
	"news", "latest", "report", "reports", "update", "live", "video", "photos", "analysis", "opinion")

// nameNouns are nouns that name an agreement only when its own name uses
// them: a sentence about "the ceasefire" is not about every peace deal.
var nameNouns = set("truce", "ceasefire", "armistice", "normalization", "normalisation")

// nameParts returns a configured name and, when it holds a parenthesis,
// the name outside it and each name inside: "Sweden's accession to NATO
// (accession protocol)" is also "Sweden's accession to NATO" and
// "accession protocol"; "Japan-South Korea military intelligence pact
// (GSOMIA)" is also "GSOMIA". A part inside counts when it is two words or
// more, or an acronym; a year alone does not.
func nameParts(name string) []string {
	out := []string{name}
	open := strings.IndexByte(name, '(')
	end := strings.LastIndexByte(name, ')')
	if open < 0 || end < open {
		return out
	}
	if outside := strings.TrimSpace(name[:open] + " " + name[end+1:]); outside != "" {
		out = append(out, outside)
	}
	for _, part := range strings.FieldsFunc(name[open+1:end], func(r rune) bool { return r == '/' || r == ',' || r == ';' }) {
		part = strings.TrimSpace(part)
		words := strings.Fields(part)
		acronym := len(words) == 1 && len(part) >= 3 && strings.ToUpper(part) == part && strings.IndexFunc(part, unicode.IsLetter) >= 0
		if len(words) >= 2 || acronym {
			out = append(out, part)
		}
	}
	return out
}
