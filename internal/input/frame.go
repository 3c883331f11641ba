package input

import (
	"bytes"
	"fmt"
	"io"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// source is one input being read and framed into records.
//
// Framing rules:
//   - NDJSON: each non-blank line is a record (blank lines are skipped, a
//     trailing CR and a UTF-8 BOM are dropped, the last line may lack its
//     newline).
//   - A line holding only "{" starts a pretty-printed value (jq's default
//     output): the record runs to the matching "}".
//   - A JSON array: when the first non-blank byte of an input is "[", each
//     element is a record, on the line where it starts. After the closing
//     "]", framing goes back to lines.
//
// A value that cannot be framed (a broken array element, say) becomes a record
// with Err set, and framing resumes on the line after the one where that value
// started, so one bad line never hides the good ones after it.
type source struct {
	name    string
	r       io.Reader
	closers []io.Closer
	stdin   bool

	carry []byte // bytes read but not yet framed: the start of a partial record
	line  int    // line number of carry[0]
	eof   bool

	atStart  bool // nothing but whitespace seen yet: BOM and array detection
	inArray  bool
	afterEl  bool // in an array, an element was just read: expect ',' or ']'
	skipping bool // discarding the rest of an over-long line
}

func (s *source) close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i].Close()
	}
}

// batch reads the next block of the input and frames the records it holds.
// It returns io.EOF (with the last records, if any) at the end of the input.
func (s *source) batch(r *Reader) (*Batch, error) {
	size := r.opt.BlockSize
	if need := 2 * len(s.carry); need > size {
		size = need
	}
	bp, _ := r.pool.Get().(*[]byte)
	if bp == nil || cap(*bp) < size {
		b := make([]byte, size)
		bp = &b
	}
	block := (*bp)[:cap(*bp)]
	n := copy(block, s.carry)
	var rerr error
	for n < len(block) && !s.eof {
		m, err := s.r.Read(block[n:])
		n += m
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			rerr = err
			s.eof = true
		}
		// On a pipe, hand over what has come so far rather than wait to
		// fill the block: a live `tail -f | csmctl` must not stall.
		if s.stdin && m > 0 && bytes.IndexByte(block[n-m:n], '\n') >= 0 {
			break
		}
	}
	b := &Batch{block: bp, pool: &r.pool}
	d := block[:n]
	pos := s.frame(d, &b.Records)
	rest := d[pos:]
	if !s.eof && len(rest) > r.opt.MaxRecord {
		pos += s.tooLong(rest, &b.Records)
		rest = d[pos:]
	}
	s.carry = append(s.carry[:0], rest...)
	if rerr != nil {
		return b, rerr
	}
	if s.eof {
		// At the end every byte is framed: lines take what is left, and a
		// value cut short becomes an error record.
		return b, io.EOF
	}
	return b, nil
}

// tooLong reports an over-long record at the start of rest and returns how
// many bytes of rest to drop.
func (s *source) tooLong(rest []byte, out *[]Record) int {
	const shown = 256
	*out = append(*out, Record{File: s.name, Line: s.line, Data: rest[:min(shown, len(rest))],
		Err: fmt.Errorf("%w: more than %d bytes", ErrTooLong, len(rest)-1)})
	if bytes.IndexByte(rest, '\n') < 0 {
		// One long line: drop it up to its newline, wherever that is.
		s.skipping = true
		return len(rest)
	}
	// A value spanning lines: go on with the line after its first.
	return s.resync(rest, 0)
}

// resync returns the offset in d of the line after the one holding d[at],
// updating the line count; len(d) if that line has no end in d yet.
func (s *source) resync(d []byte, at int) int {
	s.line += bytes.Count(d[:at], []byte{'\n'})
	nl := bytes.IndexByte(d[at:], '\n')
	if nl < 0 {
		s.skipping = true
		return len(d)
	}
	s.line++
	return at + nl + 1
}

// frame appends the records complete in d and returns how many bytes of d
// it consumed. d[0] is on line s.line.
func (s *source) frame(d []byte, out *[]Record) int {
	pos := 0
	for pos < len(d) {
		if s.skipping {
			nl := bytes.IndexByte(d[pos:], '\n')
			if nl < 0 {
				return len(d)
			}
			pos += nl + 1
			s.line++
			s.skipping = false
			continue
		}
		if s.atStart {
			pos = s.start(d, pos)
			continue
		}
		var ok bool
		if s.inArray {
			pos, ok = s.element(d, pos, out)
		} else {
			pos, ok = s.lineRecord(d, pos, out)
		}
		if !ok {
			break
		}
	}
	return pos
}

var bom = []byte("\xef\xbb\xbf")

