package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsAnywhere: flags may follow the positional arguments, as people
// type them; after `--` everything is positional.
func TestFlagsAnywhere(t *testing.T) {
	dir := copyDir(t, filepath.Join("..", "..", "examples"))
	feed := filepath.Join(dir, "feeds", "wire-cyber.xml")
	e, out, errOut := testEnv(nil)
	args := []string{"match", "--agreement", "ru-cn-cyber", feed, "--all", "--config", filepath.Join(dir, "pactwatch.yaml")}
	if code := run(context.Background(), args, e); code != exitOK {
		t.Fatalf("match with flags after the file exited %d: %s", code, errOut)
	}
	// --all took effect: the items that do not match are listed too.
	if !strings.Contains(out.String(), "Chinatown") || !strings.Contains(out.String(), "2 of 5 items") {
		t.Errorf("--all after the file was not applied:\n%s", out)
	}
	// After --, a word that looks like a flag is an argument: two SOURCEs here.
	e, _, errOut = testEnv(nil)
	args = []string{"match", "--config", filepath.Join(dir, "pactwatch.yaml"), "--agreement", "ru-cn-cyber", "--", feed, "--all"}
	if code := run(context.Background(), args, e); code != exitUsage || !strings.Contains(errOut.String(), "one SOURCE") {
		t.Errorf("-- then two words: exit %d, stderr %s", code, errOut)
	}
}

// TestHelpOnStdout: help asked for goes to standard output with exit 0;
// the usage after a mistake goes to standard error with exit 2.
func TestHelpOnStdout(t *testing.T) {
	for _, args := range [][]string{{"status", "--help"}, {"match", "-h"}, {"poll", "x", "-help"}, {"--help"}} {
		e, out, errOut := testEnv(nil)
		if code := run(context.Background(), args, e); code != exitOK {
			t.Errorf("%q exited %d", args, code)
		}
		if !strings.Contains(out.String(), "Usage: pactwatch") || errOut.String() != "" {
			t.Errorf("%q: stdout %q, stderr %q", args, out, errOut)
		}
	}
	e, out, errOut := testEnv(nil)
	if code := run(context.Background(), []string{"status", "--nope"}, e); code != exitUsage {
		t.Errorf("a bad flag exited %d", code)
	}
	if out.String() != "" || !strings.Contains(errOut.String(), "Usage: pactwatch status") {
		t.Errorf("bad flag: stdout %q, stderr %q", out, errOut)
	}
}

// TestUnknownCommandSuggests: a typo of a command names the command meant.
func TestUnknownCommandSuggests(t *testing.T) {
	e, _, errOut := testEnv(nil)
	if code := run(context.Background(), []string{"stauts"}, e); code != exitUsage {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(errOut.String(), `unknown command "stauts" (did you mean "status"?)`) {
		t.Errorf("stderr %q", errOut)
	}
}

// TestExportCommand: pactwatch export writes the timeline as CSV, or as
// Markdown with --format markdown (a flag after the query too).
func TestExportCommand(t *testing.T) {
	dir := copyDir(t, filepath.Join("..", "..", "examples"))
	cfg := filepath.Join(dir, "pactwatch.yaml")
	e, out, errOut := testEnv(nil)
	if code := run(context.Background(), []string{"poll", "--config", cfg}, e); code != exitOK {
		t.Fatalf("poll exited %d: %s", code, errOut)
	}
	before := len(out.String())
	if code := run(context.Background(), []string{"export", "--config", cfg, "russia china"}, e); code != exitOK {
		t.Fatalf("export exited %d: %s", code, errOut)
	}
	csv := out.String()[before:]
	if !strings.HasPrefix(csv, "date,kind,status,previous_status,headline,link,publication,sentence,source,set_by,note,retracted\n") ||
		!strings.Contains(csv, ",status,signed,rumored,Russia and China sign cybersecurity pact,") {
		t.Errorf("CSV:\n%s", csv)
	}
	before = len(out.String())
	if code := run(context.Background(), []string{"export", "--config", cfg, "ru-cn-cyber", "--format", "markdown"}, e); code != exitOK {
		t.Fatalf("export --format markdown exited %d: %s", code, errOut)
	}
	md := out.String()[before:]
	if !strings.HasPrefix(md, "# Russia–China cyber pact: timeline\n") || !strings.Contains(md, "| Date | What | Evidence |") ||
		!strings.Contains(md, "rumored → **signed**") {
		t.Errorf("Markdown:\n%s", md)
	}
	if code := run(context.Background(), []string{"export", "--config", cfg, "nothing like it"}, e); code != exitFailed {
		t.Errorf("unknown agreement: exit %d", code)
	}
}
