package watchers

import (
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

// itemSentences splits an item into sentences: the title, then the summary,
// then the content when it says more than the summary.
func itemSentences(it *feed.Item) []sentence {
	var out []sentence
	if it.Title != "" {
		out = append(out, sentence{it.Title, query.NewDocument(it.Title)})
	}
	for _, body := range []string{it.Summary, it.Content} {
		for _, s := range sentences(body) {
			out = append(out, sentence{s, query.NewDocument("", s)})
		}
	}
	return out
}

// analyze finds the status the item reports for each agreement it matched.
// Each sentence is attached to the agreements it is about (see about), and a
// status rule counts only in a sentence about its agreement, where it is not
// negated or hypothetical. Rules are tried in order; the first that counts
// anywhere in the item wins.
func analyze(it *feed.Item, matched []*tracked) map[string]*detection {
	sents := itemSentences(it)
	scopes := attach(sents, matched)
	out := make(map[string]*detection, len(matched))
	for i, t := range matched {
		d := &detection{}
		out[t.ID] = d
	rules:
		for _, r := range t.rules {
			for j, s := range sents {
				if !scopes[j][i] {
					continue
				}
				hits := r.q.Hits(s.doc)
				for _, h := range hits {
					why, cue := heldBack(s.doc.Text(h.Field), h.Start, h.End)
					if why == "" {
						d.Status, d.Sentence, d.Rule = r.status, s.text, r.source
						break rules
					}
					d.Held = append(d.Held, held{r.status, s.text, r.source, why, cue})
				}
			}
		}
	}
	return out
}

// attach decides, sentence by sentence, which agreements each is about.
// A sentence is about an agreement when it names it, or uses a noun of its
// kind together with its parties (all of them, or some and no other
// country). A sentence that names no party and no agreement is about the
// agreements the text was last about, as "the pact" or "it" would be.
func attach(sents []sentence, matched []*tracked) [][]bool {
	out := make([][]bool, len(sents))
	topic := make([]bool, len(matched))
	if len(matched) == 1 {
		topic[0] = true
	}
	for j, s := range sents {
		explicit := make([]bool, len(matched))
		anyExplicit, anyParty := false, false
		for i, t := range matched {
			e, party := t.scope.about(s.doc)
			explicit[i] = e
			anyExplicit = anyExplicit || e
			anyParty = anyParty || party
		}
		switch {
		case anyExplicit:
			out[j], topic = explicit, explicit
		case !anyParty:
			out[j] = topic
		default:
			out[j] = make([]bool, len(matched))
		}
	}
	return out
}

// about reports whether a sentence is explicitly about the agreement, and
// whether it names any country at all.
func (s scope) about(d *query.Document) (explicit, party bool) {
	for _, n := range s.names {
		if n.Match(d) {
			return true, true
		}
	}
	mine := 0
	for _, p := range s.parties {
		if p.Match(d) {
			mine++
		}
	}
	foreign := false
	for _, f := range s.foreign {
		if f.Match(d) {
			foreign = true
			break
		}
	}
	party = mine > 0 || foreign
	if s.nouns == nil || !s.nouns.Match(d) || mine == 0 {
		return false, party
	}
	return mine == len(s.parties) || !foreign, party
}
