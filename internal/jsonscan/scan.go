// Package jsonscan holds the byte-level JSON primitives that csmctl's hot paths
// share: finding the extent of strings, numbers and whole values in place,
// without decoding them. The input framer uses it to cut array elements out of
// a stream and the compiled schema validator uses it to check syntax while it
// checks the schema, so every byte is read once.
package jsonscan

import (
	"bytes"
	"fmt"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of arrays and objects accepted. It matches
// encoding/json's own limit, so csmctl and the reference validator (which
// decodes with encoding/json) agree on what is too deep.
const MaxDepth = 10000

// SyntaxError is a JSON syntax error at a byte offset of the scanned value.
type SyntaxError struct {
	Offset int    // byte offset of the offending byte (len(data) at end of input)
	Msg    string // what was wrong, e.g. "unexpected end of input"
}

func (e *SyntaxError) Error() string { return e.Msg }

// Kind is the JSON type of a value, as told by its first byte.
type Kind uint8

// The JSON kinds. KindInteger is never returned by KindOf: it exists for schemas,
// where a number may be constrained to be integral.
const (
	KindInvalid Kind = iota
	KindNull
	KindBool
	KindNumber
	KindString
	KindArray
	KindObject
	KindInteger
)

var kindNames = [...]string{"invalid", "null", "boolean", "number", "string", "array", "object", "integer"}

func (k Kind) String() string { return kindNames[k] }

// KindOf tells the kind of the value starting with byte c.
func KindOf(c byte) Kind {
	switch c {
	case '{':
		return KindObject
	case '[':
		return KindArray
	case '"':
		return KindString
	case 't', 'f':
		return KindBool
	case 'n':
		return KindNull
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return KindNumber
	}
	return KindInvalid
}

// isSpace reports JSON insignificant whitespace.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// SkipSpace returns the index of the first non-whitespace byte at or after i.
func SkipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// strSafe marks the bytes that may appear in a string without a closer look:
// everything but the quote, the backslash, control characters and non-ASCII.
var strSafe = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// String scans the string literal whose opening quote is b[i]. It returns the
// index just past the closing quote and whether the literal holds escapes or
// bytes that are not valid UTF-8 (either means its text differs from its bytes).
func String(b []byte, i int) (end int, escaped bool, err *SyntaxError) {
	i++ // opening quote
	// Most strings are short and plain (keys, names, ids): find their
	// closing quote here, a word at a time, and leave escapes, control
	// characters and non-ASCII to stringRest.
	for ; i+8 <= len(b); i += 8 {
		if m := lookMask(load64(b, i)); m != 0 {
			i += bits.TrailingZeros64(m) >> 3
			if b[i] == '"' {
				return i + 1, false, nil
			}
			break
		}
	}
	return stringRest(b, i)
}

// stringRest scans the rest of a string literal from b[i], after bytes
// that are all plain, as String does.
func stringRest(b []byte, i int) (end int, escaped bool, err *SyntaxError) {
	for {
		i = plainRun(b, i)
		if i >= len(b) {
			return i, escaped, &SyntaxError{i, "unexpected end of input in string"}
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, escaped, nil
		case c == '\\':
			escaped = true
			if i+1 >= len(b) {
				return i + 1, escaped, &SyntaxError{i + 1, "unexpected end of input in string escape"}
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := 2; k < 6; k++ {
					if i+k >= len(b) {
						return i + k, escaped, &SyntaxError{i + k, "unexpected end of input in \\u escape"}
					}
					if !isHex(b[i+k]) {
						return i + k, escaped, &SyntaxError{i + k, fmt.Sprintf("invalid character %s in \\u escape", DescribeByte(b[i+k]))}
					}
				}
				i += 6
			default:
				return i + 1, escaped, &SyntaxError{i + 1, fmt.Sprintf("invalid escape character %s in string", DescribeByte(b[i+1]))}
			}
		case c < 0x20:
			return i, escaped, &SyntaxError{i, fmt.Sprintf("invalid control character %s in string", DescribeByte(c))}
		default: // non-ASCII: accepted as is, but flagged when it is not valid UTF-8
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				escaped = true
			}
			i += n
		}
	}
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainRun returns the index of the first byte at or after i that is a
// quote, a backslash, a control character or non-ASCII, or len(b). Strings
// are most of an event's bytes: it looks at eight bytes at a time, and
// goes straight to the first that needs a closer look. It reads a literal
// being scanned (bytes) or unquoted (a string) alike.
func plainRun[T ~string | ~[]byte](b T, i int) int {
	for ; i+8 <= len(b); i += 8 {
		if m := lookMask(load64(b, i)); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for i < len(b) && strSafe[b[i]] {
		i++
	}
	return i
}

// load64 reads the eight bytes at b[i] as a little-endian word, as
// binary.LittleEndian.Uint64 does for a byte slice (the compiler makes it
// one load).
func load64[T ~string | ~[]byte](b T, i int) uint64 {
	b = b[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// lookMask finds the first of the eight bytes of x (in memory order) that
// is a quote, a backslash, a control character or non-ASCII: the lowest
// bit it sets is that byte's high bit, and it is zero when there is none
// (SWAR). For an ASCII byte b, b^'"' - 1 and b^'\\' - 1 set the high bit
// only when b is that character, and b - 0x20 only when b is a control
// character; for a non-ASCII one, b - 0x20 sets it from 0xa0 on and
// b^'"' - 1 below. A subtraction borrows from the next byte only out of
// a byte it flags, so the bytes after the first may be flagged wrongly,
// but never the ones before it.
func lookMask(x uint64) uint64 {
	q := x ^ (ones * '"')
	s := x ^ (ones * '\\')
	return ((q - ones) | (s - ones) | (x - ones*0x20)) & highs
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Number scans the number literal starting at b[i]. integral reports whether
// its value is a whole number (1, 1.0, 1e3, 150e-1; not 1.5), exactly, with no
// floating point rounding, as JSON Schema's "integer" requires.
func Number(b []byte, i int) (end int, integral bool, err *SyntaxError) {
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i >= len(b) {
		return i, false, &SyntaxError{i, "unexpected end of input in number"}
	}
	// Track the significant digits to decide integrality: value is
	// digits × 10^(exp − fracLen); trailing zeros of digits raise the power.
	nonZero := false // any non-zero digit seen
	trailingZeros := 0
	switch {
	case b[i] == '0':
		i++
	case b[i] >= '1' && b[i] <= '9':
		for i < len(b) && isDigit(b[i]) {
			if b[i] == '0' {
				trailingZeros++
			} else {
				nonZero, trailingZeros = true, 0
			}
			i++
		}
	default:
		return i, false, &SyntaxError{i, fmt.Sprintf("invalid character %s in number", DescribeByte(b[i]))}
	}
	fracLen := 0
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || !isDigit(b[i]) {
			return i, false, numEnd(b, i, "after decimal point in number")
		}
		for i < len(b) && isDigit(b[i]) {
			if b[i] == '0' {
				trailingZeros++
			} else {
				nonZero, trailingZeros = true, 0
			}
			fracLen++
			i++
		}
	}
	exp := 0
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		neg := false
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			neg = b[i] == '-'
			i++
		}
		if i >= len(b) || !isDigit(b[i]) {
			return i, false, numEnd(b, i, "in exponent of number")
		}
		for i < len(b) && isDigit(b[i]) {
			if exp < 1<<30 { // saturate: beyond this the answer no longer changes
				exp = exp*10 + int(b[i]-'0')
			}
			i++
		}
		if neg {
			exp = -exp
		}
	}
	return i, !nonZero || exp-fracLen+trailingZeros >= 0, nil
}

func numEnd(b []byte, i int, where string) *SyntaxError {
	if i >= len(b) {
		return &SyntaxError{i, "unexpected end of input " + where}
	}
	return &SyntaxError{i, fmt.Sprintf("invalid character %s %s", DescribeByte(b[i]), where)}
}

// Literal scans true, false or null at b[i].
func Literal(b []byte, i int) (end int, err *SyntaxError) {
	var want string
	switch b[i] {
	case 't':
		want = "true"
	case 'f':
		want = "false"
	default:
		want = "null"
	}
	for k := 0; k < len(want); k++ {
		if i+k >= len(b) {
			return i + k, &SyntaxError{i + k, "unexpected end of input in literal " + want}
		}
		if b[i+k] != want[k] {
			return i + k, &SyntaxError{i + k, fmt.Sprintf("invalid character %s in literal %s", DescribeByte(b[i+k]), want)}
		}
	}
	return i + len(want), nil
}

// Skip scans the whole value starting at b[i] (after any whitespace) and
// returns the index just past it. depth is the nesting depth of the value's
// container, so that a value inside a deep document still counts towards
// MaxDepth. Skip is iterative: hostile nesting cannot exhaust the stack.
func Skip(b []byte, i int, depth int) (end int, err *SyntaxError) {
	i = SkipSpace(b, i)
	// Most values skipped are strings and numbers: scanned here, without
	// setting up skipNested's stack of containers.
	if i < len(b) {
		switch c := b[i]; {
		case c == '"':
			end, _, err = String(b, i)
			return end, err
		case c == '-' || isDigit(c):
			end, _, err = Number(b, i)
			return end, err
		}
	}
	return skipNested(b, i, depth)
}

// skipNested does Skip's work for a value at b[i] that may be an array or
// an object, or invalid.
func skipNested(b []byte, i int, depth int) (end int, err *SyntaxError) {
	// stack holds one byte per open container: '{' or '['.
	var stackBuf [64]byte
	stack := stackBuf[:0]
	for {
		// Expect a value at b[i].
		if i >= len(b) {
			return i, &SyntaxError{i, "unexpected end of input"}
		}
		switch c := b[i]; c {
		case '{', '[':
			if depth+len(stack)+1 > MaxDepth {
				return i, &SyntaxError{i, fmt.Sprintf("exceeded max nesting depth of %d", MaxDepth)}
			}
			stack = append(stack, c)
			i = SkipSpace(b, i+1)
			if i < len(b) && (c == '{' && b[i] == '}' || c == '[' && b[i] == ']') {
				stack = stack[:len(stack)-1]
				i++
				goto after
			}
			if c == '{' {
				if i, err = key(b, i); err != nil {
					return i, err
				}
			}
			continue
		case '"':
			if i, _, err = String(b, i); err != nil {
				return i, err
			}
		case 't', 'f', 'n':
			if i, err = Literal(b, i); err != nil {
				return i, err
			}
		default:
			if c == '-' || isDigit(c) {
				if i, _, err = Number(b, i); err != nil {
					return i, err
				}
			} else {
				return i, &SyntaxError{i, fmt.Sprintf("invalid character %s looking for beginning of value", DescribeByte(c))}
			}
		}
	after:
		// A value ended: close containers or move to the next element.
		for {
			if len(stack) == 0 {
				return i, nil
			}
			i = SkipSpace(b, i)
			if i >= len(b) {
				return i, &SyntaxError{i, "unexpected end of input"}
			}
			top := stack[len(stack)-1]
			c := b[i]
			if c == ',' {
				i = SkipSpace(b, i+1)
				if top == '{' {
					if i, err = key(b, i); err != nil {
						return i, err
					}
				}
				break
			}
			if top == '{' && c == '}' || top == '[' && c == ']' {
				stack = stack[:len(stack)-1]
				i++
				continue
			}
			if top == '{' {
				return i, &SyntaxError{i, fmt.Sprintf("invalid character %s after object value (expecting ',' or '}')", DescribeByte(c))}
			}
			return i, &SyntaxError{i, fmt.Sprintf("invalid character %s after array element (expecting ',' or ']')", DescribeByte(c))}
		}
	}
}

// key scans an object key and its colon at b[i], returning the index of the
// value that follows.
func key(b []byte, i int) (int, *SyntaxError) {
	end, err := Key(b, i)
	if err != nil {
		return end, err
	}
	return SkipSpace(b, end), nil
}

// Key scans `"name" :` at b[i] and returns the index just past the colon.
func Key(b []byte, i int) (int, *SyntaxError) {
	_, colon, _, err := KeyString(b, i)
	return colon, err
}

// KeyString scans `"name" :` at b[i], as Key does, and also returns the
// index just past the key's closing quote and whether the key holds escapes
// or invalid UTF-8, as String does: a decoder reads the key without
// scanning it twice. On error, colon is the error's offset.
func KeyString(b []byte, i int) (strEnd, colon int, escaped bool, err *SyntaxError) {
	if i >= len(b) {
		return i, i, false, &SyntaxError{i, "unexpected end of input (expecting object key)"}
	}
	if b[i] != '"' {
		return i, i, false, &SyntaxError{i, fmt.Sprintf("invalid character %s looking for beginning of object key string", DescribeByte(b[i]))}
	}
	strEnd, escaped, err = String(b, i)
	if err != nil {
		return strEnd, strEnd, escaped, err
	}
	end := SkipSpace(b, strEnd)
	if end >= len(b) {
		return strEnd, end, escaped, &SyntaxError{end, "unexpected end of input (expecting ':')"}
	}
	if b[end] != ':' {
		return strEnd, end, escaped, &SyntaxError{end, fmt.Sprintf("invalid character %s after object key (expecting ':')", DescribeByte(b[end]))}
	}
	return strEnd, end + 1, escaped, nil
}

// DescribeByte names a byte for an error message without printing it raw: the
// byte may be a control character from hostile input.
func DescribeByte(c byte) string {
	switch {
	case c == '\'':
		return `'\''`
	case c >= 0x20 && c < 0x7f:
		return "'" + string(rune(c)) + "'"
	default:
		return fmt.Sprintf("'\\x%02x'", c)
	}
}

// Int returns the value of a number literal that JSON Schema calls an
// integer (1, -7, 1.0, 1e3, 150e-1), when it fits an int64.
func Int(lit []byte) (int64, bool) {
	end, integral, err := Number(lit, 0)
	if err != nil || end != len(lit) || !integral {
		return 0, false
	}
	if n, err := strconv.ParseInt(string(lit), 10, 64); err == nil {
		return n, true // the usual case: plain digits
	}
	if len(lit) > 400 { // no int64 has that many digits or zeros
		return 0, false
	}
	var r big.Rat
	if _, ok := r.SetString(string(lit)); !ok || !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}
	return r.Num().Int64(), true
}

// Member returns the bytes of the value found by following keys down from
// the object at data[i], or nil when there is none or the path crosses
// something that is not an object. Keys follow csmctl's one rule, jq's: a
// key names a member when its text, unescaped, is the name byte for byte
// (KeyIs), and of repeated keys the last wins, at every level of the path.
//
// It reads no further than it must: once a key matched, the rest of the
// input is only searched for another spelling of it, so finding agent.os,
// agent being first in an event, costs a few keys and one search. Bytes
// past the answer are not checked for syntax.
func Member(data []byte, i int, keys ...string) []byte {
	return member(data, i, false, keys)
}

// FirstMember is Member with the first of repeated keys at each level
// instead of the last: not the key rule, but a guess that reads only as far
// as the first match, for a caller that checks it against the last one
// later in a scan of its own (validate chooses the schema by agent.os this
// way, and its validator reports the last agent.os as it goes).
func FirstMember(data []byte, i int, keys ...string) []byte {
	return member(data, i, true, keys)
}

func member(data []byte, i int, first bool, keys []string) []byte {
	if len(keys) == 0 {
		return nil
	}
	v, end := findMember(data, i, keys[0], first)
	if v < 0 {
		return nil
	}
	if len(keys) > 1 {
		// Within the value: a duplicate is looked for up to its end only.
		return member(data[:end], v, first, keys[1:])
	}
	return data[v:end]
}

// findMember returns the bounds of the value of the last member named key
// of the object at data[i] (the first one, if first is set), or -1, -1
// when there is none or the object is not well formed up to where it was
// read.
func findMember(data []byte, i int, key string, first bool) (start, end int) {
	i = SkipSpace(data, i)
	if i >= len(data) || data[i] != '{' {
		return -1, -1
	}
	start, end = -1, -1
	i = SkipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return -1, -1
	}
	for i < len(data) && data[i] == '"' {
		kend, escaped, err := String(data, i)
		if err != nil {
			return -1, -1
		}
		match := KeyIs(data[i:kend], escaped, key)
		v := SkipSpace(data, kend)
		if v >= len(data) || data[v] != ':' {
			return -1, -1
		}
		v = SkipSpace(data, v+1)
		vend, err := Skip(data, v, 1)
		if err != nil {
			return -1, -1
		}
		if match {
			start, end = v, vend
			if first || !mayRepeat(data[vend:], key) {
				return start, end
			}
		}
		i = SkipSpace(data, vend)
		switch {
		case i < len(data) && data[i] == ',':
			i = SkipSpace(data, i+1)
		case i < len(data) && data[i] == '}':
			return start, end
		default:
			return -1, -1
		}
	}
	return -1, -1
}

