package query

// session is what one worker knows while it runs the filter: the event at
// hand, for input_line and input_filename, and the debug and stderr output
// the filter wrote, kept to be printed in order with the event's results.
type session struct {
	file     string
	line     int
	host     string // from the event's Datadog envelope, if any
	hasLoc   bool   // an event is at hand
	noFile   bool   // input_filename is null: jq -n reading standard input
	filename any    // what input_filename returns
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
	s.file, s.line, s.host, s.hasLoc = file, line, host, true
	if !s.noFile {
		s.filename = file
	}
}

// inputLine is input_line: {"file": …, "line": …} of the current event, or
// null before the first.
func (s *session) inputLine(any, []any) any {
	if !s.hasLoc {
		return nil
	}
	return map[string]any{"file": s.file, "line": s.line}
}

// inputHost is input_host: the host of the Datadog envelope (log archive
// line or Logs API export) the current event came in, or null for a plain
// event.
func (s *session) inputHost(any, []any) any {
	if !s.hasLoc || s.host == "" {
		return nil
	}
	return s.host
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
