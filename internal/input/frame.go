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
//   - NDJSON: each non-blank line is a record (lines of only JSON
//     whitespace are skipped, a trailing CR and a UTF-8 BOM are dropped,
//     the last line may lack its newline).
//   - A line holding only "{" starts a pretty-printed value (jq's default
//     output): the record runs to the matching "}".
//   - A JSON array: when the first non-blank byte of an input is "[", each
//     element is a record, on the line where it starts. After the closing
//     "]", framing goes back to lines. A "[" whose first value is followed
//     on a later line by neither ',' nor ']' is a stray one: an error
//     record, then lines (see opensArray).
//
// A value that cannot be framed (a broken array element, say) becomes a record
// with Err set. Framing resumes on the line after the one where that value
// started, skipping the lines indented deeper than the value, and its
// closing "}" (see brokenLine): one broken value is one error, and one bad
// line never hides the good ones after it. A record longer
// than the limit is reported with its first bytes and skipped whole: a line to
// its end, a value to its closing bracket.
//
// The records do not depend on where the blocks end: a record is framed only
// once the bytes that decide it are all in the block.
type source struct {
	name    string
	r       io.Reader
	closers []io.Closer
	stdin   bool
	raw     *rawReader
	max     int // Options.MaxRecord

	// The block being framed: data is what was read into it, data[at:] is
	// not framed yet. The source holds a reference to it.
	blk  *block
	data []byte
	at   int
	full bool // the last batch stopped at MaxBatchRecords: data[at:] holds more

	line    int // line number of data[at]
	colBase int // bytes before data[at] on its line
	eof     bool
	rerr    error // what reading failed with, returned once the block is framed

	// Within one block: d[lineAt] starts the line of d[colAt] (lineAt is
	// negative when that line began in an earlier block). See column.
	lineAt, colAt int

	atStart   bool // nothing but whitespace seen yet: BOM and array detection
	inArray   bool
	afterEl   bool // in an array, an element was just read: expect ',' or ']'
	elLine    int  // the line where that element ended
	skipping  bool // discarding the rest of an over-long or broken line
	skipValue bool // discarding the rest of an over-long value
	vskip     valueSkip
	// skipBroken: discarding the lines of a value that could not be framed,
	// those indented deeper than its first byte, which was at column
	// brokenIndent. See brokenLine.
	skipBroken   bool
	brokenIndent int
	arrayPending bool // opensArray needs more input to decide
}

func (s *source) close() {
	if s.blk != nil {
		s.blk.release()
		s.blk = nil
	}
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i].Close()
	}
}

// batch frames the next records of the input, reading a block of it first
// when the records of the last one are all framed. It returns io.EOF (with
// the last records, if any) at the end of the input.
//
// A batch holds at most MaxBatchRecords records, so that a block of tiny
// records does not make one huge batch (and a huge result for a worker to
// build): the next batch frames the rest of the same block, which is shared
// and not copied.
func (s *source) batch(r *Reader) (*Batch, error) {
	if !s.full {
		s.fill(r)
	}
	s.full = false
	d := s.data[s.at:]
	s.blk.refs.Add(1)
	b := &Batch{block: s.blk}
	s.lineAt, s.colAt = -s.colBase, 0
	pos := s.frame(d, &b.Records)
	if !s.full {
		if rest := d[pos:]; !s.eof && len(rest) > s.max && bytes.IndexByte(rest, '\n') < 0 && s.restIsLine(d, pos) {
			// A line longer than the limit: report it and drop it up to
			// its newline, wherever that is. (Values check their own
			// length.)
			s.tooLong(d, pos, &b.Records)
			s.skipping = true
			pos = len(d)
		}
		if s.eof && s.inArray {
			b.Records = append(b.Records, Record{File: s.name, Line: s.line, col: s.column(d, pos),
				Err: &jsonscan.SyntaxError{Offset: 0, Msg: "unexpected end of input in array (expecting ']')"}})
			s.inArray = false
		}
	}
	s.colBase = s.column(d, pos)
	s.at += pos
	b.Records = unwrapAll(b.Records)
	switch {
	case s.full:
		return b, nil
	case s.rerr != nil:
		return b, s.rerr
	case s.eof:
		// At the end every byte is framed: lines take what is left, and a
		// value cut short becomes an error record.
		return b, io.EOF
	}
	return b, nil
}

