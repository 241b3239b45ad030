package config

import (
	"slices"

	"github.com/pactwatch/pactwatch/watchers/query"
	"go.yaml.in/yaml/v3"
)

// StatusRule is one entry of an agreement's `status_rules`: an item that
// matches Query moves the agreement to Status.
type StatusRule struct {
	Status string
	Source string // the query as written
	Query  *query.Query
	Line   int
}

var ruleKeys = []string{"status", "query"}

// statusRules decodes an agreement's `status_rules`. Their statuses extend
// the agreement's vocabulary (of its kind), so they need the shape of a
// status, and must not be one edit or two from a status of the kind: that
// is a typo ("ratifed"), which would silently make a new status.
func (l *loader) statusRules(m *mapping, as scope, kind string) []StatusRule {
	items, _ := l.list(m, as, "status_rules")
	var out []StatusRule
	for i, n := range items {
		rm, s, ok := l.entry(n, i, "status rule", "status", &as, ruleKeys)
		if !ok {
			continue
		}
		r := StatusRule{Line: n.Line}
		var stNode, qNode *yaml.Node
		r.Status, stNode = l.required(rm, s, "status")
		valid := r.Status != ""
		if valid && !IsStatusWord(r.Status) {
			l.add(stNode, "%s: %q is not a lower-case snake_case word (like in_force)", s.field("status"), r.Status)
			valid = false
		}
		if lc := lifecycle(kind); valid && lc != nil && !slices.Contains(lc, r.Status) {
			if h := didYouMean(r.Status, lc); h != "" {
				l.add(stNode, "%s: unknown status %q%s (a new status must not look like a typo of a %s's)",
					s.field("status"), r.Status, h, kind)
				valid = false
			}
		}
		r.Source, qNode = l.required(rm, s, "query")
		if r.Source != "" {
			r.Query = l.query(qNode, s.field("query"), r.Source)
		}
		// A rule with a bad status would only add noise to the vocabulary.
		if valid {
			out = append(out, r)
		}
	}
	return out
}
