package claims

// A legislature's approval: "the Senate approves the trade pact" ratifies
// it (see the ratified rule of approving words in kinds.go).

import "github.com/pactwatch/pactwatch/watchers/query"

// approvalWords are the words of approving, which report a ratification
// only when a legislature approves.
var approvalWords = set("approved", "approves", "approve", "approving", "approval", "passed", "passes", "pass",
	"gave", "gives", "consented", "consents", "green-lighted", "greenlighted", "rubber-stamped",
	"backed", "backs", "endorsed", "endorses", "cleared", "clears", "voted", "votes", "vote")

// approvedNouns are the acts a legislature approves that make the
// agreement its country's: "approved the ratification", "approved
// Sweden's accession".
var approvedNouns = set("ratification", "accession")

// actNouns are acts a legislature approves without a telling ending:
// "approved the exit from the pact", "passed a bill".
var actNouns = set("exit", "pullout", "bill", "bills", "law", "laws", "decree", "motion", "budget", "loan")

// legislatures are the words that name a law-making body.
var legislatures = set("parliament", "parliaments", "parliamentary", "senate", "senators", "congress", "congressional",
	"legislature", "legislatures", "legislative", "legislators", "lawmakers", "mps", "duma", "knesset", "majlis", "bundestag",
	"rada", "sejm", "riksdag", "storting", "deputies", "lower", "upper", "chamber")

// legislates reports whether the approving word at first..last has a
// legislature for its subject ("Hungary's parliament overwhelmingly
// approved", "Senate approval") or agent ("approved by the Senate"), and
// approves the agreement, not an act on it ("approved Finland's
// withdrawal from the treaty").
func legislates(text string, toks []query.Token, first, last int) bool {
	for k := last + 1; k < len(toks) && k-last <= 4; k++ {
		w := toks[k].Text
		if nounWords[w] || approvedNouns[w] || boundaries[w] || clauseBreak(text[toks[k-1].End:toks[k].Start]) {
			break
		}
		if eventNoun(w) || actNouns[w] {
			return false
		}
	}
	for k := first - 1; k >= 0 && first-k <= 4; k-- {
		if clauseBreak(text[toks[k].End:toks[k+1].Start]) {
			break
		}
		if legislatures[toks[k].Text] {
			return true
		}
		if boundaries[toks[k].Text] && toks[k].Text != "of" {
			break
		}
	}
	for k := last + 1; k < len(toks) && k-last <= 5; k++ {
		if clauseBreak(text[toks[k-1].End:toks[k].Start]) {
			break
		}
		if toks[k].Text == "by" {
			for m := k + 1; m < len(toks) && m-k <= 4; m++ {
				if legislatures[toks[m].Text] {
					return true
				}
			}
			break
		}
	}
	return false
}
