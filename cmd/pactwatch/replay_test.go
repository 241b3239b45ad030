package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReplayDryRun checks that replay, on an unchanged config, finds
// nothing to change (judging the stored items again gives what the polls
// gave), that after an edit it shows what would change, and that it stores
// nothing.
func TestReplayDryRun(t *testing.T) {
	dir := copyDir(t, filepath.Join("..", "..", "examples"))
	cfg := filepath.Join(dir, "pactwatch.yaml")
	e, out, errOut := testEnv(nil)
	if code := run(context.Background(), []string{"poll", "--config", cfg}, e); code != exitOK {
		t.Fatalf("poll exited %d: %s", code, errOut)
	}
	mark := len(out.String())
	if code := run(context.Background(), []string{"replay", "--config", cfg}, e); code != exitOK {
		t.Fatalf("replay exited %d: %s", code, errOut)
	}
	if got := out.String()[mark:]; !strings.Contains(got, "ru-cn-cyber: unchanged (signed since 8 May 2015)") ||
		!strings.Contains(got, "0 of ") {
		t.Errorf("replay of an unchanged config:\n%s", got)
	}

	// The admin narrows the match so that the signing no longer counts.
	raw, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(raw), `AND (pact OR accord OR treaty OR agreement OR deal)`,
		`AND (pact OR accord OR treaty OR agreement OR deal) AND NOT (sign OR signed)`, 1)
	if edited == string(raw) {
		t.Fatal("the example's match changed: update this test")
	}
	if err := os.WriteFile(cfg, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	mark = len(out.String())
	if code := run(context.Background(), []string{"replay", "--config", cfg, "--agreement", "ru-cn-cyber"}, e); code != exitOK {
		t.Fatalf("replay exited %d: %s", code, errOut)
	}
	got := out.String()[mark:]
	for _, want := range []string{
		"ru-cn-cyber: status signed since 8 May 2015 → rumored since 21 Oct 2014",
		`  - 2015-05-08 signed "Russia and China sign cybersecurity pact"`,
		"1 of 1 agreements would change",
		"Nothing was stored.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("replay output lacks %q:\n%s", want, got)
		}
	}
	// Nothing was stored: the status is still the polled one.
	mark = len(out.String())
	if code := run(context.Background(), []string{"status", "--config", cfg, "ru-cn-cyber"}, e); code != exitOK {
		t.Fatalf("status exited %d: %s", code, errOut)
	}
	if got := out.String()[mark:]; !strings.Contains(got, "): signed") {
		t.Errorf("after a dry run the status is no longer signed:\n%s", got)
	}
	if code := run(context.Background(), []string{"replay", "--config", cfg, "--agreement", "nope"}, e); code != exitFailed ||
		!strings.Contains(errOut.String(), `no agreement "nope"`) {
		t.Errorf("unknown agreement: exit %d, stderr %s", code, errOut)
	}
	if code := run(context.Background(), []string{"replay", "--config", cfg, "extra"}, e); code != exitUsage {
		t.Errorf("stray argument: exit %d, want usage", code)
	}
}
