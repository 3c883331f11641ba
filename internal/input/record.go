// Package input is csmctl's one way in: it opens the files given on the
// command line (or standard input), undoes gzip and zstd compression,
// recognises NDJSON and JSON arrays, and yields records — one JSON value's
// bytes each, with the file and line they came from. Every subcommand reads
// through it; nothing else knows about formats, compression or framing.
package input

import (
	"errors"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// Record is one event's bytes and where they came from.
type Record struct {
	File string // the name the user gave ("-" or "<stdin>" for standard input)
	Line int    // 1-based line of the record's first byte
	// Data is the record's bytes: a whole line of NDJSON (without the line
	// ending), or one element of a JSON array. A line longer than 1 MiB that
	// cannot be JSON ends just after its first syntax error, which is all a
	// reader of it can use. It is valid until the batch holding it is
	// released.
	Data []byte
	// Err is set when the input could not be framed into a value here: a
	// *jsonscan.SyntaxError (with its offset in Data) for a broken array
	// element or multi-line value, with Data holding what was read of it;
	// or ErrTooLong, with Data holding the record's first bytes.
	Err error

	// Host and LogID are the host and log id of a Datadog envelope (log
	// archive line or Logs API export) the event came in; empty for plain
	// events.
	Host, LogID string
	// Envelope is the whole envelope the event came in, Data within it: the
	// archive line, or the Logs API log (one element of a page's data).
	// Nil for plain events. Like Data, it is valid until the batch is
	// released.
	Envelope []byte
	col      int // bytes before Data[0] on its line: an array element's place
}

// ErrTooLong is a record longer than Options.MaxRecord. It is skipped whole.
var ErrTooLong = errors.New("record too long")

// Position returns the 1-based line and column (in bytes) of an offset in
// the record's data, for error messages.
func (r *Record) Position(offset int) (line, col int) {
	line, lineStart := r.Line, -r.col
	if offset > len(r.Data) {
		offset = len(r.Data)
	}
	for i := 0; i < offset; i++ {
		if r.Data[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, offset - lineStart + 1
}

// Location formats where an offset of the record is: "FILE:LINE:COLUMN".
func (r *Record) Location(offset int) string {
	line, col := r.Position(offset)
	return Position{File: r.File, Line: line, Col: col}.String()
}

// SyntaxError returns the record's framing error as a syntax error, if it is one.
func (r *Record) SyntaxError() (*jsonscan.SyntaxError, bool) {
	var se *jsonscan.SyntaxError
	ok := errors.As(r.Err, &se)
	return se, ok
}

// Error is a problem with a whole input rather than one record: a file that
// cannot be opened or read, a compressed stream that is corrupt or cut
// short, an encoding that is not UTF-8. The input was not read whole. Err
// is ErrNoEvents for an input that was read whole but held nothing.
type Error struct {
	File string
	Err  error
}

// ErrNoEvents is an input that holds no record: an empty file, or a
// directory with no event file below it. It is worth saying, as the user
// likely named the wrong thing, but it is not a failure.
var ErrNoEvents = errors.New("no events")

func (e *Error) Error() string { return e.File + ": " + e.Err.Error() }

// ExitCode is 2 for an input that could not be read whole, and 0 for one
// that held no event.
func (e *Error) ExitCode() int {
	if errors.Is(e.Err, ErrNoEvents) {
		return 0
	}
	return 2
}
func (e *Error) Unwrap() error { return e.Err }
