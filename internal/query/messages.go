package query

import (
	"fmt"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/render"
)

// The messages about the data, on standard error, each after "csmctl: ".

// invalidMessage words a record that is not JSON, at its error's position,
// as validate and show do: FILE:LINE:COLUMN: invalid JSON: ….
func invalidMessage(rec *input.Record, offset int, msg string) string {
	return rec.Location(offset) + ": invalid JSON: " + msg
}

// framingMessage words a record the input layer could not frame.
func framingMessage(rec *input.Record) string {
	if se, ok := rec.SyntaxError(); ok {
		return invalidMessage(rec, se.Offset, se.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", rec.File, rec.Line, rec.Err)
}

// runtimeMessage words an error of the filter on the event at file:line.
func runtimeMessage(file string, line int, err error) string {
	return fmt.Sprintf("%s:%d: %s", file, line, err)
}

// errorMessage words an error of the filter on the current event.
func (s *session) errorMessage(err error) string {
	if !s.hasLoc {
		return err.Error()
	}
	return runtimeMessage(s.file, s.line, err)
}

// appendMessage appends a message line, sanitized.
func appendMessage(dst []byte, msg string) []byte {
	dst = append(dst, "csmctl: "...)
	dst = render.AppendSanitized(dst, msg)
	return append(dst, '\n')
}