// fill reads the next block of the input, after the bytes of the last one
// that are not framed yet: the start of a partial record.
func (s *source) fill(r *Reader) {
	rest := s.data[s.at:]
	size := r.opt.BlockSize
	if 2*len(rest) > size {
		// A record longer than half a block: grow fourfold, for reading it
		// to cost linear time and few copies (the old blocks are garbage
		// the heap holds on to), but never past what shows it too long.
		if 4*len(rest) < s.max {
			size = max(4*len(rest), len(rest)+size)
		} else {
			size = max(s.max, len(rest)) + size
		}
	}
	blk := r.newBlock(size)
	n := copy(blk.buf, rest)
	if s.blk != nil {
		s.blk.release()
	}
	s.blk = blk
	for n < len(blk.buf) && !s.eof {
		m, err := s.r.Read(blk.buf[n:])
		n += m
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			s.rerr = err
			s.eof = true
		}
		// On a pipe, hand over what has come so far rather than wait to
		// fill the block: a live `tail -f | csmctl` must not stall.
		if s.stdin && m > 0 && bytes.IndexByte(blk.buf[n-m:n], '\n') >= 0 {
			break
		}
	}
	s.data, s.at = blk.buf[:n], 0
}

// tooLong reports a record of more than s.max bytes that starts at d[at], on
// line s.line. Only its first bytes are kept: as many as any block holding
// more than s.max bytes of it has, so that the record is the same whichever
// block finds it too long.
func (s *source) tooLong(d []byte, at int, out *[]Record) {
	shown := min(256, s.max, len(d)-at)
	*out = append(*out, Record{File: s.name, Line: s.line, col: s.column(d, at), Data: d[at : at+shown],
		Err: fmt.Errorf("%w: more than %d bytes", ErrTooLong, s.max)})
}

// column returns how many bytes of its line come before d[i]. Within a block
// it must be called with i never decreasing, so that finding the line
// starts costs one pass over the block.
func (s *source) column(d []byte, i int) int {
	if nl := bytes.LastIndexByte(d[s.colAt:i], '\n'); nl >= 0 {
		s.lineAt = s.colAt + nl + 1
	}
	s.colAt = i
	return i - s.lineAt
}

