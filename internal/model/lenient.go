package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
)

var errNotObject = errors.New("not a JSON object")

var intType = reflect.TypeFor[Int]()

// decodeObject is Decode's slow path. It decodes the JSON object data into
// v, a value of the schema object type that of describes, one property at a
// time: a property v has no field for, or whose value does not fit its
// field, goes into v's Extra. Nested schema objects are decoded the same
// way, so a bad value only ever spills into the Extra of the object that
// holds it. data must be valid JSON; decodeObject fails only if it is not an
// object (null leaves v as it is).
func decodeObject(data []byte, v reflect.Value, of *objectFields) error {
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
		if f, ok := of.lookup(key); ok && decodeValue(raw, v.FieldByIndex(f.index), f) {
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
// decoded by decodeObject, everything else by encoding/json. The field is
// cleared first, so the last of repeated keys wins.
func decodeValue(raw json.RawMessage, fv reflect.Value, f objectField) bool {
	fv.SetZero()
	switch {
	case f.elem != nil && !f.slice:
		if string(raw) == "null" {
			return true
		}
		p := reflect.New(fv.Type().Elem())
		if decodeObject(raw, p.Elem(), f.elem) != nil {
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
		s := reflect.MakeSlice(fv.Type(), len(items), len(items))
		for i, item := range items {
			if decodeObject(item, s.Index(i), f.elem) != nil {
				return false
			}
		}
		fv.Set(s)
		return true
	}
	if fv.Type() == intType {
		// An ill-typed integer is kept in its field too, as written, so
		// that it is never mistaken for an absent one or for 0.
		n := ParseInt(raw)
		fv.Set(reflect.ValueOf(n))
		return !n.IllTyped()
	}
	if json.Unmarshal(raw, fv.Addr().Interface()) != nil {
		fv.SetZero() // encoding/json may have filled part of it
		return false
	}
	return true
}
