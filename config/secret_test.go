package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// No way of printing a Secret shows its value.
func TestSecretNeverPrints(t *testing.T) {
	const value = "xoxb-very-secret"
	s := Slack{Token: value, SigningSecret: value, AppToken: value}
	var printed []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		printed = append(printed, fmt.Sprintf(verb, s), fmt.Sprintf(verb, s.Token))
	}
	printed = append(printed, s.Token.String(), fmt.Sprint(&s), fmt.Sprintln(s.Token))
	js, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	printed = append(printed, string(js))
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("cfg", "slack", s, "token", s.Token)
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("cfg", "slack", s, "token", s.Token)
	printed = append(printed, logged.String())
	for _, p := range printed {
		if strings.Contains(p, "very-secret") || strings.Contains(p, fmt.Sprintf("%x", value)) {
			t.Errorf("secret leaked: %s", p)
		}
		// encoding/json escapes < and > as \u003c and \u003e.
		if !strings.Contains(p, "<secret>") && !strings.Contains(p, `\u003csecret\u003e`) {
			t.Errorf("no <secret> placeholder in %q", p)
		}
	}
	if s.Token.Value() != value {
		t.Errorf("Value() = %q, want %q", s.Token.Value(), value)
	}
}

// An empty secret prints as empty, so a missing token is visible.
func TestSecretEmpty(t *testing.T) {
	var s Secret
	if got := fmt.Sprintf("%v|%s", s, s.String()); got != "|" {
		t.Errorf("empty secret printed %q", got)
	}
}
