package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// loadFull loads the every-key fixture.
func loadFull(t *testing.T) *Config {
	t.Helper()
	c, err := Load(filepath.Join("testdata", "valid_full.yaml"), fakeEnv(map[string]string{"SLACK_BOT_TOKEN": "", "SLACK_SIGNING_SECRET": ""}))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func TestLookups(t *testing.T) {
	c := loadFull(t)
	a, ok := c.Agreement("ru-cn-cyber")
	if !ok || a.Name != "Russia–China cyber pact" {
		t.Fatalf("Agreement(ru-cn-cyber) = %v, %v", a, ok)
	}
	if _, ok := c.Agreement("nope"); ok {
		t.Errorf("Agreement(nope) found something")
	}
	if f, ok := c.Feed("local_file"); !ok || f.ID != "local_file" {
		t.Errorf("Feed(local_file) = %v, %v", f, ok)
	}
	if _, ok := c.Feed("nope"); ok {
		t.Errorf("Feed(nope) found something")
	}

	ids := func(fs []*Feed) (out []string) {
		for _, f := range fs {
			out = append(out, f.ID)
		}
		return out
	}
	names := func(as []*Agreement) (out []string) {
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	wg, _ := c.Agreement("us-cn-wg")
	got := [][]string{
		ids(c.FeedsFor(a)),  // listed feeds only
		ids(c.FeedsFor(wg)), // no list: every feed
		names(c.AgreementsFor("thehill-cyber")),
		names(c.AgreementsFor("local_file")),
	}
	want := [][]string{
		{"thehill-cyber"},
		{"thehill-cyber", "local_file"},
		{"ru-cn-cyber", "us-cn-wg"},
		{"us-cn-wg"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("who reads what (-want +got):\n%s", diff)
	}
	// The pointers point into the Config, not at copies.
	if p, _ := c.Agreement("ru-cn-cyber"); p != &c.Agreements[0] {
		t.Errorf("Agreement returned a copy")
	}
}

func TestStatuses(t *testing.T) {
	c := loadFull(t)
	a, _ := c.Agreement("ru-cn-cyber")
	want := append(Lifecycle("pact"), "shelved") // the rule's status extends the lifecycle
	if diff := cmp.Diff(want, a.Statuses()); diff != "" {
		t.Errorf("Statuses (-want +got):\n%s", diff)
	}
	if Lifecycle("forum") != nil {
		t.Errorf("Lifecycle of an unknown kind is not nil")
	}
	for _, k := range Kinds() {
		for _, s := range Lifecycle(k) {
			if !IsStatusWord(s) {
				t.Errorf("built-in status %q of %s is not a status word", s, k)
			}
		}
	}
	// Lifecycle returns a copy that callers may change.
	Lifecycle("pact")[0] = "changed"
	if Lifecycle("pact")[0] != "rumored" {
		t.Errorf("Lifecycle shares its slice")
	}
}

func TestForecastKey(t *testing.T) {
	f := Forecast{What: "final deal", Due: "2015-h1"}
	if got := f.Key(); got != "final deal@2015-H1" {
		t.Errorf("Key() = %q", got)
	}
}

// Errors finds every *Error through joins and wrapping.
func TestErrors(t *testing.T) {
	a := &Error{File: "f.yaml", Line: 1, Msg: "a"}
	b := &Error{File: "f.yaml", Line: 2, Msg: "b"}
	err := fmt.Errorf("check: %w", errors.Join(a, errors.New("other"), errors.Join(b)))
	if diff := cmp.Diff([]*Error{a, b}, Errors(err)); diff != "" {
		t.Errorf("Errors (-want +got):\n%s", diff)
	}
	if Errors(nil) != nil {
		t.Errorf("Errors(nil) is not nil")
	}
	if got := a.Error(); got != "f.yaml:1: a" {
		t.Errorf("Error() = %q", got)
	}
}
