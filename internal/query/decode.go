package query

import (
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
	"unsafe"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// Decoder turns JSON text into the values gojq runs on: map[string]any,
// []any, string, json.Number, bool and nil — exactly what the gojq command
// gets from encoding/json with UseNumber, so that every filter sees the same
// values and prints the same bytes. Numbers stay json.Number, so a literal
// such as 1.0 or 1e3 comes out as it went in, as gojq prints it.
//
// It is faster than encoding/json because it decodes from a string: object
// keys, strings without escapes and numbers are slices of that string, not
// copies, and maps and slices are allocated at their final size. A Decoder
// is not safe for concurrent use; each worker has its own.
type Decoder struct {
	s       string
	members []member // object members being decoded, for all open objects
	elems   []any    // array elements being decoded, for all open arrays
	depth   int
	tooLong *jsonscan.SyntaxError // the number that failed the decoding, if one did
}

// MaxIntegerDigits bounds the integer part of a number literal. gojq makes
// an integer beyond int's range a big.Int, in time quadratic in its digits
// (137 s for 10⁷ of them), whenever a filter compares or computes with it;
// no real value comes near (a float64 has at most 309 digits).
const MaxIntegerDigits = 1000

type member struct {
	key string
	val any
}

// Decode decodes the value at s[i] (after any whitespace) and returns it with
// the index just past it. On a syntax error it returns the error with its
// offset in s, as jsonscan reports it.
func (d *Decoder) Decode(s string, i int) (v any, end int, err *jsonscan.SyntaxError) {
	d.s, d.depth = s, 0
	v, end, ok := d.value(skipSpace(s, i))
	d.s = ""
	if !ok {
		clear(d.members)
		d.members = d.members[:0]
		clear(d.elems)
		d.elems = d.elems[:0]
		if err, d.tooLong = d.tooLong, nil; err != nil {
			return nil, end, err
		}
		return nil, end, syntaxError(s, i)
	}
	return v, end, nil
}

// syntaxError finds what is wrong with the value at s[i]: the decoder only
// knows that something is, and jsonscan words it as the rest of csmctl does.
func syntaxError(s string, i int) *jsonscan.SyntaxError {
	if _, err := jsonscan.Skip([]byte(s), i, 0); err != nil {
		return err
	}
	return &jsonscan.SyntaxError{Offset: i, Msg: "invalid JSON"}
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	return i
}

func (d *Decoder) value(i int) (any, int, bool) {
	s := d.s
	if i >= len(s) {
		return nil, i, false
	}
	switch c := s[i]; c {
	case '{':
		return d.object(i)
	case '[':
		return d.array(i)
	case '"':
		str, end, ok := d.str(i)
		return str, end, ok
	case 't':
		if len(s)-i >= 4 && s[i:i+4] == "true" {
			return true, i + 4, true
		}
	case 'f':
		if len(s)-i >= 5 && s[i:i+5] == "false" {
			return false, i + 5, true
		}
	case 'n':
		if len(s)-i >= 4 && s[i:i+4] == "null" {
			return nil, i + 4, true
		}
	default:
		if c == '-' || c >= '0' && c <= '9' {
			end, ok := number(s, i)
			if !ok {
				return nil, end, false
			}
			if end-i > MaxIntegerDigits && integerDigits(s[i:end]) > MaxIntegerDigits {
				d.tooLong = numberTooLong(i)
				return nil, i, false
			}
			return json.Number(s[i:end]), end, true
		}
	}
	return nil, i, false
}

// maxDepth is encoding/json's nesting limit, which jsonscan shares.
const maxDepth = jsonscan.MaxDepth

func (d *Decoder) object(i int) (any, int, bool) {
	if d.depth++; d.depth > maxDepth {
		return nil, i, false
	}
	s := d.s
	i = skipSpace(s, i+1)
	if i < len(s) && s[i] == '}' {
		d.depth--
		return map[string]any{}, i + 1, true
	}
	base := len(d.members)
	for more := true; more; {
		if i >= len(s) || s[i] != '"' {
			return nil, i, false
		}
		key, end, ok := d.str(i)
		if !ok {
			return nil, end, false
		}
		i = skipSpace(s, end)
		if i >= len(s) || s[i] != ':' {
			return nil, i, false
		}
		v, end, ok := d.value(skipSpace(s, i+1))
		if !ok {
			return nil, end, false
		}
		d.members = append(d.members, member{key, v})
		if i, more, ok = d.next(end, '}'); !ok {
			return nil, i, false
		}
	}
	ms := d.members[base:]
	m := make(map[string]any, len(ms))
	for _, kv := range ms {
		m[kv.key] = kv.val // a repeated key: the last one wins, as in encoding/json
	}
	clear(ms)
	d.members = d.members[:base]
	d.depth--
	return m, i, true
}

func (d *Decoder) array(i int) (any, int, bool) {
	if d.depth++; d.depth > maxDepth {
		return nil, i, false
	}
	s := d.s
	i = skipSpace(s, i+1)
	if i < len(s) && s[i] == ']' {
		d.depth--
		return []any{}, i + 1, true
	}
	base := len(d.elems)
	for more := true; more; {
		v, end, ok := d.value(i)
		if !ok {
			return nil, end, false
		}
		d.elems = append(d.elems, v)
		if i, more, ok = d.next(end, ']'); !ok {
			return nil, i, false
		}
	}
	es := d.elems[base:]
	a := make([]any, len(es))
	copy(a, es)
	clear(es)
	d.elems = d.elems[:base]
	d.depth--
	return a, i, true
}

// next reads what follows a member or an element that ends at s[i]: a comma,
// then more comes at next; or the closing bracket, then the container ends
// at next.
func (d *Decoder) next(i int, closing byte) (next int, more, ok bool) {
	s := d.s
	i = skipSpace(s, i)
	switch {
	case i >= len(s):
		return i, false, false
	case s[i] == ',':
		return skipSpace(s, i+1), true, true
	case s[i] == closing:
		return i + 1, false, true
	}
	return i, false, false
}

// plain marks the bytes a string holds as themselves: printable ASCII but
// the quote and the backslash.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str decodes the string literal at s[i]. A literal without escapes and with
// valid UTF-8 is returned as a slice of s.
func (d *Decoder) str(i int) (string, int, bool) {
	s := d.s
	start := i + 1
	j := start
	for {
		for j < len(s) && plain[s[j]] {
			j++
		}
		if j >= len(s) {
			return "", j, false
		}
		c := s[j]
		if c == '"' {
			return s[start:j], j + 1, true
		}
		if c < utf8.RuneSelf {
			break // a backslash or a control character
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		j += n
	}
	return unquote(s, start, j)
}

// unquote decodes the string literal whose text starts at s[start], from
// s[j] on, where the first escape or invalid byte is.
func unquote(s string, start, j int) (string, int, bool) {
	b := make([]byte, 0, j-start+32)
	b = append(b, s[start:j]...)
	b, end, ok := jsonscan.AppendUnquoted(b, s, j)
	if !ok {
		return "", end, false
	}
	// b is never written again: the string can be b itself, not a copy.
	return unsafe.String(unsafe.SliceData(b), len(b)), end, true
}

// number scans the number literal at s[i] by JSON's grammar.
func number(s string, i int) (int, bool) {
	if s[i] == '-' {
		i++
	}
	if i >= len(s) {
		return i, false
	}
	switch c := s[i]; {
	case c == '0':
		i++
	case c >= '1' && c <= '9':
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		return i, false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			return i, false
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			return i, false
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	return i, true
}

// integerDigits counts the digits of a number literal's integer part.
func integerDigits[T string | []byte](lit T) int {
	n := 0
	if len(lit) > 0 && lit[0] == '-' {
		lit = lit[1:]
	}
	for n < len(lit) && lit[n] >= '0' && lit[n] <= '9' {
		n++
	}
	return n
}

func numberTooLong(offset int) *jsonscan.SyntaxError {
	return &jsonscan.SyntaxError{Offset: offset,
		Msg: fmt.Sprintf("number too long: its integer part has more than %d digits", MaxIntegerDigits)}
}

// hasLongDigitRun reports whether data holds more than MaxIntegerDigits
// digits in a row: perhaps a number the decoder rejects, which an event
// skipped undecoded would leave unreported. It looks at one byte in
// MaxIntegerDigits, since every such run covers one of them.
func hasLongDigitRun(data []byte) bool {
	for i := MaxIntegerDigits - 1; i < len(data); i += MaxIntegerDigits {
		if !isDigit(data[i]) {
			continue
		}
		start, end := i, i+1
		for start > 0 && isDigit(data[start-1]) {
			start--
		}
		for end < len(data) && isDigit(data[end]) {
			end++
		}
		if end-start > MaxIntegerDigits {
			return true
		}
		i = end - 1 // the run holds no other byte looked at
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// ParseValue parses text holding exactly one JSON value, as --argjson and
// --jsonargs take.
func ParseValue(text string) (any, error) {
	vs, err := ParseValues(text)
	if err != nil {
		return nil, err
	}
	switch len(vs) {
	case 0:
		return nil, errors.New("no JSON value")
	case 1:
		return vs[0], nil
	}
	return nil, errors.New("more than one JSON value")
}

// ParseValues parses every JSON value in text, as --slurpfile reads a file.
func ParseValues(text string) ([]any, error) {
	var d Decoder
	vs := []any{}
	for i := skipSpace(text, 0); i < len(text); i = skipSpace(text, i) {
		v, end, err := d.Decode(text, i)
		if err != nil {
			return nil, fmt.Errorf("invalid JSON at byte %d: %s", err.Offset+1, err.Msg)
		}
		vs = append(vs, v)
		i = end
	}
	return vs, nil
}
