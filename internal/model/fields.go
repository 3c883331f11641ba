package model

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/csmctl/csmctl/internal/memo"
)

// A schema object type is a struct with an Extra field of type
// map[string]json.RawMessage: Event and the types of its $defs. Decode walks
// the JSON of an event against the tables below, built once from the Go
// types, so that no type needs decoding code of its own and a new field
// needs nothing but its tag (and, for a new Go type, its valueDecoder).

// eventObject describes Event, and through it every schema object type.
// It is built on first use, not at init: a run that decodes no event into
// the model (validate, query) does not pay for its thousands of
// allocations, half of csmctl's start-up.
var eventObject = memo.Value[*objectFields]{New: func() *objectFields { return cachedObjectFields(reflect.TypeFor[Event]()).ready() }}

var rawMapType = reflect.TypeFor[map[string]json.RawMessage]()

// objectFields describes the JSON properties of a schema object type. It
// is filled on first use (ready), type by type as decoding and walking
// reach them: a Windows event never pays for describing the thirty Linux
// families, which was a tenth of show's start-up.
type objectFields struct {
	t    reflect.Type
	once sync.Once

	fields []objectField  // in declaration order, promoted fields inlined
	byKey  map[string]int // JSON key → index in fields
	extra  []int          // index path of the Extra field
	// extraOffset is the Extra field's offset in the struct.
	extraOffset uintptr
	// otherChecks lists, for each judgement (see judgementOf), the fields
	// HasOtherFields looks at: those that platform's schema does not
	// define, and those holding schema objects, in which it looks further.
	otherChecks [judgements][]*objectField
	// holders lists the fields that hold schema objects, through a
	// pointer or as a list, for Release.
	holders []*objectField
	// spare holds objects of this type, at this place in Event, that
	// Release gave back: the decoder takes one, zeroed, before it
	// allocates.
	spare sync.Pool
	// spareLists holds, the same way, lists of objects of this type.
	spareLists sync.Pool
}

// objectField is one JSON property of a schema object type.
type objectField struct {
	key   string
	pos   int   // its place in objectFields.fields
	index []int // index path, through embedded structs
	// offset is the field's offset in the struct, through embedded structs
	// held by value; absent and zero test the field there (see zeroTest).
	offset       uintptr
	absent, zero zeroTest
	// itemSize is the size of one item of a slice.
	itemSize uintptr
	// elem describes the schema object the property holds, through a
	// pointer (slice false) or as the items of a slice (slice true); nil
	// for any other property. It is filled when first used (ready).
	elem  *objectFields
	slice bool
	// schemas lists the platforms whose schema defines the property, from
	// its schema tag: read once here, as OtherFields asks for every field
	// of every event and a tag lookup costs more than the rest of its walk.
	schemas []Platform
	// foreignTo says, for each judgement, whether its schema leaves the
	// property out (see foreign), for HasOtherFields.
	foreignTo [judgements]bool
	// decode decodes the property's value into its field.
	decode valueDecoder
}

// objectFieldsOf returns the description of t, to be filled by ready, or
// nil if t is not a schema object type.
func objectFieldsOf(t reflect.Type) *objectFields {
	if t.Kind() != reflect.Struct {
		return nil
	}
	if extra, ok := t.FieldByName("Extra"); !ok || extra.Type != rawMapType {
		return nil
	}
	return &objectFields{t: t}
}

// ready fills of, once, and returns it. The types of its properties that
// hold schema objects are described by their own objectFields, filled when
// they are used in turn.
func (of *objectFields) ready() *objectFields {
	of.once.Do(of.fill)
	return of
}

func (of *objectFields) fill() {
	t := of.t
	extra, _ := t.FieldByName("Extra")
	// Sized for the fields declared here; embedded structs may add some.
	of.fields = make([]objectField, 0, t.NumField())
	of.byKey, of.extra, of.extraOffset = make(map[string]int, t.NumField()), extra.Index, offsetOf(t, extra.Index)
	of.add(t, nil, 0)
	for k := range of.fields {
		if f := &of.fields[k]; f.elem != nil {
			of.holders = append(of.holders, f)
		}
	}
	for j := range judgements {
		for k := range of.fields {
			if f := &of.fields[k]; f.elem != nil || f.foreignTo[j] {
				of.otherChecks[j] = append(of.otherChecks[j], f)
			}
		}
	}
}

// add records the JSON properties of struct type t, reached through index
// path prefix at offset base, following encoding/json's tag rules as far
// as the model uses them: "-" skips a field and an untagged embedded struct is inlined.
func (of *objectFields) add(t reflect.Type, prefix []int, base uintptr) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if !f.IsExported() || tag == "-" {
			continue
		}
		index := append(append([]int(nil), prefix...), i)
		key, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && key == "" && f.Type.Kind() == reflect.Struct {
			of.add(f.Type, index, base+f.Offset)
			continue
		}
		if key == "" {
			key = f.Name
		}
		field := objectField{key: key, pos: len(of.fields), index: index, offset: base + f.Offset, schemas: schemasOf(f)}
		field.absent, field.zero = zeroTestsOf(f.Type)
		for j := range judgements {
			field.foreignTo[j] = field.foreign(j)
		}
		// Schema objects are only ever held through pointers and slices.
		// None holds itself, so this recursion ends. Each type is described
		// once: Process alone is held in a dozen places.
		switch f.Type.Kind() {
		case reflect.Pointer:
			field.elem = cachedObjectFields(f.Type.Elem())
		case reflect.Slice:
			field.elem, field.slice = cachedObjectFields(f.Type.Elem()), true
			field.itemSize = f.Type.Elem().Size()
		}
		field.decode = valueDecoderFor(f.Type, field.elem)
		of.byKey[key] = len(of.fields)
		of.fields = append(of.fields, field)
	}
}

// judgement is the schema OtherFields judges an event by: Windows's,
// Linux's, or none (a --schema file: only Extra entries are other fields).
type judgement uint8

const (
	byWindows judgement = iota
	byLinux
	byNoSchema
	judgements // how many there are
)

// judgementOf returns the judgement of platform.
func judgementOf(platform Platform) judgement {
	switch platform {
	case Windows:
		return byWindows
	case Linux:
		return byLinux
	}
	return byNoSchema
}

// foreign reports whether f is a field the schema of judgement j does not
// define.
func (f *objectField) foreign(j judgement) bool {
	switch j {
	case byWindows:
		return !slices.Contains(f.schemas, Windows)
	case byLinux:
		return !slices.Contains(f.schemas, Linux)
	}
	return false
}

// field finds the field for a JSON key, or returns nil.
func (of *objectFields) field(key string) *objectField {
	// Exactly, as the schema and jq match keys: under encoding/json's case
	// folding a "PROCESS" key would stand in for the real process.
	of.ready()
	if i, ok := of.byKey[key]; ok {
		return &of.fields[i]
	}
	return nil
}
