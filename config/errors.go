package config

import (
	"errors"
	"fmt"
	"sort"

	"go.yaml.in/yaml/v3"
)

// Error is one problem in a config file. Load returns every Error it finds,
// joined with errors.Join; Errors unpacks them.
type Error struct {
	File string // the path as it was given to Load
	Line int    // 1-based line of the offending YAML node
	Msg  string
}

// Error formats the problem as FILE:LINE: message, the form editors and
// `pactwatch check` understand.
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Errors returns every *Error inside err, in order, looking through
// errors.Join and wrapping. It returns nil when err holds none.
func Errors(err error) []*Error {
	var out []*Error
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
		case *Error:
			out = append(out, e)
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		default:
			walk(errors.Unwrap(err))
		}
	}
	walk(err)
	return out
}

// problems collects the errors found in one file, so that Load can report
// all of them at once instead of stopping at the first.
type problems struct {
	file    string
	errs    []*Error
	fromEnv []envValue // values read from the environment, never shown (see redact)
}

// addLine records a problem on a given line.
func (p *problems) addLine(line int, format string, args ...any) {
	if line < 1 {
		line = 1
	}
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// add records a problem at a node; a nil node means the top of the file.
func (p *problems) add(n *yaml.Node, format string, args ...any) {
	line := 1
	if n != nil {
		line = n.Line
	}
	p.addLine(line, format, args...)
}

// err joins the problems in line order, or returns nil when there are none.
func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Line < p.errs[j].Line })
	errs := make([]error, len(p.errs))
	for i, e := range p.errs {
		e.Msg = p.redact(e.Msg)
		errs[i] = e
	}
	return errors.Join(errs...)
}
