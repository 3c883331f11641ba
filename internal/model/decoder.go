package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// valueDecoder decodes the JSON value at in.b[i] into fv, the field of one
// property, and returns the index just past the value. fits is false when
// the value has the wrong JSON type for the field: the field is then left
// zero (an Int keeps the value as ill-typed) and the caller puts the value
// in its object's Extra. Every valueDecoder writes its field whole, so that
// the last of repeated keys wins. depth is the number of arrays and
// objects that enclose the value. err is a syntax error in b.
type valueDecoder func(in *input, fv reflect.Value, i, depth int) (end int, fits bool, err *jsonscan.SyntaxError)

// errMalformed stands for a syntax error found by the object walker itself
// rather than by a jsonscan primitive; Decode words it by scanning the
// input again with jsonscan.Skip.
var errMalformed = &jsonscan.SyntaxError{Msg: "malformed JSON"}

// valueDecoderFor returns the decoder for a field of type t. elem describes
// the schema object t points to or holds the items of, if it does.
func valueDecoderFor(t reflect.Type, elem *objectFields) valueDecoder {
	switch {
	case elem != nil && t.Kind() == reflect.Pointer:
		return objectPointerDecoder(t.Elem(), elem)
	case elem != nil:
		return objectSliceDecoder(t, elem)
	case t == reflect.TypeFor[Int]():
		return decodeInt
	case t == reflect.TypeFor[Time]():
		return decodeTime
	case t.Kind() == reflect.String:
		return decodeString
	case t == reflect.TypeFor[Bool]():
		return decodeBool
	case t == reflect.TypeFor[Variables]():
		return decodeVariables
	case t == reflect.TypeFor[[]any]():
		return decodeArrayOfAny
	case t == reflect.TypeFor[[]string]():
		return decodeStrings
	case t == reflect.TypeFor[map[string]any]():
		return decodeOpenObject
	case t == reflect.TypeFor[map[string][]string]():
		return decodeStringLists
	case t == reflect.TypeFor[any]():
		return decodeAny
	}
	// A new field type needs its decoder here; failing when the tables are
	// built, at start-up, beats decoding it wrongly.
	panic(fmt.Sprintf("model: no decoder for fields of type %s", t))
}

// decodeObject decodes the JSON object at b[i] into v, a value of the
// schema object type of describes: a property v has no field for, or
// whose value does not fit its field, goes, raw, into v's Extra. b[i] must
// be '{'.
func (of *objectFields) decodeObject(in *input, v reflect.Value, i, depth int) (end int, err *jsonscan.SyntaxError) {
	of.ready()
	b := in.b
	if depth+1 > jsonscan.MaxDepth {
		return i, errMalformed
	}
	i = jsonscan.SkipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, nil
	}
	next := 0 // the field expected next
	for {
		if i >= len(b) || b[i] != '"' {
			return i, errMalformed
		}
		keyEnd, escaped, err := jsonscan.String(b, i)
		if err != nil {
			return keyEnd, err
		}
		colon := jsonscan.SkipSpace(b, keyEnd)
		if colon >= len(b) || b[colon] != ':' {
			return colon, errMalformed
		}
		start := jsonscan.SkipSpace(b, colon+1)
		if start >= len(b) {
			return start, errMalformed
		}
		var f *objectField
		var key string
		switch {
		case escaped:
			key = in.unquote(i, keyEnd)
			f = of.field(key)
		case next < len(of.fields) && of.fields[next].key == string(b[i+1:keyEnd-1]):
			// Events write the properties in the schema's order, mostly:
			// try the one after the last one found before hashing.
			f = &of.fields[next]
		default:
			f = of.field(string(b[i+1 : keyEnd-1])) // no copy for a lookup
		}
		if f != nil {
			next = f.pos + 1
		}
		fits := false
		if f != nil {
			end, fits, err = f.decode(in, v.FieldByIndex(f.index), start, depth+1)
		} else {
			end, err = jsonscan.Skip(b, start, depth+1)
		}
		if err != nil {
			return end, err
		}
		if !fits {
			if !escaped {
				key = in.str(i+1, keyEnd-1)
			}
			of.putExtra(v, key, b[start:end])
		}
		var more bool
		if i, more, err = jsonscan.AfterElement(b, end, '}'); err != nil || !more {
			return i, err
		}
	}
}

// putExtra stores a copy of raw under key in v's Extra.
func (of *objectFields) putExtra(v reflect.Value, key string, raw []byte) {
	extra := v.FieldByIndex(of.extra).Addr().Interface().(*map[string]json.RawMessage)
	if *extra == nil {
		*extra = map[string]json.RawMessage{}
	}
	(*extra)[key] = bytes.Clone(raw)
}

// skipMismatch skips the value at b[i], which does not fit its field.
func skipMismatch(b []byte, i, depth int) (int, bool, *jsonscan.SyntaxError) {
	end, err := jsonscan.Skip(b, i, depth)
	return end, false, err
}

// null scans the literal null at b[i] as a value that fits.
func null(b []byte, i int) (int, bool, *jsonscan.SyntaxError) {
	end, err := jsonscan.Literal(b, i)
	return end, true, err
}

