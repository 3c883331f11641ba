package model

import (
	"bytes"
	"cmp"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// Int is a schema integer (pid, ppid, exit code) as the event wrote it, in
// one of three states that must never be confused:
//   - absent: the key was missing (the zero Int);
//   - an integer that fits an int64: 1, 1.0 and 1e3 are integers, as the
//     schema reads them;
//   - ill-typed: anything else ("10420", 1.5, 1e999, 2^63, null, {}), kept as
//     its JSON text, so that it is shown as written instead of as an
//     invented 0.
//
// Int is 16 bytes, as lineage keeps two in each of millions of processes,
// and so it is not comparable with ==, which would compare the text's
// address: Equal compares the values.
type Int struct {
	_ [0]func() // not comparable: use Equal
	n int64
	// text is nil when absent, integerMark for an integer (n), else the
	// JSON text of an ill-typed value.
	text *string
}

// integerMark marks an Int that holds an integer: the address of a
// variable no Int's text is.
var (
	integerMarkTarget string
	integerMark       = &integerMarkTarget
)

// IntOf returns the integer n.
func IntOf(n int64) Int { return Int{n: n, text: integerMark} }

// IllTypedInt returns the ill-typed value whose JSON text is raw, which
// must not be empty.
func IllTypedInt(raw string) Int { return Int{text: &raw} }

// ParseInt reads one JSON value, as written, into an Int; the empty text is
// absent. data must be valid JSON.
func ParseInt(data []byte) Int {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return Int{}
	}
	if n, ok := digits(data); ok {
		return IntOf(n) // nearly every pid: no second scan
	}
	if n, ok := jsonscan.Int(data); ok {
		return IntOf(n)
	}
	return IllTypedInt(string(data))
}

// digits reads a number literal of at most 18 digits and an optional minus
// sign, which always fits an int64: the pids of nearly every event, read
// without jsonscan.Int's second scan.
func digits(lit []byte) (int64, bool) {
	neg := len(lit) > 0 && lit[0] == '-'
	if neg {
		lit = lit[1:]
	}
	if len(lit) == 0 || len(lit) > 18 {
		return 0, false
	}
	var v int64
	for _, c := range lit {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// Int64 returns the value and true for an integer; 0 and false for an
// absent or ill-typed value.
func (i Int) Int64() (int64, bool) { return i.n, i.text == integerMark }

// Present reports whether the key was there, well- or ill-typed.
func (i Int) Present() bool { return i.text != nil }

// IllTyped reports whether the value is not an integer that fits an int64.
func (i Int) IllTyped() bool { return i.text != nil && i.text != integerMark }

// IsZero reports whether the value is absent, for omitzero. An integer 0 is
// not zero in this sense.
func (i Int) IsZero() bool { return i.text == nil }

// Raw returns the JSON text of an ill-typed value as written (whitespace
// and escapes included, so it may hold anything a JSON value holds), or ""
// for an integer or an absent value.
func (i Int) Raw() string {
	if !i.IllTyped() {
		return ""
	}
	return *i.text
}

// Is reports whether the value is the integer n. An ill-typed value is no
// integer, whatever its text: "123" is not 123.
func (i Int) Is(n int64) bool { return i.text == integerMark && i.n == n }

// Equal reports whether i and j are in the same state with the same value;
// for ill-typed ones, the same JSON text.
func (i Int) Equal(j Int) bool { return i.Compare(j) == 0 }

// Compare orders Ints: absent first, then integers by value, then ill-typed
// values by their text.
func (i Int) Compare(j Int) int {
	rank := func(x Int) int {
		switch {
		case x.text == integerMark:
			return 1
		case x.text != nil:
			return 2
		}
		return 0
	}
	ri, rj := rank(i), rank(j)
	switch {
	case ri != rj:
		return ri - rj
	case ri == 1:
		return cmp.Compare(i.n, j.n)
	case ri == 2:
		return strings.Compare(*i.text, *j.text)
	}
	return 0
}

// String is the integer in decimal, the JSON text of an ill-typed value, or
// "" when absent.
func (i Int) String() string {
	if i.text == integerMark {
		return strconv.FormatInt(i.n, 10)
	}
	return i.Raw()
}

// UnmarshalJSON reads data as ParseInt does. For an ill-typed value it
// still stores it, and then returns a *json.UnmarshalTypeError, so that
// encoding/json, decoding a struct that holds it, reports the mismatch as
// for any other ill-typed field. (Decode does not use it.)
func (i *Int) UnmarshalJSON(data []byte) error {
	*i = ParseInt(data)
	if i.IllTyped() {
		return &json.UnmarshalTypeError{Value: "non-integer", Type: reflect.TypeFor[Int]()}
	}
	return nil
}

// MarshalJSON writes an integer in decimal, an ill-typed value as it was
// written, and null when absent.
func (i Int) MarshalJSON() ([]byte, error) {
	switch {
	case i.text == integerMark:
		return strconv.AppendInt(nil, i.n, 10), nil
	case i.text != nil:
		return []byte(*i.text), nil
	}
	return []byte("null"), nil
}
