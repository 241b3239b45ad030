package config

import (
	"os"
	"testing"
)

// The evaluation corpus ships a real config; it must load as is.
func TestLoadCorpus(t *testing.T) {
	const path = "/work/shared/corpus/config.yaml"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("corpus config %s is not on this machine: %v", path, err)
	}
	c, err := Load(path, func(string) string { return "" })
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	if got := len(c.Agreements); got != 3 {
		t.Errorf("got %d agreements, want 3", got)
	}
	if !c.Backfill.All {
		t.Errorf("backfill: got %+v, want all", c.Backfill)
	}
}
