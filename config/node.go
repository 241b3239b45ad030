package config

import (
	"fmt"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// scope names the part of the config a message is about.
type scope struct {
	name   string // message prefix: `agreement "x"`; "" at the top level
	where  string // for unknown keys: `in agreement "x"`
	dotted bool   // fields print as slack.channel rather than slack: channel
}

var top = scope{where: "at the top level"}

// field names a key of the scope in a message.
func (s scope) field(key string) string {
	switch {
	case s.name == "":
		return key
	case s.dotted:
		return s.name + "." + key
	}
	return s.name + ": " + key
}

// msg prefixes a message with the scope's name.
func (s scope) msg(text string) string {
	if s.name == "" {
		return text
	}
	return s.name + ": " + text
}

// mapping is a YAML mapping read as key and value nodes in document order.
type mapping struct {
	node       *yaml.Node
	keys, vals []*yaml.Node
}

// get returns the value of the first key named key, with aliases resolved,
// or nil when the key is absent.
func (m *mapping) get(key string) *yaml.Node {
	for i, k := range m.keys {
		if k.Kind == yaml.ScalarNode && k.Value == key {
			return resolve(m.vals[i])
		}
	}
	return nil
}

// resolve follows aliases to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// isNull reports whether n is absent or an explicit null (`key:` or `~`),
// which the config treats alike.
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// describe names the type of a node for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		case "!!null":
			return "nothing"
		}
		return "a string"
	}
	return "something else"
}

// asMapping reads n as a mapping. A null node is an empty mapping; anything
// else is reported against s.
func (p *problems) asMapping(n *yaml.Node, s scope) (*mapping, bool) {
	m, ok := mappingOf(n)
	if !ok {
		n = resolve(n)
		p.add(n, "%s", s.msg("expected a mapping, got "+describe(n)))
	}
	return m, ok
}

// mappingOf reads n as asMapping does, reporting nothing.
func mappingOf(n *yaml.Node) (*mapping, bool) {
	n = resolve(n)
	m := &mapping{node: n}
	if isNull(n) {
		return m, true
	}
	if n.Kind != yaml.MappingNode {
		return nil, false
	}
	pairs := len(n.Content) / 2
	m.keys, m.vals = make([]*yaml.Node, pairs), make([]*yaml.Node, pairs)
	for i := range pairs {
		m.keys[i] = resolve(n.Content[2*i])
		m.vals[i] = n.Content[2*i+1]
	}
	return m, true
}

// checkKeys reports keys that are not allowed, not strings, or repeated.
func (p *problems) checkKeys(m *mapping, s scope, allowed []string) {
	first := map[string]int{}
	for _, k := range m.keys {
		switch {
		case k.Kind != yaml.ScalarNode:
			p.add(k, "keys must be strings, got %s %s", describe(k), s.where)
		case k.Tag == "!!merge":
			p.add(k, "merge keys (<<) are not supported %s: repeat the keys instead", s.where)
		case !slices.Contains(allowed, k.Value):
			p.add(k, "unknown key %q %s%s", k.Value, s.where, hint(k.Value, allowed))
		case first[k.Value] != 0:
			p.add(k, "duplicate key %q %s (first on line %d)", k.Value, s.where, first[k.Value])
		default:
			first[k.Value] = k.Line
		}
	}
}

// str reads an optional string. It returns "" for an absent or null key, and
// the value node (nil when absent) for error lines.
func (p *problems) str(m *mapping, s scope, key string) (string, *yaml.Node) {
	v := m.get(key)
	if isNull(v) {
		return "", v
	}
	if v.Kind != yaml.ScalarNode {
		p.add(v, "%s: expected a string, got %s", s.field(key), describe(v))
		return "", v
	}
	return v.Value, v
}

// required reads a string that must be present and not empty.
func (p *problems) required(m *mapping, s scope, key string) (string, *yaml.Node) {
	if m.get(key) == nil {
		p.add(m.node, "%s", s.msg(fmt.Sprintf("missing required key %q", key)))
		return "", nil
	}
	v, n := p.str(m, s, key)
	if v == "" && (n == nil || n.Kind == yaml.ScalarNode) {
		p.add(n, "%s: must not be empty", s.field(key))
	}
	return v, n
}

// list reads an optional list. It returns the resolved items and the list
// node (nil when absent).
func (p *problems) list(m *mapping, s scope, key string) ([]*yaml.Node, *yaml.Node) {
	v := m.get(key)
	if isNull(v) {
		return nil, v
	}
	if v.Kind != yaml.SequenceNode {
		p.add(v, "%s: expected a list, got %s", s.field(key), describe(v))
		return nil, v
	}
	items := make([]*yaml.Node, len(v.Content))
	for i, c := range v.Content {
		items[i] = resolve(c)
	}
	return items, v
}

// strs reads an optional list of non-empty strings, with their nodes.
func (p *problems) strs(m *mapping, s scope, key string) ([]string, []*yaml.Node, *yaml.Node) {
	items, ln := p.list(m, s, key)
	var out []string
	var nodes []*yaml.Node
	for i, n := range items {
		switch {
		case n.Kind != yaml.ScalarNode:
			p.add(n, "%s: entry %d: expected a string, got %s", s.field(key), i+1, describe(n))
		case isNull(n) || n.Value == "":
			p.add(n, "%s: entry %d is empty", s.field(key), i+1)
		default:
			out = append(out, n.Value)
			nodes = append(nodes, n)
		}
	}
	return out, nodes, ln
}

// peek returns the string value of key without reporting anything, to name a
// scope before its keys are checked.
func (m *mapping) peek(key string) string {
	if v := m.get(key); v != nil && v.Kind == yaml.ScalarNode && !isNull(v) {
		return v.Value
	}
	return ""
}

// entry opens entry i of a list as a mapping and checks its keys. Its
// scope is named by the value of key when it has one (`feed "wire"`), else
// by its place (`feed #2`); owner, when set, is the scope of the list's
// parent (`agreement "x": forecast "final deal"`).
func (l *loader) entry(n *yaml.Node, i int, noun, key string, owner *scope, keys []string) (*mapping, scope, bool) {
	name := func(label string) scope {
		if owner == nil {
			return scope{name: noun + " " + label, where: "in " + noun + " " + label}
		}
		return scope{name: owner.name + ": " + noun + " " + label, where: "in " + noun + " " + label + " of " + owner.name}
	}
	byPlace := func() scope { return name(fmt.Sprintf("#%d", i+1)) }
	m, ok := mappingOf(n)
	if !ok {
		s := byPlace()
		l.asMapping(n, s)
		return nil, s, false
	}
	var s scope
	if v := m.peek(key); v != "" {
		s = name(strconv.Quote(v))
	} else {
		s = byPlace()
	}
	l.checkKeys(m, s, keys)
	return m, s, true
}
