package model

import (
	"errors"
	"reflect"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// ErrNotObject is returned by Decode for valid JSON that is not an object.
var ErrNotObject = errors.New("event is not a JSON object")

// Decode decodes one event. It fails only when data is not one JSON object
// (a *jsonscan.SyntaxError, or ErrNotObject); anything else the schema
// would reject still yields an Event:
//   - an unknown key goes, raw, into the Extra map of the object holding it;
//   - a known key whose value has the wrong JSON type (a "pid" of "123", an
//     "async" of "true") goes, raw, into that object's Extra under its own
//     key; its field is left zero, but for an Int, which keeps it as an
//     ill-typed value; the object's other fields are kept;
//   - a timestamp that is not RFC 3339 is kept as text in its Time.
//
// Keys match fields exactly, as in the schema and jq (not with
// encoding/json's case folding): "PROCESS" is an unknown property.
// Of a repeated key, the last occurrence wins whole: its value replaces the
// field (an object is not merged into the earlier one); an Extra entry the
// earlier occurrence made stays. Strings decode as encoding/json decodes
// them: invalid UTF-8 becomes U+FFFD.
// The Event does not refer to data, which may be reused afterwards.
func Decode(data []byte) (*Event, error) {
	e := new(Event)
	if err := e.decode(&input{b: data}); err != nil {
		return nil, err
	}
	return e, nil
}

// DecodeValue decodes into e, as Decode does, the JSON value that starts
// at data[pos] (after any whitespace), and returns the offset just past
// it: it delimits the value as jsonscan.Skip does and decodes it in the
// same walk. A value that is not JSON gives Skip's *jsonscan.SyntaxError;
// one that is not an object, ErrNotObject.
//
// The decoded strings are cut from one copy of data[pos:]: for the first
// value of a record (pos 0) that is the record itself; a later value
// (records holding several) is delimited first and only its bytes copied,
// so that a record of many values is not copied once for each.
func DecodeValue(data []byte, pos int, e *Event) (int, error) {
	return decodeValueInto(data, pos, e, false)
}

// DecodeValueShared is DecodeValue, but the decoded strings without
// escapes share data's memory instead of a copy of it: e is valid only as
// long as data is unchanged. It is for a reader that is done with the
// event before the bytes it came from are reused (show prints each event
// and releases it within its batch), and spares a copy of every event.
func DecodeValueShared(data []byte, pos int, e *Event) (int, error) {
	return decodeValueInto(data, pos, e, true)
}

func decodeValueInto(data []byte, pos int, e *Event, shared bool) (int, error) {
	*e = Event{}
	if pos > 0 {
		end, err := jsonscan.Skip(data, pos, 0)
		if err != nil {
			return end, err
		}
		return end, e.decode(&input{b: data[pos:end], shared: shared})
	}
	i := jsonscan.SkipSpace(data, pos)
	if i < len(data) && data[i] == '{' {
		end, err := eventObject.Get().decodeObject(&input{b: data, shared: shared}, reflect.ValueOf(e).Elem(), i, 0)
		if err == nil {
			return end, nil
		}
		*e = Event{}
	}
	end, err := jsonscan.Skip(data, pos, 0)
	switch {
	case err != nil:
		return end, err
	case i < len(data) && data[i] == '{':
		return end, errMalformed // not reached: the walker and Skip agree on syntax
	}
	return end, ErrNotObject
}

// UnmarshalJSON decodes as Decode does, so json.Unmarshal into an Event is
// lenient too. Like encoding/json itself, it treats null as "no change".
func (e *Event) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	return e.decode(&input{b: data})
}

// decode walks data once, checking its syntax as it fills e through the
// eventObject tables.
func (e *Event) decode(in *input) error {
	*e = Event{}
	data := in.b
	i := jsonscan.SkipSpace(data, 0)
	if i < len(data) && data[i] == '{' {
		end, err := eventObject.Get().decodeObject(in, reflect.ValueOf(e).Elem(), i, 0)
		if err == nil && jsonscan.SkipSpace(data, end) == len(data) {
			return nil
		}
		*e = Event{}
		if err := syntaxError(data); err != nil {
			return err
		}
		return errMalformed // not reached: the walker and Skip agree on syntax
	}
	if err := syntaxError(data); err != nil {
		return err
	}
	return ErrNotObject
}

// syntaxError returns the first syntax error in data, which should hold
// one JSON value, or nil.
func syntaxError(data []byte) error {
	end, err := jsonscan.Skip(data, 0, 0)
	if err != nil {
		return err
	}
	if end = jsonscan.SkipSpace(data, end); end < len(data) {
		return &jsonscan.SyntaxError{Offset: end,
			Msg: "invalid character " + jsonscan.DescribeByte(data[end]) + " after top-level value"}
	}
	return nil
}
