package query

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/itchyny/gojq"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// isIdentity reports whether a filter is `.`: its output is its input, which
// the encoder can then print from the event's bytes, never decoding it (see
// Encoder.transcode). Pretty-printing a log is what jq is most run for.
func isIdentity(q *gojq.Query) bool {
	return q.Term != nil && q.Term.Type == gojq.TermTypeIdentity && len(q.Term.SuffixList) == 0 &&
		q.Op == 0 && q.Left == nil && q.Right == nil && q.Patterns == nil &&
		len(q.FuncDefs) == 0 && len(q.Imports) == 0 && q.Meta == nil
}

// keyMember is an object member printed by transcode: its decoded key, and
// where its printed text is.
type keyMember struct {
	key        string
	start, end int
}

// AppendOutputText appends the output of `.` for the JSON value at data[i]
// (after whitespace): exactly what AppendOutput appends for the decoded
// value, keys sorted and repeated keys resolved, but made from the text
// directly. It returns false, and dst unchanged in length, when the text is
// not valid JSON, is too deep or holds too long a number; the caller then
// decodes it, which reports the error.
func (e *Encoder) AppendOutputText(dst, data []byte, i int) (out []byte, end int, ok bool) {
	n := len(dst)
	i = jsonscan.SkipSpace(data, i)
	if i < len(data) && data[i] == '"' && (e.f.Raw || e.f.Join) && !e.f.ASCII {
		end, escaped, err := jsonscan.String(data, i)
		if err != nil {
			return dst, i, false
		}
		if escaped {
			return e.AppendOutput(dst, e.unquote(data[i:end])), end, true
		}
		return e.AppendOutput(dst, unsafe.String(&data[i+1], end-i-2)), end, true
	}
	e.depth = 0
	dst, end, ok = e.transcode(dst, data, i, 0)
	if !ok {
		clear(e.keys)
		e.keys = e.keys[:0]
		return dst[:n], end, false
	}
	if !e.f.Join {
		dst = append(dst, '\n')
	}
	return dst, end, true
}

func (e *Encoder) transcode(dst, data []byte, i, depth int) ([]byte, int, bool) {
	if i >= len(data) {
		return dst, i, false
	}
	switch c := data[i]; c {
	case '{':
		return e.transcodeObject(dst, data, i, depth+1)
	case '[':
		return e.transcodeArray(dst, data, i, depth+1)
	case '"':
		end, escaped, err := jsonscan.String(data, i)
		if err != nil {
			return dst, end, false
		}
		lit := data[i:end]
		if e.f.ASCII || e.f.Escape || !canonicalString(lit, escaped) {
			return e.str(dst, e.unquote(lit), e.c.String), end, true
		}
		if e.f.Colors != nil {
			dst = append(dst, e.c.String...)
			dst = append(dst, lit...)
			return append(dst, e.c.Reset...), end, true
		}
		return append(dst, lit...), end, true
	case 't', 'f', 'n':
		end, err := jsonscan.Literal(data, i)
		if err != nil {
			return dst, end, false
		}
		color := e.c.Null
		switch c {
		case 't':
			color = e.c.True
		case 'f':
			color = e.c.False
		}
		return e.coloredBytes(dst, color, data[i:end]), end, true
	}
	end, _, err := jsonscan.Number(data, i)
	if err != nil || end-i > MaxIntegerDigits && integerDigits(data[i:end]) > MaxIntegerDigits {
		return dst, end, false
	}
	return e.coloredBytes(dst, e.c.Number, data[i:end]), end, true
}

func (e *Encoder) transcodeArray(dst, data []byte, i, depth int) ([]byte, int, bool) {
	if depth > maxDepth {
		return dst, i, false
	}
	dst = append(dst, '[')
	i = jsonscan.SkipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return append(dst, ']'), i + 1, true
	}
	e.depth += e.indent
	for n := 0; ; n++ {
		if n > 0 {
			dst = append(dst, ',')
		}
		if e.indent >= 0 {
			dst = e.newline(dst)
		}
		var ok bool
		if dst, i, ok = e.transcode(dst, data, i, depth); !ok {
			return dst, i, false
		}
		i = jsonscan.SkipSpace(data, i)
		if i >= len(data) {
			return dst, i, false
		}
		if data[i] == ']' {
			break
		}
		if data[i] != ',' {
			return dst, i, false
		}
		i = jsonscan.SkipSpace(data, i+1)
	}
	e.depth -= e.indent
	if e.indent >= 0 {
		dst = e.newline(dst)
	}
	return append(dst, ']'), i + 1, true
}

