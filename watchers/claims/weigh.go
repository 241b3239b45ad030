package claims

// leadSentences is how many sentences of the lead can report a status as
// news. News writing puts what happened in the headline and the lead, and
// recalls the agreement's past further down ("The treaty was signed by
// the foreign ministers in Kigali", "Netanyahu signed the treaty last
// month"), often without a time that would mark it as background. A
// roundup of several stories has a lead for each: the first sentences
// about the agreement (leadOf).
//
// Measured on the nine real-news development sets, a strong claim was the
// status the article reports in 138 of 163 headlines, 65 of 106 claims in
// body sentences 1-3, 15 of 26 in 4-6 and 8 of 25 further down. Scored by
// story (docs/DETECTION.md), status precision 0.54 -> 0.58, recall 0.60
// -> 0.57; our own corpora: ../shared/corpus unchanged, testdata/heldout
// (digests of several stories) recall 0.60 -> 0.575.
const leadSentences = 3

// Finding is what one item says about one agreement, its claims weighed.
type Finding struct {
	// Reported is the status the item reports as news on its own word: a
	// strong claim, the headline's first, else the body's first.
	Reported *Claim
	// Possible is a status the item reports weakly (on unnamed sources, in
	// a sentence that only refers back to the agreement, a party's move
	// with no party named), when it reports none strongly.
	Possible *Claim
	// Denied is a status the item denies ("rejects report that the pact was
	// signed"): it never reports that status too.
	Denied *Claim
	// Background are earlier events it recalls with their time ("was
	// frozen in 2014"): history, not news.
	Background []Claim
	// Recalled is the first earlier event its lead recalls as fact, with
	// or without a time ("which China suspended last year"): it moves
	// nothing, but where it agrees with the status held, the item
	// confirms that status. Further down, articles recall the
	// agreement's past as context, which confirms nothing.
	Recalled *Claim
	// Forecasts are the plans and expectations it states with a time: one
	// per status and period.
	Forecasts []Claim
	Claims    []Claim
}

// Weigh weighs an item's claims about one agreement (in the order Read
// returns them: headline first).
func Weigh(cs []Claim) Finding {
	f := Finding{Claims: cs}
	denied := map[string]bool{}
	for i := range cs {
		if cs[i].Polarity == Denied && cs[i].Other == "" {
			if f.Denied == nil {
				f.Denied = &cs[i]
			}
			denied[cs[i].Status] = true
		}
	}
	seen := map[string]bool{}
	for i := range cs {
		c := &cs[i]
		if c.Forecast() && !denied[c.Status] && !seen[c.Status+" "+c.Due] {
			seen[c.Status+" "+c.Due] = true
			f.Forecasts = append(f.Forecasts, *c)
		}
		switch {
		case denied[c.Status]:
		case !c.Lead:
			// Past the lead: context, not the news.
		case c.Strong && f.Reported == nil:
			f.Reported = c
		case c.News() && f.Possible == nil:
			f.Possible = c
		}
		if c.Background && c.Polarity == Asserted && c.Mode == Fact && c.Other == "" && !c.Hedged && c.Explicit &&
			c.Status != Rumored && !denied[c.Status] {
			if !c.When.IsZero() {
				f.Background = append(f.Background, *c)
			}
			if f.Recalled == nil && c.Party == "" && c.Lead {
				f.Recalled = c
			}
		}
	}
	if r := f.Reported; r != nil && r.Title {
		// "Russia withdraws from treaty" over a body that only says it
		// will: the headline overstates a plan, which is no status. "Talks
		// resume" over a body that has it from an unnamed source: only
		// possible.
		switch bodyQualifies(cs, r) {
		case planned:
			// What else the item reports stands: the first other status.
			f.Reported, f.Possible = nil, nil
			for i := range cs {
				c := &cs[i]
				switch {
				case c.Status == r.Status || denied[c.Status] || !c.Lead:
				case c.Strong && f.Reported == nil:
					f.Reported = c
				case c.News() && f.Possible == nil:
					f.Possible = c
				}
			}
		case hedged:
			f.Possible, f.Reported = r, nil
		}
	} else if p := f.Possible; r == nil && p != nil && p.Title && bodyQualifies(cs, p) == planned {
		f.Possible = nil // "Russia follows US in withdrawal from treaty" over "it will withdraw"
	}
	if r := f.Reported; r != nil && r.Title && dealStages[r.Status] && !pastForm(r.Word) {
		// A headline says "reach" or "sign" loosely ("Koreas reach
		// agreement" over a body that has the ministers sign it; "US,
		// Canada sign deal" over one that has them reach it): the body's
		// own word for the stage, where it gives only another one, is
		// the precise one. Not a headline's past tense, chosen with care
		// ("Patel signed the deal").
		var body *Claim
		for i := range cs {
			c := &cs[i]
			if c.Title || !c.Strong || !c.Lead || !dealStages[c.Status] {
				continue
			}
			if c.Status == r.Status {
				body = nil
				break
			}
			if body == nil {
				body = c
			}
		}
		if body != nil {
			f.Reported = body
		}
	}
	if f.Reported != nil || f.Denied != nil && f.Possible != nil && f.Possible.Status == Rumored {
		f.Possible = nil // a report denied is no rumour of it either
	}
	// "Leaders sign the deal": what the item reports done, strongly or as
	// possible, is no longer expected ("the deal will be signed in
	// Washington").
	// One party's ratification leaves the others' expected.
	kept := f.Forecasts[:0]
	for _, fc := range f.Forecasts {
		reported := false
		for _, c := range []*Claim{f.Reported, f.Possible} {
			reported = reported || c != nil && c.Status == fc.Status && (c.Party == "" || c.Party == fc.Party)
		}
		if !reported {
			kept = append(kept, fc)
		}
	}
	f.Forecasts = kept
	return f
}

// How a body speaks of the status its headline reports.
const (
	plain   = iota // as fact, or not at all
	planned        // only as a plan or expectation
	hedged         // only on unnamed sources (and perhaps as a plan)
)

// bodyQualifies reports whether the body speaks of the headline's status
// only as a plan or expectation, or on unnamed sources, never as plain
// fact.
func bodyQualifies(cs []Claim, head *Claim) int {
	status := head.Status
	plan, hedge := false, false
	for _, c := range cs {
		if c.Title || c.Status != status && !(c.Hedged && c.Status == Rumored) {
			continue
		}
		if c.Strong || c.News() && !c.Hedged && c.Party == head.Party {
			// "marked the resumption of negotiations": fact, if weakly
			// put; another party's move is not the headline's.
			return plain
		}
		if c.Mode == Plan && c.Polarity == Asserted && c.Other == "" && c.Lead {
			plan = true // the lead's plan; a quote further down ("here to sign a deal") is not the news
		}
		if c.Hedged && c.Mode == Fact && c.Polarity == Asserted {
			hedge = true
		}
	}
	switch {
	case hedge:
		return hedged
	case plan:
		return planned
	}
	return plain
}

// dealStages are the two stages of making a deal that headlines blur:
// reaching it and signing it.
var dealStages = set("announced", "signed")
