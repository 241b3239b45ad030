package config

import (
	"regexp"
	"slices"

	"github.com/pactwatch/pactwatch/watchers/claims"
)

// Kinds returns the kinds of agreement a config may name. The vocabulary
// of each kind (its lifecycle, nouns and status words) lives in
// watchers/claims, in one place.
func Kinds() []string { return claims.Kinds() }

// Lifecycle returns the built-in statuses of a kind, starting status first,
// or nil for an unknown kind.
func Lifecycle(kind string) []string { return slices.Clone(claims.Lifecycle(kind)) }

// lifecycle is Lifecycle without the copy, for reading only.
func lifecycle(kind string) []string { return claims.Lifecycle(kind) }

// Statuses returns the statuses the agreement can be in: its kind's
// lifecycle, then any further status its status_rules name.
func (a *Agreement) Statuses() []string {
	out := Lifecycle(a.Kind)
	for _, r := range a.StatusRules {
		if !slices.Contains(out, r.Status) {
			out = append(out, r.Status)
		}
	}
	return out
}

var statusWord = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// IsStatusWord reports whether s has the shape of a status: a lower-case
// snake_case word such as in_force.
func IsStatusWord(s string) bool { return statusWord.MatchString(s) }
