package config

import (
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

var varName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// expandTree replaces ${VAR} in every scalar value of the tree (never in
// keys) through getenv. It runs after parsing, so a value such as a secret
// cannot change the YAML's structure, and is never echoed by a syntax error.
func (p *problems) expandTree(n *yaml.Node, getenv func(string) string) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			p.expandTree(c, getenv)
		}
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			p.expandTree(n.Content[i], getenv)
		}
	case yaml.ScalarNode:
		if strings.Contains(n.Value, "${") {
			n.Value = p.expand(n, getenv)
		}
	}
}

// expand expands one scalar; an unset variable becomes "". A malformed
// reference is an error, since it is almost always a typo that would
// otherwise send "${SLACK_BOT_TOKEN" to Slack as a token.
func (p *problems) expand(n *yaml.Node, getenv func(string) string) string {
	var b strings.Builder
	rest := n.Value
	for {
		before, after, found := strings.Cut(rest, "${")
		b.WriteString(before)
		if !found {
			return b.String()
		}
		name, tail, closed := strings.Cut(after, "}")
		switch {
		case !closed:
			p.add(n, "unterminated ${ in a value (write ${NAME})")
			return b.String()
		case !varName.MatchString(name):
			p.add(n, "bad variable reference ${%s} (a NAME is letters, digits and _)", name)
		default:
			b.WriteString(getenv(name))
		}
		rest = tail
	}
}
