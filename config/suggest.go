package config

import (
	"fmt"
	"strings"
)

// didYouMean returns ` (did you mean "x"?)` for the option closest to word,
// or "" when none is close enough to be a plausible typo.
func didYouMean(word string, options []string) string {
	if best, ok := Closest(word, options); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// Closest returns the option closest to word (ignoring case) when it is
// close enough to be a plausible typo of it: one edit for words of up to
// four letters, two up to eight, three beyond.
func Closest(word string, options []string) (string, bool) {
	best, bestDist := "", -1
	w := strings.ToLower(word)
	for _, o := range options {
		d := EditDistance(w, strings.ToLower(o))
		if bestDist < 0 || d < bestDist {
			best, bestDist = o, d
		}
	}
	limit := 1
	switch n := len([]rune(word)); {
	case n > 8:
		limit = 3
	case n > 4:
		limit = 2
	}
	if bestDist < 0 || bestDist > limit {
		return "", false
	}
	return best, true
}

// hint is didYouMean, or else the list of what is allowed.
func hint(word string, options []string) string {
	if s := didYouMean(word, options); s != "" {
		return s
	}
	return " (allowed: " + strings.Join(options, ", ") + ")"
}

// EditDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of neighbours each cost one, so the
// usual typos ("chanel", "stauts") are one or two edits away. It is also
// what /pact uses to forgive typos in agreement names.
func EditDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	prev2 := make([]int, len(t)+1)
	prev := make([]int, len(t)+1)
	cur := make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(t)]
}
