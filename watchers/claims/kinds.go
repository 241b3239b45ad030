package claims

import (
	"slices"
	"strings"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// The vocabulary of each kind of agreement lives here and nowhere else: its
// lifecycle (the statuses it can be in, starting status first), the nouns
// prose calls it by, and the words that report each status. config reads
// lifecycles from here; the reader reads the rest.
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
// Working groups (and standing talks or dialogues):
//
//	proposed     announced or planned, not yet meeting
//	active       meeting
//	stalled      no meetings for a while, not formally stopped
//	suspended    formally put on hold
//	dissolved    ended
//
// Renaming a status is a breaking change: configs and history name them.
type kind struct {
	// done is the status an agreement of the kind is expected to reach
	// when news expects it without saying what happens ("a final deal is
	// expected in the first half of 2015": signed).
	done      string
	talks     string // the status of an agreement whose talks are under way
	lifecycle []string
	nouns     string      // a query: the words prose uses for one
	triggers  [][2]string // status, query; tried in this order
	// expects are words that tell a status only as expected, with a time
	// ("is expected to be implemented by 2027"): as news they say too
	// little ("implementation is slow", "the implemented parts"), so their
	// claims count only as forecasts. Tried after the triggers.
	expects [][2]string
}

// Rumored is the status of a pact that is only talked about: what a hedged
// report ("according to unnamed sources") can say at most.
const Rumored = "rumored"

var pactKind = kind{
	done:      "signed",
	talks:     "negotiating",
	lifecycle: []string{"rumored", "negotiating", "announced", "signed", "ratified", "in_force", "stalled", "collapsed", "withdrawn"},
	nouns: `pact OR pacts OR accord OR accords OR agreement OR agreements OR treaty OR treaties OR deal OR deals
		OR convention OR memorandum OR initiative OR framework OR arrangement OR partnership OR declaration OR roadmap OR protocol`,
	// Endings and changes come before the states they leave, so that "revived
	// the stalled talks" is read as the change where both are news.
	triggers: [][2]string{
		{"in_force", `"entered into force" OR "enters into force" OR "enter into force" OR "came into force" OR "comes into force"
			OR "took effect" OR "takes effect" OR "came into effect" OR "comes into effect" OR "went into effect" OR "goes into effect" OR "in force"
			OR "come into force" OR "come into effect" OR "take effect" OR "go into effect" OR "enter into effect"
			OR "in effect" OR intact
			OR "become effective" OR "becomes effective" OR "became effective" OR "be effective" OR "legally effective" OR "fully effective"
			OR "provisionally applied" OR "applied provisionally" OR "apply provisionally" OR "provisionally apply" OR "provisional application"
			OR extended OR extends OR extending OR extension OR extend OR renewed OR renews OR renewal OR renew OR prolonged OR prolongs
			OR rejoined OR rejoins OR rejoin OR "returned to" OR "returns to" OR "return to"
			OR implementing`},
		{"ratified", `ratified OR ratifies OR ratify OR ratifying OR ratification OR joined OR joins OR acceded OR accedes`},
		// A legislature's approval is its ratification ("the Senate
		// approves the trade pact"); approving alone is not (see
		// legislates).
		{"ratified", `approved OR approves OR approve OR approving OR approval OR passed OR passes OR pass
			OR backed OR backs OR endorsed OR endorses OR cleared OR clears OR "voted for" OR "votes for" OR "vote for"
			OR "voted through" OR "votes through" OR "gave its consent" OR "gives its consent" OR "gave consent" OR consented OR consents
			OR "gave the green light" OR "gives the green light" OR "green-lighted" OR "greenlighted" OR "rubber-stamped"`},
		{"withdrawn", `withdrew OR withdrawn OR withdraws OR withdraw OR withdrawing OR withdrawal OR pullout OR "pulled out" OR "pulls out" OR "pull out" OR "pulling out"
			OR "walked away from" OR "walks away from" OR "walk away from" OR renounced OR renounces OR exited OR exits OR exit OR quit OR quits
			OR "left the" OR "leaves the" OR "leave the" OR "no longer a party" OR "no longer party"
			OR "opted out" OR "opts out" OR "opt out"
			OR "not to extend" OR "not to renew" OR "will not renew" OR "would not renew"`},
		{"collapsed", `collapsed OR collapses OR collapse OR "fell apart" OR "falls apart" OR "broke down" OR "breaks down"
			OR scrapped OR scraps OR scrap OR scrapping OR abandoned OR abandons OR abandon OR abandoning
			OR terminated OR terminates OR terminate OR terminating OR termination OR "talks ended"
			OR "called off" OR "calls off" OR "is dead" OR "are dead" OR "was dead" OR "were dead" OR "declared dead"
			OR "no longer exist" OR "no longer exists" OR "does not exist" OR "do not exist" OR "is no more" OR "are no more"
			OR "came to an end" OR "comes to an end" OR "came to an abrupt end" OR "come to an end"`},
		{"signed", `signed OR signs OR sign OR signing OR inked OR inks OR ink OR sealed OR seals OR seal OR "concluded an agreement"`},
		{"stalled", `stalled OR stalls OR shelved OR shelves OR deadlocked OR "on hold" OR "on ice" OR "in limbo" OR paused OR pauses
			OR frozen OR freezes OR froze OR freezing OR suspended OR suspends OR suspend OR suspending OR suspension
			OR halted OR halts OR halt OR halting
			OR "broke off" OR "breaks off" OR "broken off" OR deadlock OR impasse`},
		{"announced", `"agreed in principle" OR "agreement in principle" OR clinched OR clinches OR clinch OR unveiled OR unveils OR announced OR announces
			OR initialled OR initialed OR initials OR initialling OR initialing
			OR ((reached OR reach OR reaches OR struck OR strike OR strikes OR secured OR secures OR sealed OR closed
				OR concluded OR concludes OR conclude OR finalised OR finalized OR finalises OR finalizes OR finalise OR finalize)
				NEAR/5 (deal OR agreement OR accord OR pact OR treaty))
			OR ((agreed OR agree OR agrees) NEAR/2 (sign OR conclude OR finalise OR finalize))`},
		{"negotiating", `negotiat* OR "final deal" OR drafting OR convene OR convenes OR convened OR reconvene OR reconvenes OR reconvened OR "finalise the text" OR "finalize the text"
			OR ((talks OR negotiations) NEAR/6 (began OR begun OR begin OR begins OR started OR start OR starts OR opened OR opens OR resumed OR resume OR resumes OR restarted OR revived OR revive OR revives OR underway
			OR launched OR launches OR launch OR "kicked off" OR "kicks off" OR "kick off"
			OR continued OR continues OR continuing))
			OR ((held OR hold OR holds OR hosted OR hosts OR host) NEAR/6 (talks OR negotiations OR discussions OR round OR rounds)) OR "under way" OR "back on track" OR ((talks OR negotiations OR discussions) NEAR/3 (intensified OR intensify OR intensifies OR intensifying OR progressed OR progressing OR revived OR revive OR revives))`},
		{"rumored", `rumored OR rumoured OR rumors OR rumours`},
	},
	expects: [][2]string{
		{"in_force", `implemented OR implement OR implements OR implementation`},
	},
}

var groupKind = kind{
	done:      "active",
	talks:     "active",
	lifecycle: []string{"proposed", "active", "stalled", "suspended", "dissolved"},
	nouns: `"working group" OR group OR dialogue OR dialog OR talks OR channel OR consultations OR mechanism OR forum OR commission
		OR cooperation OR negotiations OR communication OR communications OR contacts`,
	triggers: [][2]string{
		{"dissolved", `dissolved OR dissolves OR dissolve OR disbanded OR disbands OR disband OR abolished OR abolishes OR abolish OR scrapped OR scraps OR scrap`},
		{"active", `resum* OR reconven* OR reviv* OR restart* OR convened OR convenes OR launched OR launches OR launch
			OR "kicked off" OR "kicks off" OR "kick off"
			OR ((held OR hold OR holds) NEAR/6 (talks OR meeting OR meetings OR dialogue OR consultations OR discussions OR round)) OR underway OR "under way"
			OR ((talks OR negotiations OR dialogue OR consultations OR round) NEAR/6 (began OR begun OR begin OR begins OR started OR start OR starts OR opened OR opens))
			OR "back on track" OR ((talks OR negotiations OR discussions) NEAR/3 (intensified OR intensify OR intensifies OR intensifying OR progressed OR progressing OR revived OR revive OR revives))
			OR ((reached OR reach OR reaches OR struck OR strike OR achieved OR achieve OR achieves) NEAR/3 (deal OR accord OR agreement))`},
		{"suspended", `suspend* OR frozen OR freezes OR froze OR "pulled out" OR "pulls out" OR "pull out" OR "walked away" OR "walks away"
			OR quit OR quits OR withdrew OR withdraws OR withdraw OR withdrawn OR "left the" OR "leaves the"
			OR "broke down" OR "broken down" OR "breaks down" OR "came to an end" OR "came to an abrupt end" OR "comes to an end"
			OR halted OR halts OR halt OR paused OR pauses OR "called off" OR "calls off" OR "broke off" OR "breaks off" OR "cut off" OR "cuts off"
			OR cancelled OR canceled OR cancels OR cancel OR cancelling OR canceling`},
		{"stalled", `stalled OR stalls OR deadlocked OR deadlock OR impasse OR "on hold" OR "in limbo"
			OR ((failed OR fail OR fails OR failure) NEAR/3 (talks OR negotiations OR round OR meeting))`},
		{"proposed", `proposed OR proposes OR "would create" OR "agreed to create" OR "agreed to set up" OR "agreed to establish" OR "agree to create" OR "agree to set up" OR "agree to establish"`},
	},
}

// kinds maps a kind's name to its vocabulary.
var kinds = map[string]*kind{"pact": &pactKind, "treaty": &pactKind, "deal": &pactKind, "working_group": &groupKind}

// Kinds returns the kinds of agreement a config may name.
func Kinds() []string { return []string{"pact", "treaty", "deal", "working_group"} }

// Lifecycle returns the built-in statuses of a kind, starting status first,
// or nil for an unknown kind. The slice is shared: do not modify it.
func Lifecycle(k string) []string {
	if v := kinds[k]; v != nil {
		return v.lifecycle
	}
	return nil
}

// partyStatuses are what one party of an agreement of more than two can do
// on its own: join it, ratify it, leave it (or suspend its part, which
// for that party is leaving), come back to it.
var partyStatuses = []string{"signed", "ratified", "withdrawn", "stalled", "in_force"}

// rumourable are the statuses of a pact's making, which a report on
// unnamed sources makes a rumour of the pact.
var rumourable = set(Rumored, "negotiating", "announced", "signed")

// partyMeaning is what a status word means when one party of many does it
// alone: a party that suspends its part has left, for now.
var partyMeaning = map[string]string{"stalled": "withdrawn"}

// planStatuses are statuses that a plan reports: a group "agreed to set up"
// is proposed.
var planStatuses = []string{"proposed"}

// Rule is a status rule: where its query fires in a sentence about the
// agreement, the sentence may report that status.
type Rule struct {
	Status  string
	Source  string // the query as written
	Query   *query.Query
	Builtin bool
	// Expected says the rule's words tell its status only as expected: a
	// claim of it counts only as a forecast (kind.expects).
	Expected bool
}

var builtins = func() map[*kind][]Rule {
	out := map[*kind][]Rule{}
	for _, k := range []*kind{&pactKind, &groupKind} {
		for i, t := range append(slices.Clip(k.triggers), k.expects...) {
			q, err := query.Parse(t[1])
			if err != nil {
				panic("claims: built-in trigger for " + t[0] + ": " + err.Error())
			}
			out[k] = append(out[k], Rule{Status: t[0], Source: strings.Join(strings.Fields(t[1]), " "), Query: q, Builtin: true,
				Expected: i >= len(k.triggers)})
		}
	}
	return out
}()

// anyTrigger is, for each kind, one query of all its status words: a
// sentence that does not match it needs none of the kind's rules tried.
var anyTrigger = func() map[*kind]*query.Query {
	out := map[*kind]*query.Query{}
	for _, k := range []*kind{&pactKind, &groupKind} {
		var parts []string
		for _, t := range append(slices.Clip(k.triggers), k.expects...) {
			parts = append(parts, "("+t[1]+")")
		}
		out[k] = mustParse(strings.Join(parts, " OR "))
	}
	return out
}()

var nounQueries = func() map[*kind]*query.Query {
	out := map[*kind]*query.Query{}
	for _, k := range []*kind{&pactKind, &groupKind} {
		out[k] = mustParse(k.nouns)
	}
	return out
}()

// Rules returns an agreement's rules in the order they are tried: its own
// (from the config), then the built-in ones of its kind for the statuses
// its own do not name.
func Rules(k string, own []Rule) []Rule {
	out := slices.Clone(own)
	named := map[string]bool{}
	for _, r := range own {
		named[r.Status] = true
	}
	if v := kinds[k]; v != nil {
		for _, r := range builtins[v] {
			if !named[r.Status] {
				out = append(out, r)
			}
		}
	}
	return out
}

func mustParse(q string) *query.Query {
	parsed, err := query.Parse(q)
	if err != nil {
		panic(err)
	}
	return parsed
}
