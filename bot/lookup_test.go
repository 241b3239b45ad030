package bot

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pactwatch/pactwatch/config"
)

// testConfig loads testdata/pactwatch.yaml, with the given environment.
func testConfig(t testing.TB, env map[string]string) *config.Config {
	t.Helper()
	cfg, err := config.Load(filepath.Join("testdata", "pactwatch.yaml"), func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestLookup(t *testing.T) {
	cfg := testConfig(t, nil)
	tests := []struct {
		query      string
		want       string   // the agreement found, or ""
		candidates []string // else the candidates offered
	}{
		// Party names in any order and case find the pact.
		{query: "russia china", want: "ru-cn-cyber"},
		{query: "China Russia", want: "ru-cn-cyber"},
		// The id's abbreviations work on their own.
		{query: "ru-cn", want: "ru-cn-cyber"},
		// A typo, a dash of another kind and the kind word.
		{query: "Rusia–China pact", want: "ru-cn-cyber"},
		// "us" is the initials of the United States.
		{query: "us china", want: "us-cn-cyber-wg"},
		{query: "usa china", want: "us-cn-cyber-wg"},
		{query: "united states russia", want: "us-ru-cyber-wg"},
		// Aliases and the exact id or name win outright.
		{query: "Sino-Russian cyber accord", want: "ru-cn-cyber"},
		{query: "us-ru-cyber-wg", want: "us-ru-cyber-wg"},
		{query: "US–China cybersecurity working group", want: "us-cn-cyber-wg"},
		// A partial name is enough when it is clear.
		{query: "cybersec working group chin", want: "us-cn-cyber-wg"},
		// A word all three share lists them all.
		{query: "cyber", candidates: []string{"ru-cn-cyber", "us-ru-cyber-wg", "us-cn-cyber-wg"}},
		// A party two agreements share lists those two.
		{query: "russia", candidates: []string{"ru-cn-cyber", "us-ru-cyber-wg"}},
		// Nothing close finds nothing.
		{query: "iran nuclear deal"},
		{query: "   "},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			a, cands := Lookup(cfg, tt.query)
			got := ""
			if a != nil {
				got = a.ID
			}
			var ids []string
			for _, c := range cands {
				ids = append(ids, c.ID)
			}
			if got != tt.want || !cmp.Equal(ids, tt.candidates) {
				t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.query, got, ids, tt.want, tt.candidates)
			}
		})
	}
}