// resync returns the offset in d of the line after the one holding d[at],
// which is line s.line; len(d) if that line has no end in d yet.
func (s *source) resync(d []byte, at int) int {
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
		if len(*out) >= MaxBatchRecords {
			s.full = true
			return pos
		}
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
		if s.skipValue {
			n, done := s.vskip.skip(d[pos:])
			s.line += bytes.Count(d[pos:pos+n], []byte{'\n'})
			pos += n
			if !done {
				return pos
			}
			s.skipValue = false
			s.afterEl, s.elLine = s.inArray, s.line
			continue
		}
		if s.skipBroken {
			var ok bool
			if pos, ok = s.brokenLine(d, pos); !ok {
				break
			}
			continue
		}
		if s.atStart {
			var ok bool
			if pos, ok = s.start(d, pos, out); !ok {
				break
			}
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
// array mode if the first value is an array. It consumes whole lines only,
// so that the first line record keeps its leading blanks; ok is false when
// more input is needed. Like any line, a blank one longer than the limit is
// reported: batch cannot tell it from the start of a long record.
func (s *source) start(d []byte, pos int, out *[]Record) (next int, ok bool) {
	lineStart := pos
	if pos == 0 && s.line == 1 { // the very start: nothing consumed yet
		if s.bomPending(d, pos) {
			return pos, false
		}
		if bytes.HasPrefix(d, bom) {
			pos = len(bom)
		}
	}
	for ; pos < len(d); pos++ {
		switch d[pos] {
		case '\n':
			if pos-lineStart > s.max {
				s.tooLong(d, lineStart, out)
			}
			s.line++
			lineStart = pos + 1
		case ' ', '\t', '\r':
		case '[':
			if pos-lineStart > s.max {
				s.tooLong(d, lineStart, out)
				s.skipping = true
				return pos, true
			}
			array, decided := s.opensArray(d, pos)
			s.arrayPending = !decided
			if !decided {
				return lineStart, false
			}
			s.atStart = false
			if !array {
				*out = append(*out, Record{File: s.name, Line: s.line, col: s.column(d, pos), Data: d[pos : pos+1],
					Err: &jsonscan.SyntaxError{Offset: 0, Msg: "'[' opens no array (a new line follows its first value, not ',' or ']'): lines read as NDJSON"}})
				return pos + 1, true
			}
			s.inArray = true
			return pos + 1, true
		default:
			s.atStart = false
			return lineStart, true // the line record starts with the line
		}
	}
	if s.eof {
		if pos-lineStart > s.max {
			s.tooLong(d, lineStart, out)
		}
		return pos, true
	}
	return lineStart, false
}

// opensArray tells whether the "[" at d[open], the first byte of the input,
// opens a JSON array. It does unless its first value is followed, on a later
// line, by something other than ',' or ']': NDJSON after a stray "[" (a
// JSON array's first lines pasted before events, say), which read as an
// array would lose every other event. A first value that is broken, cut by
// the end of the input, or that with what follows it is longer than the
// record limit, leaves the array to report it. decided is false when more
// input is needed.
func (s *source) opensArray(d []byte, open int) (array, decided bool) {
	// Only the limit's worth of bytes decides, so that the answer does not
	// depend on how many more the block holds.
	w := d[:min(len(d), open+1+s.max)]
	ranOff := func() (bool, bool) { return true, s.eof || len(w) == open+1+s.max }
	first := jsonscan.SkipSpace(w, open+1)
	if first >= len(w) {
		return ranOff()
	}
	if w[first] == ',' || w[first] == ']' {
		return true, true
	}
	end, err := jsonscan.Skip(w, first, 1)
	if err != nil {
		if err.Offset < len(w) {
			return true, true // broken: the array reports it
		}
		return ranOff()
	}
	next := jsonscan.SkipSpace(w, end)
	if next >= len(w) {
		return ranOff()
	}
	if w[next] == ',' || w[next] == ']' {
		return true, true
	}
	return bytes.IndexByte(w[end:next], '\n') < 0, true
}

// longLine is the length past which (or past the record limit, if lower) a
// line is checked for a syntax error as it is read: one that cannot be JSON
// (a run of NUL bytes, binary data) is reported at once, up to its first
// error, and the rest of it is dropped without being buffered, whatever its
// length. Shorter lines are kept whole, for the consumers to check.
const longLine = 1 << 20

// restIsLine reports whether d[pos:], the bytes a batch leaves unframed,
// start a line record: past the limit, batch reports them as too long. They
// do not while framing waits for the rest of a BOM, for what follows a "["
// (opensArray) or for a line's indentation (brokenLine): each of these
// waits for no more than about the limit's worth of bytes.
func (s *source) restIsLine(d []byte, pos int) bool {
	return !s.bomPending(d, pos) && !s.arrayPending && !s.skipBroken
}

// bomPending reports whether d[pos:], the very start of the input, may be
// the start of a UTF-8 BOM: framing waits for the rest of it before
// deciding anything, even that a record is too long.
func (s *source) bomPending(d []byte, pos int) bool {
	return s.atStart && pos == 0 && s.line == 1 && !s.eof && len(d) < len(bom) && bytes.HasPrefix(bom, d)
}

// lineRecord frames the line at d[pos]. ok is false when more input is
// needed to frame it.
func (s *source) lineRecord(d []byte, pos int, out *[]Record) (next int, ok bool) {
	nl := bytes.IndexByte(d[pos:], '\n')
	whole := nl >= 0 || s.eof
	end := len(d)
	if nl >= 0 {
		end = pos + nl
	}
	// Past the limit a line is too long or broken, whatever the threshold:
	// check it there too, for the answer not to depend on the blocks.
	check := min(longLine, s.max)
	if !whole && end-pos <= check {
		return pos, false
	}
	line, col := d[pos:end], 0
	if pos > 0 && d[pos-1] != '\n' || pos == 0 && s.colBase > 0 {
		col = s.column(d, pos) // after an array or a multi-line value
	}
	if whole && len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	front := 0 // bytes dropped from the line's start
	if bytes.HasPrefix(line, bom) {
		line, col, front = line[len(bom):], col+len(bom), len(bom)
	}
	if end-pos > check {
		// Only the line's first s.max bytes, BOM included, decide: a
		// partial line is too long once it has more.
		if bad, broken := brokenAt(line, s.max-front); broken {
			*out = append(*out, Record{File: s.name, Line: s.line, col: col, Data: line[:bad+1]})
			if !whole {
				s.skipping = true
				return len(d), true
			}
			return s.endLine(nl, end), true
		}
		if !whole {
			return pos, false
		}
	}
	if end-pos > s.max {
		s.tooLong(d, pos, out)
		return s.endLine(nl, end), true
	}
	trimmed := bytes.Trim(line, " \t\r") // JSON whitespace only
	if len(trimmed) == 1 && trimmed[0] == '{' {
		return s.multiline(d, pos, out)
	}
	if len(trimmed) > 0 {
		*out = append(*out, Record{File: s.name, Line: s.line, col: col, Data: line})
	}
	return s.endLine(nl, end), true
}

// endLine returns where the line ending at d[end] is left: past its newline,
// d[end] (nl is -1 when it has none: the last line).
func (s *source) endLine(nl, end int) int {
	if nl < 0 {
		return end
	}
	s.line++
	return end + 1
}

// brokenAt returns the offset of line's first syntax error, if there is one
// in its first limit bytes and it does not depend on what comes next: the
// values before it (jq reads several on a line) are whole, and nothing after
// it can make the line JSON. An unexpected end of those bytes is no error.
func brokenAt(line []byte, limit int) (offset int, broken bool) {
	p := line[:max(0, min(len(line), limit))]
	for pos := jsonscan.SkipSpace(p, 0); pos < len(p); pos = jsonscan.SkipSpace(p, pos) {
		end, err := jsonscan.Skip(p, pos, 0)
		if err != nil {
			return err.Offset, err.Offset < len(p)
		}
		pos = end
	}
	return 0, false
}

// multiline frames a value that starts on a line of its own "{" and spans
// several lines.
func (s *source) multiline(d []byte, pos int, out *[]Record) (next int, ok bool) {
	open := pos + bytes.IndexByte(d[pos:], '{')
	end, err := jsonscan.Skip(d, open, 0)
	if err != nil {
		end = err.Offset
	}
	if end-open > s.max {
		s.tooLong(d, open, out)
		s.skipValue, s.vskip = true, valueSkip{}
		return open, true
	}
	if err != nil && end >= len(d) && !s.eof {
		return pos, false
	}
	col := s.column(d, open)
	if err != nil {
		*out = append(*out, Record{File: s.name, Line: s.line, col: col, Data: d[open:min(end, len(d))],
			Err: &jsonscan.SyntaxError{Offset: end - open, Msg: err.Msg}})
		s.skipBroken, s.brokenIndent = true, min(col, s.max)
		return s.resync(d, pos), true
	}
	*out = append(*out, Record{File: s.name, Line: s.line, col: col, Data: d[open:end]})
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
		return pos, true // the end of input in an array is reported by batch
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
		// Not what an array allows: report it and expect an element. A
		// ',' missing at the end of a line costs nothing more: what starts
		// the next line is that element. Anything else on the element's
		// line is dropped with the rest of it.
		*out = append(*out, Record{File: s.name, Line: s.line, col: s.column(d, pos), Data: d[pos : pos+1],
			Err: &jsonscan.SyntaxError{Offset: 0, Msg: fmt.Sprintf("invalid character %s after array element (expecting ',' or ']')", jsonscan.DescribeByte(c))}})
		s.afterEl = false
		if s.line > s.elLine {
			return pos, true
		}
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
	if err != nil {
		end = err.Offset
	}
	if end-pos > s.max {
		s.tooLong(d, pos, out)
		s.skipValue, s.vskip = true, valueSkip{}
		return pos, true
	}
	// A value that reaches the end of the block may go on in the next one:
	// a number, or the rest of a broken value's error.
	if end >= len(d) && !s.eof {
		return pos, false
	}
	col := s.column(d, pos)
	if err != nil {
		*out = append(*out, Record{File: s.name, Line: s.line, col: col, Data: d[pos:min(end, len(d))],
			Err: &jsonscan.SyntaxError{Offset: end - pos, Msg: err.Msg}})
		s.skipBroken, s.brokenIndent = true, min(col, s.max)
		return s.resync(d, pos), true
	}
	*out = append(*out, Record{File: s.name, Line: s.line, col: col, Data: d[pos:end]})
	s.line += bytes.Count(d[pos:end], []byte{'\n'})
	s.afterEl, s.elLine = true, s.line
	return end, true
}

// brokenLine frames the line at d[pos], after the first line of a value
// that could not be framed. Pretty-printers indent a value's body deeper
// than its first byte and its closing bracket as deep: so blank lines and
// deeper ones are the broken value's and are dropped, and the first line
// that is not ends it. A "}" there is the value's closing, dropped too;
// anything else (the next value, when the broken one was never closed) is
// framed as usual. One broken value costs one error, wherever in it the
// error is; NDJSON lines, never indented, go on being framed one by one.
func (s *source) brokenLine(d []byte, pos int) (next int, ok bool) {
	i := pos
	for i < len(d) && i-pos <= s.brokenIndent && (d[i] == ' ' || d[i] == '\t') {
		i++
	}
	switch {
	case i-pos > s.brokenIndent || i < len(d) && (d[i] == '\n' || d[i] == '\r'):
		s.skipping = true // the broken value's body, or a blank line
		return i, true
	case i >= len(d):
		if !s.eof {
			return pos, false
		}
		s.skipBroken = false
		return i, true
	}
	s.skipBroken = false
	if d[i] == '}' {
		s.afterEl, s.elLine = s.inArray, s.line // in an array, a ',' or ']' comes next
		return i + 1, true
	}
	return pos, true
}

// valueSkip follows a JSON value's brackets and strings, one block at a
// time and without keeping it, to find where an over-long value ends. It
// does not check the value: a broken one may end late, or never.
type valueSkip struct {
	depth    int  // open brackets
	inString bool // in a string, at depth 0 too
	escaped  bool // after a backslash in a string
}

// skip returns how many bytes of d belong to the value, and whether it ended
// there.
func (v *valueSkip) skip(d []byte) (n int, done bool) {
	for i, c := range d {
		if v.inString {
			switch {
			case v.escaped:
				v.escaped = false
			case c == '\\':
				v.escaped = true
			case c == '"':
				v.inString = false
				if v.depth == 0 {
					return i + 1, true
				}
			}
			continue
		}
		switch c {
		case '"':
			v.inString = true
		case '{', '[':
			v.depth++
		case '}', ']':
			if v.depth == 0 { // a number or literal, closed by its container
				return i, true
			}
			v.depth--
			if v.depth == 0 {
				return i + 1, true
			}
		case ',', ' ', '\t', '\r', '\n':
			if v.depth == 0 { // the end of a number or literal
				return i, true
			}
		}
	}
	return len(d), false
}
