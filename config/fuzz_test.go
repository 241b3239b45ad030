package config

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary files to Load: it must never panic, and must
// return either a Config or errors that all carry a line.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if corpus, ok := corpusConfig(); ok {
		seeds = append(seeds, corpus)
	}
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("schedule: CRON_TZ=UTC\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// From memory: a file written and read for every input would halve
		// the inputs tried in the same time.
		c, err := load("fuzz.yaml", data, fakeEnv(map[string]string{"SLACK_BOT_TOKEN": "xoxb-fuzz"}))
		if (c == nil) == (err == nil) {
			t.Fatalf("Load returned config %v with error %v", c != nil, err)
		}
		if err != nil && len(Errors(err)) == 0 {
			t.Fatalf("error without FILE:LINE: %v", err)
		}
		for _, e := range Errors(err) {
			if e.Line < 1 {
				t.Fatalf("error without a line: %v", e)
			}
		}
	})
}
