package model

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/rfc3339"
)

// Time is a schema date-time (date, exec_time, exit_time, created_at).
//
// The embedded time.Time keeps the event's own UTC offset. Time also keeps
// the JSON text it was read from, for two reasons: re-encoding reproduces the
// value byte for byte, and a value that is not an RFC 3339 string (events
// that fail validation are still shown) is carried as text, with a zero
// time, instead of failing the whole event; one that is not even a string
// is also listed among the event's other fields.
//
// Fields of this type use the omitzero option, because omitempty has no
// effect on structs. Assigning to the embedded Time of a decoded value does
// not change its encoding: assign a new Time{Time: t} instead.
type Time struct {
	time.Time
	raw     string // JSON text as read; empty when absent or built in Go
	invalid bool   // raw is not an RFC 3339 date-time string
}

// IsZero reports whether the value is absent: neither read from the event
// nor set in Go. An invalid value is not zero; see Valid.
func (t Time) IsZero() bool { return t.raw == "" && t.Time.IsZero() }

// Valid reports whether the value is present and is an RFC 3339 date-time.
func (t Time) Valid() bool { return !t.invalid && !t.IsZero() }

// Raw returns the JSON text the value was read from, quotes included (for
// example `"2025-13-45 25:61:00"` or `{}`), or "" if it was not read from
// JSON.
func (t Time) Raw() string { return t.raw }

// UnmarshalJSON keeps data, one JSON value as encoding/json passes it, as
// the raw text, and parses it if it is an RFC 3339 string. Like encoding/json's
// own types, it leaves the value as it is for null. For a value that is not
// a string it still stores it, and then returns a *json.UnmarshalTypeError,
// as Int does, so that encoding/json reports the mismatch as for any other
// ill-typed field. (Decode does not use it.)
func (t *Time) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	t.read(string(data), data)
	if data[0] != '"' {
		return &json.UnmarshalTypeError{Value: "non-string", Type: reflect.TypeFor[Time]()}
	}
	return nil
}

// read sets t to the value whose JSON text, not null, is raw, and data.
func (t *Time) read(raw string, data []byte) {
	*t = Time{raw: raw}
	s, ok := jsonString(data)
	if ok {
		t.Time, ok = parseDateTime(s)
	}
	t.invalid = !ok
}

// MarshalJSON writes the text the value was read from, or RFC 3339 with
// nanoseconds for a value built in Go, or null when absent.
func (t Time) MarshalJSON() ([]byte, error) {
	switch {
	case t.raw != "":
		return []byte(t.raw), nil
	case t.Time.IsZero():
		return []byte("null"), nil
	}
	return t.Time.MarshalJSON()
}

// jsonString returns the content of a JSON string literal, or false if data
// is not one. Literals without escapes, which is all of them in practice,
// are sliced without decoding.
func jsonString(data []byte) ([]byte, bool) {
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return nil, false
	}
	if bytes.IndexByte(data, '\\') < 0 {
		return data[1 : len(data)-1], true
	}
	return []byte(jsonscan.Unquote(data)), true
}

// parseDateTime parses an RFC 3339 date-time in the value's own offset, by
// the same rules as the schema validator.
func parseDateTime(s []byte) (time.Time, bool) {
	t, err := rfc3339.Parse(s)
	return t, err == nil
}

// Written returns a valid value as the event wrote it: the string's text,
// offset and fractional digits as they were (…00.1334550Z stays so), or RFC
// 3339 with nanoseconds when that text had escapes or the value was built
// in Go. It is meant for valid values; an invalid one gives its zero time.
func (t Time) Written() string {
	if raw := t.raw; len(raw) >= 2 && raw[0] == '"' && strings.IndexByte(raw, '\\') < 0 {
		return raw[1 : len(raw)-1]
	}
	return t.Time.Format(time.RFC3339Nano)
}
