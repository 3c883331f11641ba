package query

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// Format is how values are printed: the jq output flags.
type Format struct {
	Indent  int  // spaces per level (--indent); ignored when Compact or Tab
	Compact bool // -c: one line per value
	Tab     bool // --tab: a tab per level
	Raw     bool // -r: strings without quotes
	Join    bool // -j: like -r, and no newline after each value
	ASCII   bool // -a: non-ASCII characters as \uXXXX escapes
	// Colors are jq's colours (iostreams.Palette's JSON); nil: none.
	Colors *iostreams.JSONColors
	// Escape: escape in strings what could drive a terminal (see
	// escape.Text), for output bound for one: stdout is a terminal, or
	// --escape. Raw strings keep their line breaks and tabs.
	Escape bool
}

// Encoder appends values as JSON text byte for byte as the gojq command
// prints them: object keys sorted, numbers as gojq formats them, strings
// escaped as gojq escapes them. It writes into the caller's buffer, with no
// intermediate copy. An Encoder is not safe for concurrent use.
type Encoder struct {
	f       Format
	c       iostreams.JSONColors // f.Colors, or none
	mode    escape.JSON          // how strings are escaped
	indent  int                  // -1: compact
	depth   int
	pairs   []member    // object members being sorted, for all open objects
	keys    []keyMember // the same, for transcode
	scratch []byte      // a string being unquoted by transcode
	reorder []byte      // an object's members being sorted by transcode
	num     [64]byte
}

// NewEncoder returns an encoder for the format.
func NewEncoder(f Format) *Encoder {
	e := &Encoder{f: f, indent: f.Indent}
	if f.Colors != nil {
		e.c = *f.Colors
	}
	switch {
	case f.ASCII:
		e.mode = escape.ASCII
	case f.Escape:
		e.mode = escape.Terminal
	}
	switch {
	case f.Compact:
		e.indent = -1
	case f.Tab:
		e.indent = 1
	}
	return e
}

// AppendOutput appends one output of a filter: v encoded, or a raw string
// for -r and -j, followed by a newline unless -j.
func (e *Encoder) AppendOutput(dst []byte, v any) []byte {
	if s, ok := v.(string); ok && (e.f.Raw || e.f.Join) && !e.f.ASCII {
		if e.f.Escape {
			// Raw output is text meant to be read: it keeps its lines.
			dst = escape.AppendLines(dst, s)
		} else {
			dst = append(dst, s...)
		}
	} else {
		dst = e.Append(dst, v)
	}
	if !e.f.Join {
		dst = append(dst, '\n')
	}
	return dst
}

// Append appends v as JSON.
func (e *Encoder) Append(dst []byte, v any) []byte {
	e.depth = 0
	return e.value(dst, v)
}

func (e *Encoder) value(dst []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return e.colored(dst, e.c.Null, "null")
	case bool:
		if v {
			return e.colored(dst, e.c.True, "true")
		}
		return e.colored(dst, e.c.False, "false")
	case json.Number:
		return e.colored(dst, e.c.Number, string(v))
	case string:
		return e.str(dst, v, e.c.String)
	case map[string]any:
		return e.object(dst, v)
	case []any:
		return e.array(dst, v)
	case int:
		return e.coloredBytes(dst, e.c.Number, strconv.AppendInt(e.num[:0], int64(v), 10))
	case float64:
		return e.float(dst, v)
	case *big.Int:
		return e.coloredBytes(dst, e.c.Number, v.Append(e.num[:0], 10))
	}
	// gojq yields only the types above; anything else is a bug, shown rather
	// than hidden.
	return e.str(dst, fmt.Sprintf("<%T>", v), e.c.String)
}

func (e *Encoder) colored(dst []byte, color, text string) []byte {
	if e.f.Colors == nil {
		return append(dst, text...)
	}
	dst = append(dst, color...)
	dst = append(dst, text...)
	return append(dst, e.c.Reset...)
}

func (e *Encoder) coloredBytes(dst []byte, color string, text []byte) []byte {
	if e.f.Colors == nil {
		return append(dst, text...)
	}
	dst = append(dst, color...)
	dst = append(dst, text...)
	return append(dst, e.c.Reset...)
}

// float formats as gojq does, which follows encoding/json: NaN is null,
// infinities are clamped to the largest finite numbers, and exponents are
// used below 1e-6 and from 1e21 on, without a leading zero (1e-7).
func (e *Encoder) float(dst []byte, f float64) []byte {
	if math.IsNaN(f) {
		return e.colored(dst, e.c.Null, "null")
	}
	f = min(max(f, -math.MaxFloat64), math.MaxFloat64)
	format := byte('f')
	if x := math.Abs(f); x != 0 && x < 1e-6 || x >= 1e21 {
		format = 'e'
	}
	buf := strconv.AppendFloat(e.num[:0], f, format, -1, 64)
	if format == 'e' {
		if n := len(buf); n >= 4 && buf[n-4] == 'e' && buf[n-3] == '-' && buf[n-2] == '0' {
			buf[n-2] = buf[n-1]
			buf = buf[:n-1]
		}
	}
	return e.coloredBytes(dst, e.c.Number, buf)
}

func (e *Encoder) array(dst []byte, a []any) []byte {
	dst = append(dst, '[')
	e.depth += e.indent
	for i, v := range a {
		if i > 0 {
			dst = append(dst, ',')
		}
		if e.indent >= 0 {
			dst = e.newline(dst)
		}
		dst = e.value(dst, v)
	}
	e.depth -= e.indent
	if len(a) > 0 && e.indent >= 0 {
		dst = e.newline(dst)
	}
	return append(dst, ']')
}

func (e *Encoder) object(dst []byte, m map[string]any) []byte {
	dst = append(dst, '{')
	e.depth += e.indent
	base := len(e.pairs)
	for k, v := range m {
		e.pairs = append(e.pairs, member{k, v})
	}
	n := len(m)
	slices.SortFunc(e.pairs[base:], func(x, y member) int { return strings.Compare(x.key, y.key) })
	for i := 0; i < n; i++ {
		kv := e.pairs[base+i] // e.pairs may grow while the values are encoded
		if i > 0 {
			dst = append(dst, ',')
		}
		if e.indent >= 0 {
			dst = e.newline(dst)
		}
		dst = e.str(dst, kv.key, e.c.Key)
		dst = append(dst, ':')
		if e.indent >= 0 {
			dst = append(dst, ' ')
		}
		dst = e.value(dst, kv.val)
	}
	clear(e.pairs[base:])
	e.pairs = e.pairs[:base]
	e.depth -= e.indent
	if n > 0 && e.indent >= 0 {
		dst = e.newline(dst)
	}
	return append(dst, '}')
}

const (
	spaces = "                                "
	tabs   = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t"
)

func (e *Encoder) newline(dst []byte) []byte {
	dst = append(dst, '\n')
	fill := spaces
	if e.f.Tab {
		fill = tabs
	}
	for n := e.depth; n > 0; n -= len(fill) {
		dst = append(dst, fill[:min(n, len(fill))]...)
	}
	return dst
}

// str appends a string literal as gojq escapes it (see escape.JSON); -a
// escapes every non-ASCII character too, and on a terminal the characters
// escape.Text guards against are escaped as well.
func (e *Encoder) str(dst []byte, s string, color string) []byte {
	if e.f.Colors != nil {
		dst = append(dst, color...)
	}
	dst = escape.AppendJSONString(dst, s, e.mode)
	if e.f.Colors != nil {
		dst = append(dst, e.c.Reset...)
	}
	return dst
}
