package claims

import (
	"strings"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// hedge returns the words that put a sentence on unnamed sources or on
// other media ("reportedly", "according to media reports", "sources said",
// "people familiar with the talks"), or "". A named source ("according to
// the State Department") is not a hedge.
func hedge(text string, toks []query.Token) string {
	if len(toks) > 1 && (toks[0].Text == "report" || toks[0].Text == "reports") &&
		strings.HasPrefix(strings.TrimSpace(text[toks[0].End:]), ":") {
		return "report:" // "Report: Iran suspends talks", a headline on another outlet's word
	}
	if n := len(toks); n > 2 && trailingSource[toks[n-1].Text] && strings.ContainsAny(text[toks[n-2].End:toks[n-1].Start], ":-–—") {
		return ": " + toks[n-1].Text // "Talks called off: reports", "... - sources"
	}
	for i, t := range toks {
		w := t.Text
		if hedgeWords[w] {
			return w
		}
		next := func(k int) string {
			if i+k < len(toks) {
				return toks[i+k].Text
			}
			return ""
		}
		switch w {
		case "according":
			if next(1) != "to" {
				continue
			}
			for k := 2; k <= 5 && i+k < len(toks); k++ {
				if sourceNouns[toks[i+k].Text] {
					return "according to " + toks[i+k].Text
				}
			}
		case "sources", "source", "insiders", "people", "person":
			switch n := next(1); n {
			case "said", "say", "says", "told", "familiar", "close", "with", "briefed", "cited", "quoted":
				return w + " " + n
			}
		case "said", "is", "are", "was", "were":
			if next(1) == "said" && next(2) == "to" || next(1) == "understood" || next(1) == "believed" && next(2) == "to" {
				return w + " " + next(1)
			}
		case "reports", "report":
			switch n := next(1); n {
			case "say", "said", "says", "suggest", "suggested", "claim", "claimed", "in", "by", "that":
				if i > 0 && (rejectVerbs[toks[i-1].Text] || determiners[toks[i-1].Text] && i > 1 && rejectVerbs[toks[i-2].Text]) {
					continue
				}
				return w + " " + n
			}
		case "media", "press":
			if n := next(1); n == "reports" || n == "reported" || n == "said" {
				return w + " " + n
			}
		}
	}
	return ""
}

var (
	hedgeWords  = set("reportedly", "allegedly", "purportedly", "unconfirmed", "unnamed", "anonymous", "anonymity", "rumoured", "rumored")
	sourceNouns = set("report", "reports", "media", "sources", "source", "people", "person", "insiders", "newspaper",
		"newspapers", "paper", "outlet", "outlets", "leaks", "leaked", "diplomats", "officials", "official", "reporting")
)

// trailingSource are the words a headline ends on after a colon or a dash
// to say whose word it is: "US-India trade talks called off: reports".
var trailingSource = set("report", "reports", "sources", "source", "media")
