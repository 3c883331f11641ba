package model

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// Field is one property of an event, by where it is and what it holds.
type Field struct {
	// Pointer is the property's JSON pointer (RFC 6901), for example
	// "/process/ancestors/2/user_sid".
	Pointer string
	// Raw is its JSON value: as written for a property the model kept in
	// an Extra map, else the model's encoding of its field, an object's
	// unknown properties included.
	Raw json.RawMessage
}

// OtherFields returns what the schema of platform does not account for in
// ev: the properties the model kept in Extra maps (unknown to both schemas,
// or ill-typed), and those it typed although only the other platform's
// schema defines them (a "tid" in a Windows event, a "cmdline" in a Linux
// one). A foreign object is one Field, not one per property. For a platform
// the model does not know (a --schema file), it returns the Extra entries
// only.
//
// A list of schema objects with items of the wrong type keeps the others:
// only the bad items are listed ("/process/ancestors/1").
//
// Fields come in document order: an object's Extra entries (by key) before
// its fields, which come in schema order. A typed field that is empty or
// absent is not there as far as the model can tell, and so is never
// listed; a written false is (see Bool).
func OtherFields(ev *Event, platform Platform) []Field {
	if ev == nil {
		return nil
	}
	judged := platform == Windows || platform == Linux
	var out []Field
	// path holds the keys and indexes down to the object being walked: the
	// pointer is built only for a field listed, as most objects have none.
	var path []string
	pointer := func(key string) string {
		var b strings.Builder
		for _, token := range append(path, key) {
			b.WriteString("/" + pointerToken(token))
		}
		return b.String()
	}
	var walk func(v reflect.Value, of *objectFields)
	walk = func(v reflect.Value, of *objectFields) {
		of.ready()
		base := unsafe.Pointer(v.UnsafeAddr())
		foreign := func(f *objectField) bool {
			return judged && !slices.Contains(f.schemas, platform)
		}
		// itemwise reports whether f is a list of schema objects kept in
		// Extra for some of its items only: the list holds the others.
		itemwise := func(f *objectField) bool {
			return f != nil && f.elem != nil && f.slice && !foreign(f) && !f.zero(unsafe.Add(base, f.offset))
		}
		extra := *(*map[string]json.RawMessage)(unsafe.Add(base, of.extraOffset))
		if len(extra) > 0 { // as most objects have none, spare them the sort
			for _, key := range slices.Sorted(maps.Keys(extra)) {
				if itemwise(of.field(key)) {
					out = appendIllTypedItems(out, pointer(key), extra[key])
					continue
				}
				out = append(out, Field{pointer(key), extra[key]})
			}
		}
		for n := range of.fields {
			f := &of.fields[n]
			isForeign := foreign(f)
			if !isForeign && f.elem == nil || f.zero(unsafe.Add(base, f.offset)) {
				continue // most fields: nothing in them to list
			}
			if _, kept := extra[f.key]; kept && !itemwise(f) {
				continue // an ill-typed value is listed as written, above
			}
			fv := v.FieldByIndex(f.index)
			switch {
			case isForeign:
				out = append(out, Field{pointer(f.key), encodeField(fv, *f)})
			case f.elem != nil && f.slice:
				path = append(path, f.key, "")
				for i := range fv.Len() {
					path[len(path)-1] = strconv.Itoa(i)
					walk(fv.Index(i), f.elem)
				}
				path = path[:len(path)-2]
			case f.elem != nil:
				path = append(path, f.key)
				walk(fv.Elem(), f.elem)
				path = path[:len(path)-1]
			}
		}
	}
	walk(reflect.ValueOf(ev).Elem(), eventObject.Get())
	return out
}