// objectPointerDecoder decodes a schema object held through a pointer
// (null is a nil pointer).
func objectPointerDecoder(t reflect.Type, of *objectFields) valueDecoder {
	return func(in *input, fv reflect.Value, i, depth int) (int, bool, *jsonscan.SyntaxError) {
		b := in.b
		fv.SetZero()
		switch b[i] {
		case '{':
			p := of.object(t)
			end, err := of.decodeObject(in, p.Elem(), i, depth)
			fv.Set(p)
			return end, true, err
		case 'n':
			return null(b, i)
		}
		return skipMismatch(b, i, depth)
	}
}

// objectSliceDecoder decodes an array of schema objects, of slice type t
// (null is a nil slice, a null item a zero one). An item that is not an
// object or null is a zero item too, so that the others keep their
// indexes, and makes the array not fit: the array goes to Extra as
// written, and OtherFields lists that item alone.
func objectSliceDecoder(t reflect.Type, of *objectFields) valueDecoder {
	return func(in *input, fv reflect.Value, i, depth int) (int, bool, *jsonscan.SyntaxError) {
		b := in.b
		fv.SetZero()
		switch b[i] {
		case 'n':
			return null(b, i)
		case '[':
		default:
			return skipMismatch(b, i, depth)
		}
		if depth+1 > jsonscan.MaxDepth {
			return i, false, errMalformed
		}
		// The items are decoded in place, in fv itself: reflect.Append
		// would allocate a slice header for every item.
		fv.Set(of.list(t))
		i = jsonscan.SkipSpace(b, i+1)
		if i < len(b) && b[i] == ']' {
			return i + 1, true, nil
		}
		fits := true
		for more := true; more; {
			if i >= len(b) {
				fv.SetZero()
				return i, false, errMalformed
			}
			var end int
			var err *jsonscan.SyntaxError
			switch b[i] {
			case '{':
				end, err = of.decodeObject(in, appendZero(fv), i, depth+1)
			case 'n':
				appendZero(fv)
				end, err = jsonscan.Literal(b, i)
			default:
				appendZero(fv)
				end, err = jsonscan.Skip(b, i, depth+1)
				fits = false
			}
			if err == nil {
				i, more, err = jsonscan.AfterElement(b, end, ']')
			}
			if err != nil {
				fv.SetZero()
				return i, false, err
			}
		}
		return i, fits, nil
	}
}

// appendZero appends a zero item to the settable slice s and returns it.
func appendZero(s reflect.Value) reflect.Value {
	n := s.Len()
	if n == s.Cap() {
		s.Grow(1)
	}
	s.SetLen(n + 1)
	item := s.Index(n)
	item.SetZero() // the slice's spare room was never used, but say so
	return item
}

// decodeInt decodes a schema integer. Anything but an integer that fits an
// int64 is kept in the field too, as written, so that it is never mistaken
// for an absent value or for 0.
func decodeInt(in *input, fv reflect.Value, i, depth int) (int, bool, *jsonscan.SyntaxError) {
	b := in.b
	n := fv.Addr().Interface().(*Int)
	end, err := jsonscan.Skip(b, i, depth)
	if err != nil {
		return end, false, err
	}
	*n = ParseInt(b[i:end]) // an ill-typed text copied: it may outlive the event
	return end, !n.IllTyped(), nil
}

// decodeTime decodes a schema date-time; null is absent. Any other value is
// kept in the field (see Time.UnmarshalJSON), but only a string fits: a
// value of another JSON type goes to Extra too, as an ill-typed Int does,
// so that other fields lists it.
func decodeTime(in *input, fv reflect.Value, i, depth int) (int, bool, *jsonscan.SyntaxError) {
	b := in.b
	t := fv.Addr().Interface().(*Time)
	*t = Time{}
	end, err := jsonscan.Skip(b, i, depth)
	if err != nil {
		return end, false, err
	}
	if b[i] != 'n' { // null is absent
		t.read(in.str(i, end), b[i:end])
	}
	return end, b[i] == '"' || b[i] == 'n', nil
}

// decodeString decodes a string as encoding/json does: escapes resolved,
// invalid UTF-8 replaced by U+FFFD; null is "".
func decodeString(in *input, fv reflect.Value, i, depth int) (int, bool, *jsonscan.SyntaxError) {
	b := in.b
	switch b[i] {
	case '"':
		end, s, err := scanString(in, i)
		if err != nil {
			return end, false, err
		}
		fv.SetString(s)
		return end, true, nil
	case 'n':
		fv.SetString("")
		return null(b, i)
	}
	fv.SetString("")
	return skipMismatch(b, i, depth)
}

// scanString scans the string literal at b[i] and returns its text.
func scanString(in *input, i int) (end int, s string, err *jsonscan.SyntaxError) {
	b := in.b
	end, escaped, err := jsonscan.String(b, i)
	if err != nil {
		return end, "", err
	}
	if escaped {
		return end, in.unquote(i, end), nil
	}
	return end, in.str(i+1, end-1), nil
}

// decodeBool decodes a boolean, keeping that it was written; null is
// absent.
func decodeBool(in *input, fv reflect.Value, i, depth int) (int, bool, *jsonscan.SyntaxError) {
	b := in.b
	v := fv.Addr().Interface().(*Bool)
	*v = Bool{}
	switch b[i] {
	case 't', 'f':
		end, err := jsonscan.Literal(b, i)
		if err == nil {
			*v = BoolOf(b[i] == 't')
		}
		return end, true, err
	case 'n':
		return null(b, i)
	}
	return skipMismatch(b, i, depth)
}
