package query

import (
	"fmt"

	"github.com/csmctl/csmctl/internal/escape"
)

// The messages about the data, on standard error, each after "csmctl: ".

// runtimeMessage words an error of the filter on the event at file:line.
func runtimeMessage(file string, line int, err error) string {
	return fmt.Sprintf("%s:%d: %s", file, line, err)
}

// errorMessage words an error of the filter on the current event.
func (s *session) errorMessage(err error) string {
	if s.Line == 0 {
		return err.Error()
	}
	return runtimeMessage(s.File, s.Line, err)
}

// appendMessage appends a message line, sanitized.
func appendMessage(dst []byte, msg string) []byte {
	dst = append(dst, "csmctl: "...)
	dst = escape.AppendText(dst, msg)
	return append(dst, '\n')
}
