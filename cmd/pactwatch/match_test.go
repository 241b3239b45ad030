package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestMatchDryRun checks that match shows matching items with their terms,
// the rule that fires and the status words held back, and stores nothing.
func TestMatchDryRun(t *testing.T) {
	dir := copyDir(t, filepath.Join("..", "..", "examples"))
	e, out, errOut := testEnv(nil)
	args := []string{"match", "--config", filepath.Join(dir, "pactwatch.yaml"), "--agreement", "ru-cn-cyber",
		filepath.Join(dir, "feeds", "wire-cyber.xml")}
	if code := run(context.Background(), args, e); code != exitOK {
		t.Fatalf("match exited %d: %s", code, errOut)
	}
	for _, want := range []string{
		"MATCH  No cyber pact at APEC as Putin and Xi meet",
		`held back: signed (negated: "no")`,
		`held back: signed (hypothetical: "if")`,
		"status: rumored (rule: ",
		"2 of 5 items in wire-cyber.xml match ru-cn-cyber",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("match output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out.String(), "Chinatown") {
		t.Errorf("a non-matching item was listed without --all:\n%s", out)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*.db")); len(m) != 0 {
		t.Errorf("match created a database: %v", m)
	}
	// An unknown agreement is a clear error.
	args[4] = "nope"
	if code := run(context.Background(), args, e); code != exitFailed || !strings.Contains(errOut.String(), `no agreement "nope"`) {
		t.Errorf("unknown agreement: exit %d, stderr %s", code, errOut)
	}
}

// TestStatusCommand checks the list and one agreement's answer, including a
// forecast's state, and lookup by a forgiving query.
func TestStatusCommand(t *testing.T) {
	dir := copyDir(t, filepath.Join("..", "..", "examples"))
	cfg := filepath.Join(dir, "pactwatch.yaml")
	e, out, errOut := testEnv(nil)
	if code := run(context.Background(), []string{"poll", "--config", cfg}, e); code != exitOK {
		t.Fatalf("poll exited %d: %s", code, errOut)
	}
	before := len(out.String())
	if code := run(context.Background(), []string{"status", "--config", cfg, "Rusia–China pact"}, e); code != exitOK {
		t.Fatalf("status exited %d: %s", code, errOut)
	}
	got := out.String()[before:]
	for _, want := range []string{"Russia–China cyber pact (ru-cn-cyber): signed", "since 8 May 2015",
		"evidence: \"Russia and China sign cybersecurity pact\"", "final deal by 30 Jun 2015 (first half of 2015)", "fulfilled, signed on 8 May 2015",
		"Latest mentions:"} {
		if !strings.Contains(got, want) {
			t.Errorf("status lacks %q:\n%s", want, got)
		}
	}
	before = len(out.String())
	if code := run(context.Background(), []string{"status", "--config", cfg}, e); code != exitOK {
		t.Fatalf("status list exited %d: %s", code, errOut)
	}
	got = out.String()[before:]
	for _, want := range []string{"us-cn-cyber-wg", "active", "Feeds:", "wire-cyber", "5 items seen"} {
		if !strings.Contains(got, want) {
			t.Errorf("status list lacks %q:\n%s", want, got)
		}
	}
}
