package bot

import (
	"sort"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

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
	ix := indexFor(cfg)
	if i, ok := ix.exact[strings.Join(words, " ")]; ok { // an exact id, name or alias wins outright
		return &cfg.Agreements[i], nil
	}
	total := map[int]float64{}
	for _, w := range words {
		for i, s := range ix.scores(w) {
			total[i] += s
		}
	}
	type scored struct {
		i     int
		score float64
	}
	var list []scored
	for i, t := range total {
		if s := t / float64(len(words)); s >= 0.5 {
			list = append(list, scored{i, s})
		}
	}
	sort.Slice(list, func(a, b int) bool {
		if list[a].score != list[b].score {
			return list[a].score > list[b].score
		}
		return list[a].i < list[b].i // config order among equals
	})
	if len(list) == 0 {
		return nil, nil
	}
	best := list[0].score
	top := 0
	for _, s := range list {
		if s.score >= best-0.01 {
			top++
		}
	}
	if top == 1 && best >= 0.75 {
		return &cfg.Agreements[list[0].i], nil
	}
	out := make([]*config.Agreement, len(list))
	for k, s := range list {
		out[k] = &cfg.Agreements[s.i]
	}
	return nil, out
}

// lookupIndex is a config's agreements indexed for Lookup, built once per
// config: with thousands of agreements, rebuilding every agreement's words
// and comparing against each on every request was almost all of the cost
// of an answer.
type lookupIndex struct {
	exact    map[string]int   // folded id, name or alias → first agreement
	postings map[string][]int // word → agreements that may be called by it
	words    []string         // the distinct words, for prefix and typo scans
}

// lastIndex caches the index of the config in force (it changes only on
// reload).
var lastIndex atomic.Pointer[struct {
	cfg *config.Config
	ix  *lookupIndex
}]

func indexFor(cfg *config.Config) *lookupIndex {
	if c := lastIndex.Load(); c != nil && c.cfg == cfg {
		return c.ix
	}
	ix := &lookupIndex{exact: map[string]int{}, postings: map[string][]int{}}
	for i := range cfg.Agreements {
		a := &cfg.Agreements[i]
		for _, n := range append([]string{a.ID, a.Name}, a.Aliases...) {
			k := strings.Join(lookupWords(n), " ")
			if _, dup := ix.exact[k]; !dup {
				ix.exact[k] = i
			}
		}
		for w := range agreementWords(a) {
			if ix.postings[w] == nil {
				ix.words = append(ix.words, w)
			}
			ix.postings[w] = append(ix.postings[w], i)
		}
	}
	lastIndex.Store(&struct {
		cfg *config.Config
		ix  *lookupIndex
	}{cfg, ix})
	return ix
}

// scores is how well one query word fits each agreement (by index): 1 for
// one of its words, less for a prefix or a typo; agreements it does not fit
// are absent.
func (ix *lookupIndex) scores(w string) map[int]float64 {
	out := map[int]float64{}
	add := func(v string, s float64) {
		for _, i := range ix.postings[v] {
			out[i] = max(out[i], s)
		}
	}
	add(w, 1)
	if p, ok := partyWords[w]; ok {
		add(p, 1)
	}
	limit, n := typoLimit(w), utf8.RuneCountInString(w)
	if _, known := ix.postings[w]; known {
		limit = -1 // a word some agreement has is no typo: no need to guess
	}
	for _, v := range ix.words {
		switch {
		case v == w:
		case len(w) >= 3 && strings.HasPrefix(v, w):
			add(v, 0.9)
		case len(w) >= 4 && abs(utf8.RuneCountInString(v)-n) <= limit && config.EditDistance(w, v) <= limit:
			add(v, 0.8)
		}
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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
