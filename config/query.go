package config

import (
	"errors"
	"strings"

	"github.com/pactwatch/pactwatch/watchers/query"
	"go.yaml.in/yaml/v3"
)

// query compiles a query, reporting a syntax error with its column.
func (l *loader) query(n *yaml.Node, field, src string) (q *query.Query) {
	defer func() {
		// A parser bug must not take down Load; report it as a problem.
		if r := recover(); r != nil {
			l.add(n, "%s: the query parser failed: %v", field, r)
			q = nil
		}
	}()
	q, err := l.queries.Parse(src)
	if err != nil {
		var se *query.SyntaxError
		if errors.As(err, &se) {
			l.addLine(l.lineOf(n, se.Col), "%s: column %d: %s", field, se.Col, se.Msg)
		} else {
			l.add(n, "%s: %v", field, err)
		}
		return nil
	}
	return q
}

// lineOf returns the line of the file that holds rune column col of a
// block scalar (match: >- over several lines), so that an error in a long
// query points at its line. For other styles, or when the value no longer
// matches the file (a ${VAR} was expanded), it returns the node's line.
func (l *loader) lineOf(n *yaml.Node, col int) int {
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 || col < 1 {
		return n.Line
	}
	runes := []rune(n.Value)
	off := len(string(runes[:min(col-1, len(runes))]))
	line, pos := n.Line, 0
	lines := l.lines()
	for i := n.Line; i < len(lines); i++ { // lines[i] is line i+1
		text := strings.TrimSpace(lines[i])
		if text == "" {
			continue
		}
		k := strings.Index(n.Value[pos:], text)
		if k < 0 {
			break
		}
		line, pos = i+1, pos+k+len(text)
		if off <= pos {
			break
		}
	}
	return line
}