// KeyIs reports whether the object key literal lit (quotes included, and
// escaped as String reported it) names key: its text, unescaped as
// encoding/json and jq read it, is key byte for byte. "PROCESS" is not
// "process" (encoding/json would fold case), "d\u0061te" is "date".
func KeyIs(lit []byte, escaped bool, key string) bool {
	if escaped {
		return Unquote(lit) == key
	}
	return string(lit[1:len(lit)-1]) == key
}

// mayRepeat reports whether rest, the bytes after a member named key, may
// hold another member of that name: they spell "key" literally, quotes
// included, or hold a \u escape of one of its characters (\u0064 for d),
// all of them ASCII. A name with a character that another escape also
// spells (the quote, the backslash, the slash, a control character) or
// that invalid UTF-8 could stand for (anything not ASCII), or the empty
// name, always may.
func mayRepeat(rest []byte, key string) bool {
	if key == "" {
		return true
	}
	for k := 0; k < len(key); k++ {
		if c := key[k]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '/' {
			return true
		}
	}
	// Windows paths hold many \\u (C:\\Users): only \u00 and two hex
	// digits can spell an ASCII character.
	for esc := rest; ; {
		k := bytes.Index(esc, []byte(`\u00`))
		if k < 0 || k+6 > len(esc) {
			break
		}
		hi, ok1 := hexValue(esc[k+4])
		lo, ok2 := hexValue(esc[k+5])
		if ok1 && ok2 && strings.IndexByte(key, hi<<4|lo) >= 0 {
			return true
		}
		esc = esc[k+4:]
	}
	var buf [64]byte
	quoted := append(append(append(buf[:0], '"'), key...), '"')
	return bytes.Contains(rest, quoted)
}

// hexValue is the value of the hex digit c.
func hexValue(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
