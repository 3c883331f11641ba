package input

import (
	"bytes"
	"errors"
	"iter"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// Value is one JSON value of a record, or the problem that ends the record.
// A record usually holds one value; jq reads several on one line, and so do
// we.
type Value struct {
	Data []byte // the value's bytes, a slice of the record's; nil when Err is set
	// Line and Column (1-based, the column in bytes) are where the value
	// starts or, when Err is set, where the problem was found.
	Line, Column int
	// Err is set on the last value of a record that cannot be read to its
	// end: the record could not be framed, or a value is not JSON.
	Err *ValueError
}

// ValueError is a record, or a value in it, that cannot be read, and where.
type ValueError struct {
	File         string
	Line, Column int
	// Err is a *jsonscan.SyntaxError, or ErrTooLong for a record skipped
	// for its length.
	Err error
}

// Error words the problem as csmctl reports it: "FILE:LINE:COLUMN: invalid
// JSON: …" for a syntax error, "FILE:LINE: …" for anything else.
func (e *ValueError) Error() string {
	var se *jsonscan.SyntaxError
	if errors.As(e.Err, &se) {
		return Position{File: e.File, Line: e.Line, Col: e.Column}.String() + ": invalid JSON: " + se.Msg
	}
	return Position{File: e.File, Line: e.Line}.String() + ": " + e.Err.Error()
}

func (e *ValueError) Unwrap() error { return e.Err }

// ScanFunc delimits the JSON value at data[pos], after any whitespace: it
// returns the index just past the value, or what is wrong with it (with its
// offset in data). jsonscan.Skip is one; a validator or decoder that
// delimits the value while it does its work is another, so that the value's
// bytes are read once.
type ScanFunc func(data []byte, pos int) (end int, err *jsonscan.SyntaxError)

// Values returns the values of the record, delimited by jsonscan.Skip.
func (r *Record) Values() iter.Seq[Value] { return r.ScanValues(skipValue) }

func skipValue(data []byte, pos int) (int, *jsonscan.SyntaxError) { return jsonscan.Skip(data, pos, 0) }

// ScanValues returns the values of the record, delimited by scan.
func (r *Record) ScanValues(scan ScanFunc) iter.Seq[Value] {
	return func(yield func(Value) bool) {
		vr := NewValueReader(r)
		for {
			v, ok := vr.Next(scan)
			if !ok || !yield(v) {
				return
			}
		}
	}
}

// ValueReader reads the values of a record one at a time, for a caller that
// is itself pulled for values; Record.ScanValues does the same for a range
// loop.
//
// The reader does not keep the ScanFunc: a closure kept in it would escape to
// the heap, with the variables it captures, on every record.
type ValueReader struct {
	rec  *Record
	pos  int // where the next value is looked for
	done bool

	// The line of rec.Data[at], and the offset where that line starts:
	// positions are found by counting newlines from the last one.
	line, lineStart, at int
}

// NewValueReader returns a reader of the values of rec.
func NewValueReader(rec *Record) ValueReader {
	return ValueReader{rec: rec, line: rec.Line, lineStart: -rec.col}
}

// Next returns the next value, delimited by scan, or false at the end of the
// record. A value with Err set is the last.
func (vr *ValueReader) Next(scan ScanFunc) (Value, bool) {
	if vr.done {
		return Value{}, false
	}
	rec := vr.rec
	if rec.Err != nil {
		vr.done = true
		line, col := rec.Line, 1
		if se, ok := rec.SyntaxError(); ok {
			line, col = vr.position(se.Offset)
		}
		return vr.fail(line, col, rec.Err), true
	}
	data := rec.Data
	pos := jsonscan.SkipSpace(data, vr.pos)
	if pos >= len(data) {
		vr.done = true
		return Value{}, false
	}
	end, err := scan(data, pos)
	if err != nil {
		vr.done = true // the rest of the record cannot be framed
		line, col := vr.position(err.Offset)
		return vr.fail(line, col, err), true
	}
	vr.pos = end
	line, col := vr.position(pos)
	return Value{Data: data[pos:end], Line: line, Column: col}, true
}

func (vr *ValueReader) fail(line, col int, err error) Value {
	return Value{Line: line, Column: col, Err: &ValueError{File: vr.rec.File, Line: line, Column: col, Err: err}}
}

// position is Record.Position, counting newlines from the last offset asked
// for rather than from the record's start: offsets usually only grow.
func (vr *ValueReader) position(offset int) (line, col int) {
	data := vr.rec.Data
	offset = min(offset, len(data))
	if offset < vr.at {
		vr.line, vr.lineStart, vr.at = vr.rec.Line, -vr.rec.col, 0
	}
	seg := data[vr.at:offset]
	if nl := bytes.LastIndexByte(seg, '\n'); nl >= 0 {
		vr.line += 1 + bytes.Count(seg[:nl], []byte{'\n'})
		vr.lineStart = vr.at + nl + 1
	}
	vr.at = offset
	return vr.line, offset - vr.lineStart + 1
}
