package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestExampleAndReferenceCoverEveryKey: examples/pactwatch.yaml uses every
// key the loader accepts, and docs/config.md documents each; a new key
// fails here until both have it.
func TestExampleAndReferenceCoverEveryKey(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "examples", "pactwatch.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	used := map[string]map[string]bool{}
	keysOf := func(section string, n *yaml.Node) {
		if n == nil || n.Kind != yaml.MappingNode {
			return
		}
		if used[section] == nil {
			used[section] = map[string]bool{}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			used[section][n.Content[i].Value] = true
		}
	}
	value := func(n *yaml.Node, key string) *yaml.Node {
		for i := 0; n != nil && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1]
			}
		}
		return nil
	}
	each := func(list *yaml.Node, fn func(*yaml.Node)) {
		if list != nil {
			for _, e := range list.Content {
				fn(e)
			}
		}
	}
	root := doc.Content[0]
	keysOf("top", root)
	keysOf("slack", value(root, "slack"))
	keysOf("digest", value(root, "digest"))
	each(value(root, "feeds"), func(n *yaml.Node) { keysOf("feed", n) })
	each(value(root, "agreements"), func(n *yaml.Node) {
		keysOf("agreement", n)
		each(value(n, "status_rules"), func(r *yaml.Node) { keysOf("status rule", r) })
		each(value(n, "forecasts"), func(f *yaml.Node) { keysOf("forecast", f) })
	})
	ref, err := os.ReadFile(filepath.Join("..", "docs", "config.md"))
	if err != nil {
		t.Fatal(err)
	}
	for section, keys := range map[string][]string{
		"top": topKeys, "slack": slackKeys, "digest": digestKeys, "feed": feedKeys,
		"agreement": agreementKeys, "status rule": ruleKeys, "forecast": forecastKeys,
	} {
		for _, k := range keys {
			if !used[section][k] {
				t.Errorf("examples/pactwatch.yaml uses no %s key %q", section, k)
			}
			if !strings.Contains(string(ref), "| `"+k+"` |") {
				t.Errorf("docs/config.md has no row for the %s key %q", section, k)
			}
		}
	}
}
