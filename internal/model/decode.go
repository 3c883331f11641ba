package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
)

// ErrNotObject is returned by Decode for valid JSON that is not an object.
var ErrNotObject = errors.New("event is not a JSON object")

// Decode decodes one event. It fails only when data is not one JSON object
// (a *json.SyntaxError, or ErrNotObject); anything else the schema would
// reject still yields an Event:
//   - an unknown key goes, raw, into the Extra map of the object holding it;
//   - a known key whose value has the wrong JSON type (a "pid" of "123", an
//     "async" of "true") goes, raw, into that object's Extra under its own
//     key; its field is left zero, but for an Int, which keeps it as an
//     ill-typed value; the object's other fields are kept;
//   - a timestamp that is not RFC 3339 is kept as text in its Time.
//
// Keys match fields exactly, as in the schema and jq (not with
// encoding/json's case folding): "PROCESS" is an unknown property.
// Of a repeated key, the last occurrence wins (on a valid event,
// encoding/json merges repeated objects).
// The Event does not refer to data, which may be reused afterwards.
func Decode(data []byte) (*Event, error) {
	e := new(Event)
	if err := e.decode(data); err != nil {
		return nil, err
	}
	return e, nil
}

// UnmarshalJSON decodes as Decode does, so json.Unmarshal into an Event is
// lenient too. Like encoding/json itself, it treats null as "no change".
func (e *Event) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	return e.decode(data)
}

// eventFields is Event without its methods, so that decoding into it uses
// encoding/json's own struct decoding instead of recursing into decode.
type eventFields Event

// decode tries a strict decode first, which is the fast path for the events
// that match the schema, and falls back to the lenient, field-by-field
// decodeObject only when that meets a type mismatch or an unknown key.
func (e *Event) decode(data []byte) error {
	*e = Event{}
	if start := bytes.TrimLeft(data, " \t\r\n"); len(start) == 0 || start[0] != '{' {
		if json.Valid(data) {
			return ErrNotObject
		}
		return json.Unmarshal(data, new(json.RawMessage)) // the syntax error
	}
	err := json.Unmarshal(data, (*eventFields)(e))
	if err == nil {
		if _, ok := knownKeys(data, 0, eventObject); ok {
			return nil
		}
	} else if !errors.As(err, new(*json.UnmarshalTypeError)) {
		return err // a syntax error: nothing to be lenient about
	}
	*e = Event{}
	return decodeObject(data, reflect.ValueOf(e).Elem(), eventObject)
}