func (e *Encoder) transcodeObject(dst, data []byte, i, depth int) ([]byte, int, bool) {
	if depth > maxDepth {
		return dst, i, false
	}
	i = jsonscan.SkipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return append(dst, '{', '}'), i + 1, true
	}
	// Members are printed as they come, each value read once; if their keys
	// were not in order (or one repeats), the printed members are then
	// put in order.
	dst = append(dst, '{')
	e.depth += e.indent
	base := len(e.keys)
	sorted := true
	for n := 0; ; n++ {
		if i >= len(data) || data[i] != '"' {
			return dst, i, false
		}
		kend, escaped, err := jsonscan.String(data, i)
		if err != nil {
			return dst, kend, false
		}
		// The key refers to data, which outlives the object; an escaped one
		// is decoded into a string of its own.
		key := unsafe.String(&data[i+1], kend-i-2)
		if escaped {
			key = strings.Clone(e.unquote(data[i:kend]))
		}
		if n > 0 {
			if e.keys[len(e.keys)-1].key >= key {
				sorted = false
			}
			dst = append(dst, ',')
		}
		start := len(dst)
		if e.indent >= 0 {
			dst = e.newline(dst)
		}
		dst = e.str(dst, key, e.c.Key)
		dst = append(dst, ':')
		if e.indent >= 0 {
			dst = append(dst, ' ')
		}
		i = jsonscan.SkipSpace(data, kend)
		if i >= len(data) || data[i] != ':' {
			return dst, i, false
		}
		var ok bool
		if dst, i, ok = e.transcode(dst, data, jsonscan.SkipSpace(data, i+1), depth); !ok {
			return dst, i, false
		}
		e.keys = append(e.keys, keyMember{key, start, len(dst)})
		i = jsonscan.SkipSpace(data, i)
		if i >= len(data) {
			return dst, i, false
		}
		if data[i] == '}' {
			break
		}
		if data[i] != ',' {
			return dst, i, false
		}
		i = jsonscan.SkipSpace(data, i+1)
	}
	if !sorted {
		dst = e.sortMembers(dst, e.keys[base:])
	}
	clear(e.keys[base:])
	e.keys = e.keys[:base]
	e.depth -= e.indent
	if e.indent >= 0 {
		dst = e.newline(dst)
	}
	return append(dst, '}'), i + 1, true
}

// sortMembers puts an object's printed members, which end dst, in key order,
// keeping the last of repeated keys, as decoding does.
func (e *Encoder) sortMembers(dst []byte, members []keyMember) []byte {
	first := members[0].start
	slices.SortFunc(members, func(x, y keyMember) int {
		if c := strings.Compare(x.key, y.key); c != 0 {
			return c
		}
		return x.start - y.start // a repeated key: in input order
	})
	e.reorder = append(e.reorder[:0], dst[first:]...)
	dst = dst[:first]
	for j, m := range members {
		if j+1 < len(members) && m.key == members[j+1].key {
			continue
		}
		if len(dst) > first {
			dst = append(dst, ',')
		}
		dst = append(dst, e.reorder[m.start-first:m.end-first]...)
	}
	return dst
}

// unquote decodes a valid string literal into the encoder's scratch
// buffer; the result is valid until the next call.
func (e *Encoder) unquote(lit []byte) string {
	e.scratch, _, _ = jsonscan.AppendUnquoted(e.scratch[:0], unsafe.String(&lit[0], len(lit)), 1)
	return unsafe.String(unsafe.SliceData(e.scratch), len(e.scratch))
}

// canonicalString reports whether a valid string literal is already as
// gojq prints it: valid UTF-8, no DEL, and only the escapes gojq itself
// writes for the quote, the backslash and \b \f \n \r \t. Windows paths,
// full of \\, are.
func canonicalString(lit []byte, escaped bool) bool {
	if !escaped {
		return bytes.IndexByte(lit, 0x7f) < 0
	}
	nonASCII := false
	for i := 1; i < len(lit)-1; i++ {
		switch c := lit[i]; {
		case c == '\\':
			i++
			switch lit[i] {
			case '"', '\\', 'b', 'f', 'n', 'r', 't':
			default:
				return false
			}
		case c == 0x7f:
			return false
		case c >= utf8.RuneSelf:
			nonASCII = true
		}
	}
	return !nonASCII || utf8.Valid(lit)
}
