package query

import "fmt"

// SyntaxError is a mistake in a query's text.
type SyntaxError struct {
	// Col is the 1-based column, counted in runes from the start of the
	// query (newlines included), where the problem is.
	Col int
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("column %d: %s", e.Col, e.Msg)
}

func syntaxErr(col int, format string, args ...any) *SyntaxError {
	return &SyntaxError{Col: col, Msg: fmt.Sprintf(format, args...)}
}
