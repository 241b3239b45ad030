package config

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// manyAgreements is a file of n agreements, enough to be decoded on several
// CPUs, in which most entries have problems, several on one line.
func manyAgreements(n int, withErrors bool) string {
	var b strings.Builder
	b.WriteString("feeds:\n  - {id: wire, url: https://example.com/a}\n  - {id: wire2, url: https://example.com/b}\nagreements:\n")
	for i := range n {
		kind := i % 7
		if !withErrors {
			kind = i % 2 * 6
		}
		switch kind {
		case 0: // valid
			fmt.Fprintf(&b, "  - id: a%d\n    name: A %d\n    kind: pact\n    match: '(Russia OR Moscow) AND (China OR Beijing) AND pact%d'\n", i, i, i)
		case 1: // several problems on one line
			fmt.Fprintf(&b, "  - {id: a%d, name: '', kind: pakt, match: '((x', feeds: [nope], status: wat}\n", i)
		case 2: // an id an earlier entry has
			fmt.Fprintf(&b, "  - {id: a%d, name: Again, kind: pact, match: pact}\n", i-2)
		case 3: // not a mapping
			b.WriteString("  - just a string\n")
		case 4: // a folded query with an error on its second line
			fmt.Fprintf(&b, "  - id: a%d\n    name: B\n    kind: working_group\n    match: >-\n      talks AND\n      ((cyber**\n", i)
		case 5: // an unknown key, a bad rule query and a bad due date
			fmt.Fprintf(&b, "  - id: a%d\n    name: C\n    kind: pact\n    match: deal\n    colour: red\n"+
				"    status_rules:\n      - {status: signed, query: 'NOT'}\n"+
				"    forecasts:\n      - {what: done, due: 2015-Q5, done_when: [signed]}\n", i)
		case 6: // valid, with its own feeds
			fmt.Fprintf(&b, "  - {id: a%d, name: D %d, kind: deal, match: 'deal AND title:(Russia OR \"U.S.\")', feeds: [wire2, wire2]}\n", i, i)
		}
	}
	return b.String()
}

// TestAgreementsOnEveryCPU loads files of many agreements on one CPU and
// on several and checks that Load gives the same: the same problems in the
// same order, or the same agreements.
func TestAgreementsOnEveryCPU(t *testing.T) {
	load := func(path string, procs int) (*Config, []string) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		c, err := Load(path, nil)
		var msgs []string
		for _, e := range Errors(err) {
			msgs = append(msgs, e.Error())
		}
		return c, msgs
	}
	bad := writeConfig(t, manyAgreements(700, true))
	_, one := load(bad, 1)
	_, several := load(bad, 4)
	if len(one) < 500 {
		t.Fatalf("only %d problems in a file made to have hundreds:\n%s", len(one), strings.Join(one, "\n"))
	}
	if diff := cmp.Diff(one, several); diff != "" {
		t.Errorf("problems on 1 CPU (-) and on 4 (+):\n%s", diff)
	}

	good := writeConfig(t, manyAgreements(700, false))
	c1, errs := load(good, 1)
	if errs != nil {
		t.Fatalf("Load: %v", errs)
	}
	c4, _ := load(good, 4)
	summary := func(c *Config) (out []string) {
		for _, a := range c.Agreements {
			out = append(out, fmt.Sprintf("%s %d %s %v %s", a.ID, a.Line, a.Status, a.Feeds, a.Query))
		}
		return out
	}
	if diff := cmp.Diff(summary(c1), summary(c4)); diff != "" {
		t.Errorf("agreements on 1 CPU (-) and on 4 (+):\n%s", diff)
	}
	if len(c4.Agreements) != 700 {
		t.Errorf("%d agreements, want 700", len(c4.Agreements))
	}
}