// start skips the BOM and blank lines at the top of an input and enters
// array mode if the first value is an array.
func (s *source) start(d []byte, pos int) int {
	if pos == 0 && s.line == 1 {
		if len(d) < len(bom) && !s.eof && bytes.HasPrefix(bom, d) {
			return len(d) // wait for the rest of a possible BOM
		}
		if bytes.HasPrefix(d, bom) {
			pos = len(bom)
		}
	}
	for pos < len(d) {
		switch d[pos] {
		case '\n':
			s.line++
		case ' ', '\t', '\r':
		case '[':
			s.atStart, s.inArray = false, true
			return pos + 1
		default:
			s.atStart = false
			// Back to the start of this line, so the line record is whole.
			for pos > 0 && d[pos-1] != '\n' {
				pos--
			}
			return pos
		}
		pos++
	}
	return pos
}

// lineRecord frames the line at d[pos]. ok is false when more input is
// needed to frame it.
func (s *source) lineRecord(d []byte, pos int, out *[]Record) (next int, ok bool) {
	nl := bytes.IndexByte(d[pos:], '\n')
	if nl < 0 && !s.eof {
		return pos, false
	}
	end := len(d)
	if nl >= 0 {
		end = pos + nl
	}
	line := d[pos:end]
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	line = bytes.TrimPrefix(line, bom)
	trimmed := bytes.TrimSpace(line)
	if len(trimmed) == 1 && trimmed[0] == '{' {
		return s.multiline(d, pos, out)
	}
	if len(trimmed) > 0 {
		*out = append(*out, Record{File: s.name, Line: s.line, Data: line})
	}
	if nl < 0 { // the last line, without a newline
		return end, true
	}
	s.line++
	return end + 1, true
}

// multiline frames a value that starts on a line of its own "{" and spans
// several lines.
func (s *source) multiline(d []byte, pos int, out *[]Record) (next int, ok bool) {
	open := pos + bytes.IndexByte(d[pos:], '{')
	end, err := jsonscan.Skip(d, open, 0)
	if err != nil && err.Offset >= len(d) && !s.eof {
		return pos, false
	}
	if err != nil {
		*out = append(*out, Record{File: s.name, Line: s.line, Data: d[open:min(err.Offset, len(d))],
			Err: &jsonscan.SyntaxError{Offset: err.Offset - open, Msg: err.Msg}})
		return s.resync(d, pos), true
	}
	*out = append(*out, Record{File: s.name, Line: s.line, Data: d[open:end]})
	s.line += bytes.Count(d[pos:end], []byte{'\n'})
	return end, true
}

// element frames the next array element, or the comma or bracket around it.
func (s *source) element(d []byte, pos int, out *[]Record) (next int, ok bool) {
	for pos < len(d) && (d[pos] == ' ' || d[pos] == '\t' || d[pos] == '\r' || d[pos] == '\n') {
		if d[pos] == '\n' {
			s.line++
		}
		pos++
	}
	if pos >= len(d) {
		if s.eof {
			*out = append(*out, Record{File: s.name, Line: s.line,
				Err: &jsonscan.SyntaxError{Offset: 0, Msg: "unexpected end of input in array (expecting ']')"}})
			s.inArray = false
		}
		return pos, true
	}
	c := d[pos]
	if s.afterEl {
		switch c {
		case ',':
			s.afterEl = false
			return pos + 1, true
		case ']':
			s.inArray, s.afterEl = false, false
			return pos + 1, true
		}
		// Not what an array allows: report it, resume on the next line,
		// and expect an element there.
		*out = append(*out, Record{File: s.name, Line: s.line, Data: d[pos:min(pos+1, len(d))],
			Err: &jsonscan.SyntaxError{Offset: 0, Msg: fmt.Sprintf("invalid character %s after array element (expecting ',' or ']')", jsonscan.DescribeByte(c))}})
		s.afterEl = false
		return s.resync(d, pos), true
	}
	if c == ']' { // empty array, or a trailing comma: accepted
		s.inArray = false
		return pos + 1, true
	}
	if c == ',' { // a stray comma after a broken element
		return pos + 1, true
	}
	end, err := jsonscan.Skip(d, pos, 1)
	if err != nil && err.Offset >= len(d) && !s.eof {
		return pos, false
	}
	if err != nil {
		*out = append(*out, Record{File: s.name, Line: s.line, Data: d[pos:min(err.Offset, len(d))],
			Err: &jsonscan.SyntaxError{Offset: err.Offset - pos, Msg: err.Msg}})
		return s.resync(d, pos), true
	}
	*out = append(*out, Record{File: s.name, Line: s.line, Data: d[pos:end]})
	s.line += bytes.Count(d[pos:end], []byte{'\n'})
	s.afterEl = true
	return end, true
}
