package watchers

import (
	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// rule is a compiled status rule: when its query fires in a sentence about
// the agreement, and is not negated or hypothetical there, the agreement has
// that status.
type rule struct {
	status  string
	source  string // the query as written
	q       *query.Query
	builtin bool
}

// builtinRules are each kind's status rules when the config gives none for
// a status. The first rule that fires on an item wins, so a news item that
// reports a change and recalls the state it ended ("revived the stalled
// talks") counts as the change: endings and changes come before the states
// they leave.
var builtinRules = map[string][][2]string{
	"pact": {
		{"in_force", `"entered into force" OR "enters into force" OR "came into force" OR "comes into force" OR "took effect" OR "takes effect" OR "in force"`},
		{"ratified", `ratified OR "ratification was approved"`},
		{"withdrawn", `withdrew OR withdrawn OR "pulled out of" OR "walked away from" OR renounced OR "exited the"`},
		{"collapsed", `collapsed OR "fell apart" OR "broke down" OR scrapped OR abandoned OR "talks ended"`},
		{"signed", `signed OR inked OR "concluded an agreement" OR sealed`},
		{"stalled", `stalled OR shelved OR deadlocked OR "on hold" OR "on ice" OR "in limbo"`},
		{"announced", `announced OR unveiled OR "agreed in principle"`},
		{"negotiating", `negotiat* OR "final deal" OR drafting OR "finalise the text" OR "finalize the text"`},
		{"rumored", `reportedly OR rumored OR rumoured OR "said to be" OR "unnamed sources" OR "media reports"`},
	},
	"working_group": {
		{"dissolved", `dissolved OR disbanded OR abolished OR scrapped`},
		{"active", `resum* OR reconven* OR reviv* OR restart* OR convened OR launched`},
		{"suspended", `suspend* OR frozen OR "on ice" OR "pulled out" OR "walked away" OR halted`},
		{"stalled", `stalled OR deadlocked OR "on hold" OR "in limbo"`},
		{"proposed", `proposed OR "would create" OR "agreed to create" OR "agreed to set up"`},
	},
}

var compiledBuiltins = compileBuiltins()

func compileBuiltins() map[string][]rule {
	out := map[string][]rule{}
	for kind, list := range builtinRules {
		for _, r := range list {
			q, err := query.Parse(r[1])
			if err != nil {
				panic("builtin status rule " + r[0] + ": " + err.Error())
			}
			out[kind] = append(out[kind], rule{status: r[0], source: r[1], q: q, builtin: true})
		}
	}
	out["treaty"], out["deal"] = out["pact"], out["pact"]
	return out
}

// rulesFor returns an agreement's status rules in the order they are tried:
// the config's own, in order, then the built-in rules of its kind for the
// statuses the config does not name.
func rulesFor(a *config.Agreement) []rule {
	var out []rule
	named := map[string]bool{}
	for _, r := range a.StatusRules {
		out = append(out, rule{status: r.Status, source: r.Source, q: r.Query})
		named[r.Status] = true
	}
	for _, r := range compiledBuiltins[a.Kind] {
		if !named[r.status] {
			out = append(out, r)
		}
	}
	return out
}
