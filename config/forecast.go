package config

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Forecast is a claim that an agreement reaches one of DoneWhen by Due.
type Forecast struct {
	What         string
	Due          string    // the period as written, such as 2015-H1
	DueAt        time.Time // the end of that period in Config.Timezone (see ParseDue)
	DoneWhen     []string  // statuses that fulfil it
	Source       string    // who made the claim; optional
	RemindBefore time.Duration
	Line         int
}

// FoundForecast is a forecast found in the news and accepted: that the
// agreement reaches status by due (ending at dueAt), as source said. It
// is judged as the config's are.
func FoundForecast(status, due string, dueAt time.Time, source string) Forecast {
	return Forecast{What: status, Due: due, DueAt: dueAt, DoneWhen: []string{status}, Source: source}
}

// Key identifies the forecast among its agreement's, stably across
// restarts and edits elsewhere in the file: "final deal@2015-H1".
func (f Forecast) Key() string {
	return f.What + "@" + strings.ToUpper(strings.TrimSpace(f.Due))
}

var forecastKeys = []string{"what", "due", "done_when", "source", "remind_before"}

// forecasts decodes an agreement's `forecasts`.
func (l *loader) forecasts(m *mapping, as scope, a *Agreement, c *Config) []Forecast {
	items, _ := l.list(m, as, "forecasts")
	statuses := a.Statuses()
	var out []Forecast
	first := map[string]int{}
	for i, n := range items {
		fm, s, ok := l.entry(n, i, "forecast", "what", &as, forecastKeys)
		if !ok {
			continue
		}
		f := Forecast{Line: n.Line}
		f.What, _ = l.required(fm, s, "what")
		var dueNode *yaml.Node
		f.Due, dueNode = l.required(fm, s, "due")
		if f.Due != "" {
			at, err := ParseDue(f.Due, c.Timezone)
			if err != nil {
				l.add(dueNode, "%s: %v", s.field("due"), err)
			}
			f.DueAt = at
		}
		f.DoneWhen = l.doneWhen(fm, s, a.Kind, statuses)
		f.Source, _ = l.str(fm, s, "source")
		f.RemindBefore = l.remindBefore(fm, s)
		if line, dup := first[f.Key()]; dup && f.What != "" && f.Due != "" {
			l.addLine(f.Line, "%s: duplicate forecast %q (first on line %d)", as.name, f.Key(), line)
			continue
		}
		first[f.Key()] = f.Line
		out = append(out, f)
	}
	return out
}

// doneWhen reads the required, non-empty `done_when` list of statuses.
func (l *loader) doneWhen(fm *mapping, s scope, kind string, statuses []string) []string {
	if fm.get("done_when") == nil {
		l.add(fm.node, "%s", s.msg(`missing required key "done_when"`))
		return nil
	}
	done, nodes, ln := l.strs(fm, s, "done_when")
	if isNull(ln) || (ln.Kind == yaml.SequenceNode && len(ln.Content) == 0) {
		l.add(ln, "%s: must list at least one status", s.field("done_when"))
	}
	for i, st := range done {
		l.checkStatus(nodes[i], s.field("done_when"), st, kind, statuses)
	}
	return done
}

// remindBefore reads the optional `remind_before` duration.
func (l *loader) remindBefore(fm *mapping, s scope) time.Duration {
	raw, n := l.str(fm, s, "remind_before")
	if raw == "" {
		return 0
	}
	d, err := ParseDuration(raw)
	switch {
	case err != nil:
		l.add(n, "%s: %v", s.field("remind_before"), err)
	case d < 0:
		l.add(n, "%s: must not be negative", s.field("remind_before"))
	}
	return d
}
