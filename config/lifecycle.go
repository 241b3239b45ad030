package config

import (
	"regexp"
	"slices"
)

// Built-in lifecycles: the statuses each kind of agreement can be in, in
// the order things usually happen. The first is the default starting status.
// Detection and the /pact commands build on these words, so renaming one is
// a breaking change.
//
// Pacts, treaties and deals:
//
//	rumored      talked about, nothing confirmed
//	negotiating  the parties confirm talks
//	announced    agreement in principle announced, not yet signed
//	signed       signed by the parties
//	ratified     ratified by the parties' legislatures where needed
//	in_force     in effect
//	stalled      talks stopped without ending
//	collapsed    talks ended without agreement
//	withdrawn    a party left the agreement
//
// Working groups:
//
//	proposed     announced or planned, not yet meeting
//	active       meeting
//	stalled      no meetings for a while, not formally stopped
//	suspended    formally put on hold
//	dissolved    ended
//
// An agreement may name further statuses in its status_rules; see
// Agreement.Statuses.
var (
	agreementLifecycle = []string{"rumored", "negotiating", "announced", "signed", "ratified", "in_force", "stalled", "collapsed", "withdrawn"}
	groupLifecycle     = []string{"proposed", "active", "stalled", "suspended", "dissolved"}
)

// Kinds returns the kinds of agreement a config may name.
func Kinds() []string {
	return []string{"pact", "treaty", "deal", "working_group"}
}

// Lifecycle returns the built-in statuses of a kind, starting status first,
// or nil for an unknown kind.
func Lifecycle(kind string) []string { return slices.Clone(lifecycle(kind)) }

// lifecycle is Lifecycle without the copy, for reading only.
func lifecycle(kind string) []string {
	switch kind {
	case "pact", "treaty", "deal":
		return agreementLifecycle
	case "working_group":
		return groupLifecycle
	}
	return nil
}

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
