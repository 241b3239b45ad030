package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pactwatch/pactwatch/watchers/query"
	"go.yaml.in/yaml/v3"
)

var topKeys = []string{"timezone", "database", "listen", "schedule", "backfill", "corroborate", "digest", "slack", "feeds", "agreements"}

// Load reads, expands, decodes and validates the config file at path.
//
// ${VAR} in any value (not in keys) is replaced by the variable's value as
// env finds it; an unset one is an error, and ${VAR:-default} gives a
// default (empty too). A nil env treats every variable as unset. No error
// shows a value that came from the environment. The error, when not
// nil, lists every problem in the file: an errors.Join of *Error, each
// FILE:LINE: message, in line order (see Errors). A file that cannot be read
// gives a plain wrapped error instead. Load never returns a Config together
// with an error.
func Load(path string, env LookupEnv) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	return load(path, data, env)
}

// load is Load of data, the contents of the file at path.
func load(path string, data []byte, env LookupEnv) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	if env == nil {
		env = func(string) (string, bool) { return "", false }
	}
	l := &loader{problems: problems{file: path}, env: env, queries: new(query.Compiler),
		lines: sync.OnceValue(func() []string { return strings.Split(string(data), "\n") })}
	root, ok := l.parse(data)
	if !ok {
		return nil, l.err()
	}
	c := l.config(root, abs)
	if err := l.err(); err != nil {
		return nil, err
	}
	return c, nil
}

// loader holds the state of one Load.
type loader struct {
	problems
	env     LookupEnv
	lines   func() []string // the file's lines, to place errors inside a value; split when first needed
	feedIDs []string        // every feed's id, shared by agreements without `feeds` (see allFeeds)
	queries *query.Compiler
}

// spread calls fn(sub, i) for each i in [0, n), on every CPU when n is
// large enough to be worth it (64 calls a goroutine), and returns when all
// have. Each call reports into a loader sub of its own, which shares l's
// read-only state and its goroutine's query compiler (a Compiler is not
// safe for concurrent use); the caller adds sub's problems to l.
func (l *loader) spread(n int, fn func(sub *loader, i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(n/64, 1))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		queries := l.queries
		if w > 0 {
			queries = new(query.Compiler)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				sub := &loader{problems: problems{file: l.file}, env: l.env, lines: l.lines,
					feedIDs: l.feedIDs, queries: queries}
				fn(sub, i)
			}
		}()
	}
	wg.Wait()
}

var (
	yamlLine      = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	unknownAnchor = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// parse reads the one YAML document in data and expands variables in it.
// It returns a nil root for an empty file, and ok false when the YAML
// cannot be read at all, so that there is nothing to validate.
func (l *loader) parse(data []byte) (root *yaml.Node, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			l.addLine(1, "cannot parse YAML: %v", r)
			root, ok = nil, false
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, true
		}
		l.yamlError(err)
		return nil, false
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		l.add(&extra, "only one YAML document is allowed (remove ---)")
	} else if !errors.Is(err, io.EOF) {
		l.yamlError(err)
		return nil, false
	}
	l.expandTree(&doc, l.env)
	if len(doc.Content) == 0 {
		return nil, true
	}
	return doc.Content[0], true
}

// yamlError reports a syntax error at the line yaml names, if any.
func (l *loader) yamlError(err error) {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		l.addLine(n, "%s", m[2])
		return
	}
	// yaml gives no line for a dangling alias; the first use is the place.
	if m := unknownAnchor.FindStringSubmatch(err.Error()); m != nil {
		for i, line := range l.lines() {
			if strings.Contains(line, "*"+m[1]) {
				l.addLine(i+1, "unknown anchor %q referenced", m[1])
				return
			}
		}
	}
	l.addLine(1, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
}

// config decodes the top level: settings first, since feeds and agreements
// default to them, then feeds, since agreements refer to them.
func (l *loader) config(root *yaml.Node, abs string) *Config {
	c := &Config{
		Path: abs, Dir: filepath.Dir(abs),
		Timezone: time.UTC, TimezoneName: "UTC",
		Database:    DefaultDatabase,
		Schedule:    DefaultSchedule,
		Backfill:    Backfill{Window: DefaultBackfill},
		Corroborate: DefaultCorroborate,
	}
	if root != nil && root.Kind != yaml.MappingNode && !isNull(root) {
		l.add(root, "expected a mapping of keys (%s), got %s", strings.Join(topKeys, ", "), describe(root))
		return nil
	}
	m, _ := l.asMapping(root, top)
	l.checkKeys(m, top, topKeys)
	l.timezone(m, c)
	if db, _ := l.str(m, top, "database"); db != "" {
		c.Database = db
	}
	if !filepath.IsAbs(c.Database) {
		c.Database = filepath.Join(c.Dir, c.Database)
	}
	c.Listen = l.listen(m)
	if spec, n := l.str(m, top, "schedule"); spec != "" {
		c.Schedule = l.schedule(n, top.field("schedule"), spec)
	}
	c.Backfill = l.backfill(m, c.Backfill)
	c.Corroborate = l.corroborate(m, top, c.Corroborate)
	c.Digest = l.digest(m.get("digest"))
	c.Slack = l.slack(m.get("slack"))
	l.checkTransport(m, c)
	c.Feeds = l.feeds(m, c)
	c.Agreements = l.agreements(m, c)
	return c
}
