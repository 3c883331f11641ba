package model

import (
	"encoding/json"
	"reflect"
)

// Bool is a schema boolean that keeps whether the event wrote it, as Int
// and Time do: a written false is a value to show ("nothing is hidden"),
// not the absence of one. The zero Bool is absent; null reads as absent.
type Bool struct {
	value   bool
	present bool
}

// BoolOf returns the present Bool v.
func BoolOf(v bool) Bool { return Bool{value: v, present: true} }

// True reports whether the value is present and true.
func (b Bool) True() bool { return b.present && b.value }

// Present reports whether the event wrote the value, true or false.
func (b Bool) Present() bool { return b.present }

// IsZero reports whether the value is absent, for the omitzero option.
func (b Bool) IsZero() bool { return !b.present }

// String is "true" or "false", or "" when absent.
func (b Bool) String() string {
	if !b.present {
		return ""
	}
	if b.value {
		return "true"
	}
	return "false"
}

// MarshalJSON writes true or false, or null when absent.
func (b Bool) MarshalJSON() ([]byte, error) {
	if !b.present {
		return []byte("null"), nil
	}
	return []byte(b.String()), nil
}

// UnmarshalJSON reads true or false; null leaves the value as it is, as
// encoding/json's own types do. Any other value is a
// *json.UnmarshalTypeError, and leaves the value absent. (Decode does not
// use it.)
func (b *Bool) UnmarshalJSON(data []byte) error {
	switch string(data) {
	case "null":
		return nil
	case "true", "false":
		*b = BoolOf(data[0] == 't')
		return nil
	}
	*b = Bool{}
	return &json.UnmarshalTypeError{Value: "non-boolean", Type: reflect.TypeFor[Bool]()}
}
