package config

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

var (
	feedKeys = []string{"id", "url", "schedule"}
	slug     = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
)

const slugRule = "use lower-case letters, digits, - and _, starting with a letter or digit"

// feeds decodes `feeds`: at least one, each id unique.
func (l *loader) feeds(m *mapping, c *Config) []Feed {
	items, ln := l.list(m, top, "feeds")
	if len(items) == 0 {
		l.add(orNode(ln, m.node), "no feeds to poll")
		return nil
	}
	var out []Feed
	first := map[string]int{}
	for i, n := range items {
		f, ok := l.feed(n, i, c)
		if !ok {
			continue
		}
		if line, dup := first[f.ID]; dup {
			l.addLine(f.Line, "duplicate feed id %q (first on line %d)", f.ID, line)
			continue
		}
		if f.ID != "" {
			first[f.ID] = f.Line
		}
		out = append(out, f)
	}
	return out
}

// feed decodes one entry of `feeds`.
func (l *loader) feed(n *yaml.Node, i int, c *Config) (Feed, bool) {
	s := scope{name: fmt.Sprintf("feed #%d", i+1), where: fmt.Sprintf("in feed #%d", i+1)}
	m, ok := l.asMapping(n, s)
	if !ok {
		return Feed{}, false
	}
	if id := m.peek("id"); id != "" {
		s = scope{name: fmt.Sprintf("feed %q", id), where: fmt.Sprintf("in feed %q", id)}
	}
	l.checkKeys(m, s, feedKeys)
	f := Feed{Line: n.Line, Schedule: c.Schedule}
	var idNode, urlNode *yaml.Node
	f.ID, idNode = l.required(m, s, "id")
	if f.ID != "" && !slug.MatchString(f.ID) {
		l.add(idNode, "%s: %q is not a slug (%s)", s.field("id"), f.ID, slugRule)
	}
	f.URL, urlNode = l.required(m, s, "url")
	if f.URL != "" {
		loc, err := feedLocation(f.URL, c.Dir)
		if err != nil {
			l.add(urlNode, "%s: %v", s.field("url"), err)
		}
		f.URL = loc
	}
	if spec, sn := l.str(m, s, "schedule"); spec != "" {
		f.Schedule = l.schedule(sn, s.field("schedule"), spec)
	}
	return f, true
}

// feedLocation checks that raw is an http(s) URL or a file path (also
// written file:///path), and makes a relative path absolute against dir.
func feedLocation(raw, dir string) (string, error) {
	u, err := url.Parse(raw)
	hasScheme := err == nil && u.Scheme != ""
	if hasScheme && u.Scheme == "file" && (u.Host == "" || u.Host == "localhost") && filepath.IsAbs(u.Path) {
		return filepath.Clean(u.Path), nil
	}
	if hasScheme || strings.Contains(raw, "://") {
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return raw, fmt.Errorf("%q is neither an http(s) URL nor a file path", raw)
		}
		return raw, nil
	}
	if !filepath.IsAbs(raw) {
		return filepath.Join(dir, raw), nil
	}
	return filepath.Clean(raw), nil
}

// orNode returns n, or else the fallback, for the line of a message about
// something missing.
func orNode(n, fallback *yaml.Node) *yaml.Node {
	if n != nil {
		return n
	}
	return fallback
}
