package config

import (
	"strings"
	"testing"
)

// A match of deeply nested parentheses is an error with its line, not a
// stack overflow in `check` or in a daemon reloading the file.
func TestDeeplyNestedQuery(t *testing.T) {
	deep := strings.Repeat("(", 500000) + "pact" + strings.Repeat(")", 500000)
	path := writeConfig(t, "feeds:\n  - id: wire\n    url: https://example.com/feed\nagreements:\n  - id: pact\n    name: A pact\n    kind: pact\n    match: '"+deep+"'\n")
	_, err := Load(path, nil)
	errs := Errors(err)
	if len(errs) != 1 || errs[0].Line != 8 || !strings.Contains(errs[0].Msg, "nested too deeply") {
		t.Fatalf("got %v, want one error on line 8 saying it is nested too deeply", err)
	}
}
