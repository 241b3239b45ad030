package config

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusConfig is the labelled corpus's config, which lives beside the
// repository (../shared/corpus, there in CI too); PACTWATCH_CORPUS points
// elsewhere. ok is false when it is not there.
func corpusConfig() (path string, ok bool) {
	dir := os.Getenv("PACTWATCH_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	path = filepath.Join(dir, "config.yaml")
	_, err := os.Stat(path)
	return path, err == nil
}

// The evaluation corpus ships a real config; it must load as is.
func TestLoadCorpus(t *testing.T) {
	path, ok := corpusConfig()
	if !ok {
		t.Skipf("corpus config %s not found (set PACTWATCH_CORPUS)", path)
	}
	c, err := Load(path, fakeEnv(map[string]string{"SLACK_BOT_TOKEN": "xoxb-test"}))
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
