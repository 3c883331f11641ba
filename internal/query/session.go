package query

import "github.com/csmctl/csmctl/internal/jqlib"

// session is what one worker knows while it runs the filter: the event at
// hand, for input_line and input_filename, and the debug and stderr output
// the filter wrote, kept to be printed in order with the event's results.
type session struct {
	jqlib.Location // the event at hand, for input_line and input_host

	noFile   bool // input_filename is null: jq -n reading standard input
	filename any  // what input_filename returns
	diag     []byte
	diagEnc  *Encoder
	rawEnc   *Encoder // stderr's values: raw strings, compact JSON
}

func newSession(terminalErr bool) *session {
	return &session{
		diagEnc: NewEncoder(Format{Compact: true, Escape: terminalErr}),
		rawEnc:  NewEncoder(Format{Compact: true, Join: true, Escape: terminalErr}),
	}
}

// at makes the event at file:line, from host, the current one.
func (s *session) at(file string, line int, host string) {
	s.Location = jqlib.Location{File: file, Line: line, Host: host}
	if !s.noFile {
		s.filename = file
	}
}

// inputFilename is jq's input_filename: the file of the current event.
func (s *session) inputFilename(any, []any) any {
	return s.filename
}

// debug is jq's debug: ["DEBUG:",v] on standard error, and v passed on.
func (s *session) debug(v any, _ []any) any {
	s.diag = s.diagEnc.Append(s.diag, []any{"DEBUG:", v})
	s.diag = append(s.diag, '\n')
	return v
}

// stderr is jq's stderr: v on standard error, a string raw, with no newline.
func (s *session) stderr(v any, _ []any) any {
	s.diag = s.rawEnc.AppendOutput(s.diag, v)
	return v
}