// HasOtherFields reports whether OtherFields(ev, platform) lists anything,
// without building the list: show asks it of every event, and most have
// nothing to list. It follows OtherFields' walk: an Extra entry anywhere,
// or a field that is not zero and that platform's schema does not define,
// in an object OtherFields walks into.
// TestHasOtherFieldsMatchesOtherFields and FuzzOtherFields hold the two
// together.
func HasOtherFields(ev *Event, platform Platform) bool {
	if ev == nil {
		return false
	}
	return eventObject.Get().hasOther(unsafe.Pointer(ev), judgementOf(platform))
}

// hasOther is HasOtherFields for the object at p, of the type of
// describes.
func (of *objectFields) hasOther(p unsafe.Pointer, j judgement) bool {
	of.ready()
	if len(*(*map[string]json.RawMessage)(unsafe.Add(p, of.extraOffset))) > 0 {
		return true
	}
	for _, f := range of.otherChecks[j] {
		fp := unsafe.Add(p, f.offset)
		switch {
		case f.zero(fp):
		case f.foreignTo[j]:
			return true
		case f.slice:
			items := *(*[]byte)(fp) // any slice's data pointer and length
			for k := range len(items) {
				if f.elem.hasOther(unsafe.Add(unsafe.Pointer(unsafe.SliceData(items)), uintptr(k)*f.itemSize), j) {
					return true
				}
			}
		default:
			if f.elem.hasOther(*(*unsafe.Pointer)(fp), j) {
				return true
			}
		}
	}
	return false
}

// appendIllTypedItems appends to out the items of the JSON array raw, at
// pointer, that are neither objects nor null: the items a list of schema
// objects could not hold.
func appendIllTypedItems(out []Field, pointer string, raw json.RawMessage) []Field {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return append(out, Field{pointer, raw}) // not an array after all: list it whole
	}
	for i, item := range items {
		if item[0] != '{' && item[0] != 'n' {
			out = append(out, Field{pointer + "/" + strconv.Itoa(i), item})
		}
	}
	return out
}

// encodeField encodes the value of field f: a schema object with its Extra
// entries, so that listing it whole hides nothing in it.
func encodeField(fv reflect.Value, f objectField) json.RawMessage {
	var b bytes.Buffer
	switch {
	case f.elem != nil && f.slice:
		b.WriteByte('[')
		for i := range fv.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			encodeObject(&b, fv.Index(i), f.elem)
		}
		b.WriteByte(']')
	case f.elem != nil:
		encodeObject(&b, fv.Elem(), f.elem)
	default:
		encodeValue(&b, fv.Interface())
	}
	return b.Bytes()
}

// encodeObject writes the schema object v as JSON: its fields that are not
// zero, in schema order, then its Extra entries by key.
func encodeObject(b *bytes.Buffer, v reflect.Value, of *objectFields) {
	of.ready()
	extra := v.FieldByIndex(of.extra).Interface().(map[string]json.RawMessage)
	b.WriteByte('{')
	n := 0
	member := func(key string) {
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		encodeValue(b, key)
		b.WriteByte(':')
	}
	for _, f := range of.fields {
		fv := v.FieldByIndex(f.index)
		if _, kept := extra[f.key]; kept || fv.IsZero() {
			continue
		}
		member(f.key)
		b.Write(encodeField(fv, f))
	}
	for _, key := range slices.Sorted(maps.Keys(extra)) {
		member(key)
		b.Write(extra[key])
	}
	b.WriteByte('}')
}

// encodeValue writes a decoded value as JSON, without encoding/json's
// escaping of <, > and &, so that it reads as the event wrote it.
func encodeValue(b *bytes.Buffer, v any) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Values decoded from JSON always encode (strings hold valid
		// UTF-8, numbers are finite, Int and Time write their own text),
		// but a value built in Go may not: say so rather than drop it.
		enc.Encode("(cannot encode: " + err.Error() + ")") //nolint:errcheck // a string always encodes
	}
	b.Truncate(b.Len() - 1) // Encode's newline
}

// pointerToken escapes a key for a JSON pointer (RFC 6901).
func pointerToken(key string) string {
	if !strings.ContainsAny(key, "~/") {
		return key
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(key)
}
