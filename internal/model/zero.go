package model

import (
	"encoding/json"
	"reflect"
	"time"
	"unsafe"
)

// zeroTest tells, from a field's address, whether it holds its zero value.
// show asks it of every property of every object it prints, and through
// reflect.Value (a Value for the field, an interface for its IsZero
// method) that was a fifth of its time; a test for each field type, built
// once with the tables, reads the field where it is.
// TestZeroTestsMatchReflect and FuzzZeroTests hold them to reflect.
type zeroTest func(p unsafe.Pointer) bool

// zeroTestsOf returns the two tests for a field of type t: absent is
// Property.IsZero's sense (the type's own IsZero method, an empty slice or
// map), zero is reflect.Value.IsZero's (OtherFields lists a value that is
// not zero in that sense).
func zeroTestsOf(t reflect.Type) (absent, zero zeroTest) {
	switch t {
	case reflect.TypeFor[Int]():
		return func(p unsafe.Pointer) bool { return (*Int)(p).IsZero() },
			func(p unsafe.Pointer) bool { i := (*Int)(p); return i.n == 0 && i.text == nil }
	case reflect.TypeFor[Time]():
		return func(p unsafe.Pointer) bool { return (*Time)(p).IsZero() },
			func(p unsafe.Pointer) bool {
				t := (*Time)(p)
				return t.Time == time.Time{} && t.raw == "" && !t.invalid
			}
	case reflect.TypeFor[Bool]():
		return func(p unsafe.Pointer) bool { return (*Bool)(p).IsZero() },
			func(p unsafe.Pointer) bool { return *(*Bool)(p) == Bool{} }
	case reflect.TypeFor[Variables]():
		return mapZeroTests[Variables]()
	case reflect.TypeFor[map[string]any]():
		return mapZeroTests[map[string]any]()
	case reflect.TypeFor[map[string][]string]():
		return mapZeroTests[map[string][]string]()
	case reflect.TypeFor[map[string]json.RawMessage]():
		return mapZeroTests[map[string]json.RawMessage]()
	}
	// Only a named type can have methods: asking an unnamed one (a *T, a
	// []T) made reflect build the type **T or *[]T, searching every type
	// in the binary by name, for each field when the first event is read.
	if !hasIsZero(t) {
		switch t.Kind() {
		case reflect.String:
			test := func(p unsafe.Pointer) bool { return *(*string)(p) == "" }
			return test, test
		case reflect.Pointer:
			test := func(p unsafe.Pointer) bool { return *(*unsafe.Pointer)(p) == nil }
			return test, test
		case reflect.Slice: // any slice's header starts with its data pointer and length
			return func(p unsafe.Pointer) bool { return len(*(*[]byte)(p)) == 0 },
				func(p unsafe.Pointer) bool { return unsafe.SliceData(*(*[]byte)(p)) == nil }
		case reflect.Interface:
			if t.NumMethod() == 0 {
				test := func(p unsafe.Pointer) bool { return *(*any)(p) == nil }
				return test, test
			}
		}
	}
	// A type the model may gain: right, if slower.
	return func(p unsafe.Pointer) bool { return reflectAbsent(reflect.NewAt(t, p).Elem()) },
		func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().IsZero() }
}

// hasIsZero reports whether *t (and so t) has an IsZero method. The name
// is a constant on purpose: the linker keeps every exported method of
// every type when a method is looked up by a name it cannot see.
func hasIsZero(t reflect.Type) bool {
	if t.Name() == "" {
		return false
	}
	_, ok := reflect.PointerTo(t).MethodByName("IsZero")
	return ok
}

// mapZeroTests returns zeroTestsOf's tests for a map type.
func mapZeroTests[M ~map[K]V, K comparable, V any]() (absent, zero zeroTest) {
	return func(p unsafe.Pointer) bool { return len(*(*M)(p)) == 0 },
		func(p unsafe.Pointer) bool { return *(*M)(p) == nil }
}

// reflectAbsent is Property.IsZero's sense of absent for the addressable
// value v: its IsZero method if it has one, else an empty slice or map, or
// reflect's zero.
func reflectAbsent(v reflect.Value) bool {
	if z, ok := v.Addr().Interface().(interface{ IsZero() bool }); ok {
		return z.IsZero()
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	}
	return v.IsZero()
}
