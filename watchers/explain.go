package watchers

import (
	"fmt"

	"github.com/pactwatch/pactwatch/watchers/feed"
)

// Explanation is what pactwatch would make of one item for one agreement:
// whether it matches and on which terms, and which status rule fires or why
// the status words it found were held back.
type Explanation struct {
	Item    feed.Item
	Matched bool
	Terms   []string // the query's terms found in the item
	Status  string   // the status the item reports, if any
	Party   string   // whose status it is, in an agreement of more than two parties
	// Confidence is "reported" for a strong claim (it moves the status once
	// corroborated) and "possible" for a weak one.
	Confidence string
	Sentence   string // the sentence it fired on
	Rule       string // the rule's query
	Held       []Held // status words found but held back
}

// Held is a status rule that matched a sentence about the agreement but was
// held back, and why (negated or hypothetical, with the cue word).
type Held struct {
	Status, Sentence, Rule, Why, Cue string
}

// Explain judges items against one agreement exactly as a poll would,
// storing and posting nothing. Other agreements of the config that match an
// item take part, since a sentence about one of them is not about this one.
func (w *Watcher) Explain(agreementID string, items []feed.Item) ([]Explanation, error) {
	p := w.plan.Load()
	var target *tracked
	for _, t := range p.all {
		if t.ID == agreementID {
			target = t
		}
	}
	if target == nil {
		return nil, fmt.Errorf("no agreement %q in the config", agreementID)
	}
	out := make([]Explanation, 0, len(items))
	for i := range items {
		it := &items[i]
		doc := newDocument(it)
		ex := Explanation{Item: *it}
		ex.Matched, ex.Terms = target.Query.Explain(doc)
		if ex.Matched {
			matched := []*tracked{target}
			for _, t := range matchAll(p.all, doc) {
				if t != target {
					matched = append(matched, t)
				}
			}
			found, err := readClaims(it, doc, matched)
			if err != nil {
				return nil, err
			}
			fd := found[target.ID]
			c := fd.Reported
			if c == nil {
				c = fd.Possible
			}
			if c != nil {
				ex.Status, ex.Sentence, ex.Rule, ex.Party = c.Status, c.Sentence, c.Rule, c.Party
				ex.Confidence = ConfidenceReported
				if c != fd.Reported {
					ex.Confidence = ConfidencePossible
				}
			}
			for _, h := range fd.Claims {
				if why := h.Why(); why != "" || !h.Strong && (c == nil || h.Sentence != c.Sentence || h.Status != c.Status) {
					if why == "" {
						why = "weak"
					}
					ex.Held = append(ex.Held, Held{Status: h.Status, Sentence: h.Sentence, Rule: h.Rule, Why: why, Cue: h.Cue})
				}
			}
		}
		out = append(out, ex)
	}
	return out, nil
}
