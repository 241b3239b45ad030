package watchers

import (
	"strings"

	"github.com/pactwatch/pactwatch/watchers/feed"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// detection is the status an item reports for one agreement, with its
// evidence, and the status words that were found but held back.
type detection struct {
	Status   string
	Sentence string
	Rule     string
	Held     []held
}

// held is a status rule that matched a sentence about the agreement but did
// not count, and why.
type held struct {
	Status, Sentence, Rule, Why, Cue string
}

// sentence is one sentence of an item, prepared for matching.
type sentence struct {
	text string
	doc  *query.Document
}

// itemSentences splits an item into sentences: the title's (a headline may
// join two clauses with a semicolon), then the summary's, then the
// content's. It also returns how many come from the title.
func itemSentences(it *feed.Item) ([]sentence, int) {
	var out []sentence
	for _, s := range sentences(it.Title) {
		out = append(out, sentence{s, query.NewDocument(s)})
	}
	titles := len(out)
	for _, body := range []string{it.Summary, it.Content} {
		for _, s := range sentences(body) {
			out = append(out, sentence{s, query.NewDocument("", s)})
		}
	}
	return out, titles
}

// analyze finds the status the item reports for each agreement it matched.
// Each sentence is attached to the agreements it is about (see about), and a
// status rule counts only in a sentence about its agreement, where it is not
// negated or hypothetical. Rules are tried in order; the first that counts
// anywhere in the item wins.
func analyze(it *feed.Item, matched []*tracked) map[string]*detection {
	sents, bodyStart := itemSentences(it)
	scopes := attach(sents, matched)
	out := make(map[string]*detection, len(matched))
	for i, t := range matched {
		d := &detection{}
		out[t.ID] = d
		// The headline says what the news is: a status it reports wins.
		// In the body, the rules' order decides, so that a report of a
		// change outranks the background it recalls.
		d.judge(t.scope(), t.rules, sents[:bodyStart], scopes[:bodyStart], i)
		body := &detection{}
		body.judge(t.scope(), t.rules, sents[bodyStart:], scopes[bodyStart:], i)
		if d.Status == "" {
			d.Status, d.Sentence, d.Rule = body.Status, body.Sentence, body.Rule
		}
		d.Held = append(d.Held, body.Held...)
	}
	return out
}

// judge tries rules in order over the sentences about agreement i, and
// keeps the first that counts. It notes every status word held back, for
// the match command, even after one counted.
func (d *detection) judge(sc scope, rules []rule, sents []sentence, scopes [][]bool, i int) {
	for _, r := range rules {
		for j, s := range sents {
			if !scopes[j][i] {
				continue
			}
			for _, h := range r.q.Hits(s.doc) {
				text := s.doc.Text(h.Field)
				why, cue := heldBack(text, h.Start, h.End)
				if why == "" {
					if name, ok := sc.otherInstrument(text, h.Start, h.End); ok {
						why, cue = heldOther, name
					}
				}
				switch {
				case why != "":
					d.Held = append(d.Held, held{r.status, s.text, r.source, why, cue})
				case d.Status == "":
					d.Status, d.Sentence, d.Rule = r.status, s.text, r.source
				}
			}
		}
	}
}

// attach decides, sentence by sentence, which agreements each is about.
// A sentence is about an agreement when it names it, or uses a noun of its
// kind with its parties (all of them, or some and no other country), or a
// topic word of its match query with all its parties. A sentence
// that names no country is about the agreements the text was last about
// when it refers back to them ("the pact", "it"); one that does neither
// ("the central banks signed a currency swap") is about none.
func attach(sents []sentence, matched []*tracked) [][]bool {
	out := make([][]bool, len(sents))
	topic := make([]bool, len(matched))
	if len(matched) == 1 {
		topic[0] = true
	}
	for j, s := range sents {
		explicit := make([]bool, len(matched))
		subject := make([]bool, len(matched))
		anyExplicit, anyParty := false, false
		named := countriesIn(s.doc)
		for i, t := range matched {
			e, party, subj := t.scope().about(s.doc, named)
			explicit[i], subject[i] = e, subj
			anyExplicit = anyExplicit || e
			anyParty = anyParty || party
		}
		out[j] = make([]bool, len(matched))
		switch {
		case anyExplicit:
			copy(out[j], explicit)
			topic = explicit
		case !anyParty:
			back := refersBack(s.doc)
			for i := range matched {
				out[j][i] = topic[i] && (subject[i] || back)
			}
		}
	}
	return out
}

// pronouns refer back to what the text was about.
var pronouns = mustParse(`it OR its`)

func refersBack(d *query.Document) bool { return pronouns.Match(d) }

func mustParse(q string) *query.Query {
	parsed, err := query.Parse(q)
	if err != nil {
		panic(err)
	}
	return parsed
}

// about reports whether a sentence is explicitly about the agreement,
// whether it names any country at all, and whether it speaks of the
// agreement's subject. named is the gazetteer's countries the sentence
// names (countriesIn), worked out once for every agreement.
func (s scope) about(d *query.Document, named countrySet) (explicit, party, subject bool) {
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
	foreign := named&^s.mine != 0
	party = mine > 0 || foreign
	all := mine == len(s.parties)
	noun := s.nouns != nil && s.nouns.Match(d)
	topical := s.topical(d)
	subject = noun || topical
	switch {
	case noun && (mine > 0 || len(s.parties) == 0):
		// "the pact" with its parties: all of them, or some and no other.
		return all || !foreign, party, subject
	case topical && all:
		// A topic word is weaker than a noun of the kind: it needs every
		// party ("EU and U.S. negotiators ... a successor to Privacy Shield").
		return true, party, subject
	}
	return false, party, subject
}

// topical reports whether the sentence has a term of the match query that
// is not a party's name: "Privacy Shield", "information security".
func (s scope) topical(d *query.Document) bool {
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
