package config

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

var varName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// LookupEnv finds an environment variable, as os.LookupEnv does: ok is
// false when the variable is unset. Load takes one so that tests pass their
// own environment.
type LookupEnv func(name string) (value string, ok bool)

// envValue is one value the config read from the environment, kept so that
// no error message shows it (see redact).
type envValue struct {
	name, value string
	whole       bool // only the value as a whole is hidden, not its words
}

// lookup reads a variable through the loader's LookupEnv and remembers its
// value, so that err can take it out of every message.
func (p *problems) lookup(env LookupEnv, name string) (string, bool) {
	v, ok := env(name)
	if ok && v != "" {
		p.fromEnv = append(p.fromEnv, envValue{name: name, value: v})
	}
	return v, ok
}

// lookupURL is lookup for a variable holding a URL that is not a secret
// (SLACK_API_URL): its words ("127.0.0.1") are too common to hide.
func (p *problems) lookupURL(env LookupEnv, name string) (string, bool) {
	v, ok := env(name)
	if ok && v != "" {
		p.fromEnv = append(p.fromEnv, envValue{name: name, value: v, whole: true})
	}
	return v, ok
}

// expandTree replaces ${VAR} in every scalar value of the tree (never in
// keys) through env. It runs after parsing, so a value such as a secret
// cannot change the YAML's structure, and is never echoed by a syntax error.
func (p *problems) expandTree(n *yaml.Node, env LookupEnv) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			p.expandTree(c, env)
		}
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			p.expandTree(n.Content[i], env)
		}
	case yaml.ScalarNode:
		if strings.Contains(n.Value, "${") {
			n.Value = p.expand(n, env)
		}
	}
}

// expand expands one scalar: ${NAME} is the variable's value and an error
// when it is unset (a typo in a name would otherwise quietly leave a token
// empty); ${NAME:-default} is the default when NAME is unset or empty, and
// the default may be empty. A malformed reference is an error, since it is
// almost always a typo that would otherwise send "${SLACK_BOT_TOKEN" to
// Slack as a token.
func (p *problems) expand(n *yaml.Node, env LookupEnv) string {
	var b strings.Builder
	rest := n.Value
	for {
		before, after, found := strings.Cut(rest, "${")
		b.WriteString(before)
		if !found {
			return b.String()
		}
		ref, tail, closed := strings.Cut(after, "}")
		if !closed {
			p.add(n, "unterminated ${ in a value (write ${NAME})")
			return b.String()
		}
		name, def, hasDefault := strings.Cut(ref, ":-")
		switch v, ok := p.lookup(env, name); {
		case !varName.MatchString(name):
			p.add(n, "bad variable reference ${%s} (a NAME is letters, digits and _; ${NAME:-default} gives a default)", name)
		case hasDefault && v == "":
			b.WriteString(def)
		case !ok:
			p.add(n, "${%s} is not set in the environment (set it, or write ${%s:-} to allow it empty)", name, name)
		default:
			b.WriteString(v)
		}
		rest = tail
	}
}

// redact replaces, in a message, every value the config took from the
// environment with the ${NAME} it came from, and so do the long words of
// such a value, which an error may quote alone (a query's token, a part of
// a URL). A secret put under the wrong key is then named, never shown.
func (p *problems) redact(msg string) string {
	if len(p.fromEnv) == 0 {
		return msg
	}
	type piece struct{ text, name string }
	var pieces []piece
	for _, e := range p.fromEnv {
		if len(e.value) >= 3 {
			pieces = append(pieces, piece{e.value, e.name})
		}
		if e.whole {
			continue
		}
		for _, w := range strings.FieldsFunc(e.value, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune(`"'():,;/?&=@#[]{}<>|`, r)
		}) {
			if len(w) >= 8 {
				pieces = append(pieces, piece{w, e.name})
			}
		}
	}
	// The longest first, so that a value is replaced whole before its words.
	sort.SliceStable(pieces, func(i, j int) bool { return len(pieces[i].text) > len(pieces[j].text) })
	for _, pc := range pieces {
		msg = strings.ReplaceAll(msg, pc.text, "${"+pc.name+"}")
	}
	return msg
}
