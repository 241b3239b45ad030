package config

import "fmt"

// Secret holds a credential such as a Slack token. Printing it in any way
// (fmt verbs, String, JSON, slog) shows "<secret>", so a config can be logged
// or dumped safely; Value returns the real string.
type Secret string

const redacted = "<secret>"

// Value returns the secret itself, for the one place that needs it.
func (s Secret) Value() string { return string(s) }

// String returns "<secret>", or "" when the secret is empty so that a
// missing token is still visible as missing.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// Format makes every fmt verb, %#v and %x included, print String.
func (s Secret) Format(f fmt.State, verb rune) {
	fmt.Fprint(f, s.String())
}

// MarshalText keeps encoders (JSON, YAML, slog) from writing the value.
func (s Secret) MarshalText() ([]byte, error) {
	return []byte(s.String()), nil
}
