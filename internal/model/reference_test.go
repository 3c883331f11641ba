package model

// The decoder Decode replaced: encoding/json's strict struct decoding as the
// fast path, checked by knownKeys, with referenceObject's field-by-field
// lenient path behind it. It is the reference of the differential tests
// (differential_test.go): Decode must return exactly what it returns.

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// referenceDecode is Decode by the reference decoder.
func referenceDecode(data []byte) (*Event, error) {
	e := new(Event)
	if err := e.referenceDecode(data); err != nil {
		return nil, err
	}
	return e, nil
}

// eventFields is Event without its methods, so that decoding into it uses
// encoding/json's own struct decoding instead of recursing into decode.
type eventFields Event

// referenceDecode tries a strict decode first, which was the fast path for
// the events that match the schema, and falls back to the lenient,
// field-by-field referenceObject only when that meets a type mismatch or an
// unknown key.
func (e *Event) referenceDecode(data []byte) error {
	*e = Event{}
	if start := bytes.TrimLeft(data, " \t\r\n"); len(start) == 0 || start[0] != '{' {
		if json.Valid(data) {
			return ErrNotObject
		}
		return json.Unmarshal(data, new(json.RawMessage)) // the syntax error
	}
	err := json.Unmarshal(data, (*eventFields)(e))
	if err == nil {
		if _, ok := knownKeys(data, 0, eventObject.Get()); ok {
			return nil
		}
	} else if !errors.As(err, new(*json.UnmarshalTypeError)) {
		return err // a syntax error: nothing to be lenient about
	}
	*e = Event{}
	return referenceObject(data, reflect.ValueOf(e).Elem(), eventObject.Get())
}

var errNotObject = errors.New("not a JSON object")

var (
	intType  = reflect.TypeFor[Int]()
	timeType = reflect.TypeFor[Time]()
)

// referenceObject is the reference decoder's slow path. It decodes the JSON object data into
// v, a value of the schema object type that of describes, one property at a
// time: a property v has no field for, or whose value does not fit its
// field, goes into v's Extra. Nested schema objects are decoded the same
// way, so a bad value only ever spills into the Extra of the object that
// holds it. data must be valid JSON; referenceObject fails only if it is not an
// object (null leaves v as it is).
func referenceObject(data []byte, v reflect.Value, of *objectFields) error {
	if string(data) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return errNotObject
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		if f := of.field(key); f != nil && decodeValue(raw, v.FieldByIndex(f.index), *f) {
			continue
		}
		extra := v.FieldByIndex(of.extra)
		if extra.IsNil() {
			extra.Set(reflect.MakeMap(rawMapType))
		}
		extra.SetMapIndex(reflect.ValueOf(key), reflect.ValueOf(raw))
	}
	return nil
}

// decodeValue decodes raw into fv, the field for property f, and reports
// whether it fit. A field that does not fit is left zero, but for an Int,
// which keeps an ill-typed value as written. Schema objects are
// decoded by referenceObject, everything else by encoding/json. The field is
// cleared first, so the last of repeated keys wins.
func decodeValue(raw json.RawMessage, fv reflect.Value, f objectField) bool {
	fv.SetZero()
	switch {
	case f.elem != nil && !f.slice:
		if string(raw) == "null" {
			return true
		}
		p := reflect.New(fv.Type().Elem())
		if referenceObject(raw, p.Elem(), f.elem) != nil {
			return false
		}
		fv.Set(p)
		return true
	case f.elem != nil:
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return false
		}
		if items == nil { // null
			return true
		}
		// An item that is not an object is a zero one, as null is, and
		// makes the array not fit; the others are kept.
		s := reflect.MakeSlice(fv.Type(), len(items), len(items))
		fits := true
		for i, item := range items {
			if referenceObject(item, s.Index(i), f.elem) != nil {
				s.Index(i).SetZero()
				fits = false
			}
		}
		fv.Set(s)
		return fits
	}
	if fv.Type() == intType {
		// An ill-typed integer is kept in its field too, as written, so
		// that it is never mistaken for an absent one or for 0.
		n := ParseInt(raw)
		fv.Set(reflect.ValueOf(n))
		return !n.IllTyped()
	}
	if fv.Type() == timeType {
		// A date-time that is not a string is kept too, as an Int is.
		return fv.Addr().Interface().(*Time).UnmarshalJSON(raw) == nil
	}
	if json.Unmarshal(raw, fv.Addr().Interface()) != nil {
		fv.SetZero() // encoding/json may have filled part of it
		return false
	}
	return true
}

// knownKeys reports whether every key of the JSON object starting at b[i],
// and of the schema objects nested in it, names a field of of, once: for a
// repeated key encoding/json would merge the two values where jq and the
// validator keep the last, so the slow path, which does, takes over. It is how
// the reference decoder's fast path finds unknown properties without encoding/json's
// Decoder, which would copy the event into a buffer of its own. b must be
// valid JSON, and the value at b[i] an object or null. end is the index
// just past the value.
func knownKeys(b []byte, i int, of *objectFields) (end int, ok bool) {
	i = jsonscan.SkipSpace(b, i)
	if b[i] != '{' { // null
		end, err := jsonscan.Skip(b, i, 0)
		return end, err == nil
	}
	i = jsonscan.SkipSpace(b, i+1)
	if b[i] == '}' {
		return i + 1, true
	}
	var seen uint64 // fields met, by pos
	for {
		keyEnd, escaped, err := jsonscan.String(b, i)
		if err != nil {
			return i, false
		}
		name := string(b[i+1 : keyEnd-1]) // does not escape: no copy for short keys
		if escaped {
			name = jsonscan.Unquote(b[i:keyEnd])
		}
		pos, known := of.byKey[name]
		if !known || pos >= 64 || seen&(1<<pos) != 0 {
			return i, false
		}
		seen |= 1 << pos
		f := of.fields[pos]
		if i, err = jsonscan.Key(b, i); err != nil {
			return i, false
		}
		switch {
		case f.elem != nil && !f.slice:
			i, ok = knownKeys(b, i, f.elem)
		case f.elem != nil:
			i, ok = knownKeysOfItems(b, i, f.elem)
		default:
			i, err = jsonscan.Skip(b, i, 0)
			ok = err == nil
		}
		if !ok {
			return i, false
		}
		i = jsonscan.SkipSpace(b, i)
		if b[i] == '}' {
			return i + 1, true
		}
		i = jsonscan.SkipSpace(b, i+1) // past ','
	}
}

// knownKeysOfItems is knownKeys for a JSON array of objects (or null).
func knownKeysOfItems(b []byte, i int, of *objectFields) (end int, ok bool) {
	i = jsonscan.SkipSpace(b, i)
	if b[i] != '[' { // null
		end, err := jsonscan.Skip(b, i, 0)
		return end, err == nil
	}
	i = jsonscan.SkipSpace(b, i+1)
	if b[i] == ']' {
		return i + 1, true
	}
	for {
		if i, ok = knownKeys(b, i, of); !ok {
			return i, false
		}
		i = jsonscan.SkipSpace(b, i)
		if b[i] == ']' {
			return i + 1, true
		}
		i++ // past ','
	}
}
