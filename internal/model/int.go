package model

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"

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
// Int is comparable: two Ints are == when they are in the same state with
// the same value (for ill-typed ones, the same JSON text).
type Int struct {
	n   int64
	raw string // JSON text of an ill-typed value; "" otherwise
	ok  bool   // n is the value
}

// IntOf returns the integer n.
func IntOf(n int64) Int { return Int{n: n, ok: true} }

// IllTypedInt returns the ill-typed value whose JSON text is raw, which
// must not be empty.
func IllTypedInt(raw string) Int { return Int{raw: raw} }

// ParseInt reads one JSON value, as written, into an Int; the empty text is
// absent. data must be valid JSON.
func ParseInt(data []byte) Int {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return Int{}
	}
	if n, ok := jsonscan.Int(data); ok {
		return IntOf(n)
	}
	return IllTypedInt(string(data))
}

// Int64 returns the value and true for an integer; 0 and false for an
// absent or ill-typed value.
func (i Int) Int64() (int64, bool) { return i.n, i.ok }

// Present reports whether the key was there, well- or ill-typed.
func (i Int) Present() bool { return i.ok || i.raw != "" }

// IllTyped reports whether the value is not an integer that fits an int64.
func (i Int) IllTyped() bool { return i.raw != "" }

// IsZero reports whether the value is absent, for omitzero. An integer 0 is
// not zero in this sense.
func (i Int) IsZero() bool { return !i.Present() }

// Raw returns the JSON text of an ill-typed value as written (whitespace
// and escapes included, so it may hold anything a JSON value holds), or ""
// for an integer or an absent value.
func (i Int) Raw() string { return i.raw }

// Is reports whether the value is the integer n. An ill-typed value is no
// integer, whatever its text: "123" is not 123.
func (i Int) Is(n int64) bool { return i.ok && i.n == n }

// Compare orders Ints: absent first, then integers by value, then ill-typed
// values by their text.
func (i Int) Compare(j Int) int {
	rank := func(x Int) int {
		switch {
		case x.ok:
			return 1
		case x.raw != "":
			return 2
		}
		return 0
	}
	switch ri, rj := rank(i), rank(j); {
	case ri != rj:
		return ri - rj
	case i.n < j.n:
		return -1
	case i.n > j.n:
		return 1
	case i.raw < j.raw:
		return -1
	case i.raw > j.raw:
		return 1
	}
	return 0
}

// String is the integer in decimal, the JSON text of an ill-typed value, or
// "" when absent.
func (i Int) String() string {
	if i.ok {
		return strconv.FormatInt(i.n, 10)
	}
	return i.raw
}

// UnmarshalJSON reads data as ParseInt does. For an ill-typed value it
// still stores it, and then returns a *json.UnmarshalTypeError, so that
// Decode's fast path hands the event to its lenient path, which lists the
// value among the object's ill-typed properties too.
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
	case i.ok:
		return strconv.AppendInt(nil, i.n, 10), nil
	case i.raw != "":
		return []byte(i.raw), nil
	}
	return []byte("null"), nil
}
