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
	feedKeys = []string{"id", "name", "url", "schedule"}
	slug     = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
)

const slugRule = "use lower-case letters, digits, - and _, starting with a letter or digit"

// feeds decodes `feeds`: at least one, each id unique.
func (l *loader) feeds(m *mapping, c *Config) []Feed {
	return uniqueList(l, m, "feeds", "feed", "no feeds to poll", false,
		func(l *loader, n *yaml.Node, i int) (Feed, bool) { return l.feed(n, i, c) },
		func(f Feed) (string, int) { return f.ID, f.Line })
}

// uniqueList decodes the list under key (at least one entry, else the
// message empty) with decode, and reports an entry whose id (from idLine)
// an earlier one already has, naming that one's line. With spread, the
// entries are decoded on every CPU, each reporting into a loader of its
// own (see loader.spread) whose problems are added here in the entries'
// order: the same problems, in the same order, as decoding one by one.
func uniqueList[T any](l *loader, m *mapping, key, what, empty string, spread bool,
	decode func(*loader, *yaml.Node, int) (T, bool), idLine func(T) (string, int)) []T {
	items, ln := l.list(m, top, key)
	if len(items) == 0 {
		l.add(orNode(ln, m.node), "%s", empty)
		return nil
	}
	type decoded struct {
		v    T
		ok   bool
		errs []*Error
	}
	var done []decoded
	if spread {
		done = make([]decoded, len(items))
		l.spread(len(items), func(sub *loader, i int) {
			v, ok := decode(sub, items[i], i)
			done[i] = decoded{v: v, ok: ok, errs: sub.errs}
		})
	}
	var out []T
	first := map[string]int{}
	for i, n := range items {
		var v T
		var ok bool
		if spread {
			l.errs = append(l.errs, done[i].errs...)
			v, ok = done[i].v, done[i].ok
		} else {
			v, ok = decode(l, n, i)
		}
		if !ok {
			continue
		}
		id, line := idLine(v)
		if prev, dup := first[id]; dup {
			l.addLine(line, "duplicate %s id %q (first on line %d)", what, id, prev)
			continue
		}
		if id != "" {
			first[id] = line
		}
		out = append(out, v)
	}
	return out
}

// feed decodes one entry of `feeds`.
func (l *loader) feed(n *yaml.Node, i int, c *Config) (Feed, bool) {
	m, s, ok := l.entry(n, i, "feed", "id", nil, feedKeys)
	if !ok {
		return Feed{}, false
	}
	f := Feed{Line: n.Line, Schedule: c.Schedule}
	var idNode, urlNode *yaml.Node
	f.ID, idNode = l.required(m, s, "id")
	if f.ID != "" && !slug.MatchString(f.ID) {
		l.add(idNode, "%s: %q is not a slug (%s)", s.field("id"), f.ID, slugRule)
	}
	f.Name, _ = l.str(m, s, "name")
	f.Name = strings.TrimSpace(f.Name)
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
			return raw, fmt.Errorf("%q is neither an http(s) URL nor a file path", shownURL(raw))
		}
		return raw, nil
	}
	if !filepath.IsAbs(raw) {
		return filepath.Join(dir, raw), nil
	}
	return filepath.Clean(raw), nil
}

// shownURL is a URL as an error may show it: without its user info, query
// and fragment, which may carry a password or a key (reload errors are
// posted to Slack).
func shownURL(raw string) string {
	raw, _, _ = strings.Cut(raw, "?")
	raw, _, _ = strings.Cut(raw, "#")
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	authority, path := rest, ""
	if i := strings.Index(rest, "/"); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		authority = "xxxxx" + authority[at:]
	}
	return scheme + "://" + authority + path
}

// orNode returns n, or else the fallback, for the line of a message about
// something missing.
func orNode(n, fallback *yaml.Node) *yaml.Node {
	if n != nil {
		return n
	}
	return fallback
}
