package bot

import (
	"sort"
	"strings"
	"unicode"

	"github.com/pactwatch/pactwatch/config"
)

// Lookup finds the agreement a person means. It forgives case, typos,
// partial names, aliases, party names and abbreviations: "russia china",
// "ru-cn", "Rusia–China pact" all find the Russia–China pact. It returns the
// agreement when exactly one fits best, else the candidates (none when
// nothing comes close).
func Lookup(cfg *config.Config, q string) (*config.Agreement, []*config.Agreement) {
	words := lookupWords(q)
	if len(words) == 0 {
		return nil, nil
	}
	folded := strings.Join(words, " ")
	for i := range cfg.Agreements { // an exact id, name or alias wins outright
		a := &cfg.Agreements[i]
		for _, n := range append([]string{a.ID, a.Name}, a.Aliases...) {
			if strings.Join(lookupWords(n), " ") == folded {
				return a, nil
			}
		}
	}
	type scored struct {
		a     *config.Agreement
		score float64
	}
	var list []scored
	for i := range cfg.Agreements {
		a := &cfg.Agreements[i]
		vocab := agreementWords(a)
		total := 0.0
		for _, w := range words {
			total += wordScore(w, vocab)
		}
		if s := total / float64(len(words)); s >= 0.5 {
			list = append(list, scored{a, s})
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].score > list[j].score })
	if len(list) == 0 {
		return nil, nil
	}
	best := list[0].score
	var top []*config.Agreement
	for _, s := range list {
		if s.score >= best-0.01 {
			top = append(top, s.a)
		}
	}
	if len(top) == 1 && best >= 0.75 {
		return top[0], nil
	}
	var out []*config.Agreement
	for _, s := range list {
		out = append(out, s.a)
	}
	return nil, out
}

// lookupWords splits a query or a name into lower-case words, dropping
// words that say nothing about which agreement is meant.
func lookupWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		switch w {
		case "the", "a", "an", "of", "on", "and", "with", "between", "status", "public":
			continue
		}
		out = append(out, w)
	}
	return out
}

// agreementWords is everything an agreement may be called by: its id's
// parts, name, aliases, parties (with their initials, "us", "ru") and kind.
func agreementWords(a *config.Agreement) map[string]bool {
	vocab := map[string]bool{}
	add := func(s string) {
		for _, w := range lookupWords(s) {
			vocab[w] = true
		}
	}
	add(a.ID)
	add(a.Name)
	add(strings.ReplaceAll(a.Kind, "_", " "))
	for _, s := range a.Aliases {
		add(s)
	}
	for _, p := range a.Parties {
		add(p)
		ws := lookupWords(p)
		if len(ws) > 1 { // "United States" is also "us"
			initials := ""
			for _, w := range ws {
				initials += w[:1]
			}
			vocab[initials] = true
		} else if len(ws) == 1 && len(ws[0]) >= 2 { // "Russia" is also "ru"
			vocab[ws[0][:2]] = true
		}
	}
	if a.Kind == "working_group" {
		vocab["wg"] = true
	}
	return vocab
}

// wordScore is how well one query word fits an agreement's words: 1 for the
// word itself, less for a prefix or a typo, 0 for nothing close.
func wordScore(w string, vocab map[string]bool) float64 {
	if vocab[w] || vocab[partyWords[w]] {
		return 1
	}
	best := 0.0
	for v := range vocab {
		switch {
		case len(w) >= 3 && strings.HasPrefix(v, w):
			best = max(best, 0.9)
		case len(w) >= 4 && config.EditDistance(w, v) <= typoLimit(w):
			best = max(best, 0.8)
		}
	}
	return best
}

// partyWords are other words people use for the usual parties: "usa
// china" means the United States ("us") and China.
var partyWords = map[string]string{
	"usa": "us", "america": "us", "american": "us", "washington": "us",
	"russian": "russia", "moscow": "russia",
	"chinese": "china", "prc": "china", "beijing": "china",
}

func typoLimit(w string) int {
	if len([]rune(w)) >= 8 {
		return 2
	}
	return 1
}
