package model

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// coverageSchema is the part of a schema file the coverage test reads.
type coverageSchema struct {
	Defs       map[string]coverageProp `json:"$defs"`
	Properties map[string]coverageProp `json:"properties"`
}

type coverageProp struct {
	Ref        string                  `json:"$ref"`
	Type       string                  `json:"type"`
	Format     string                  `json:"format"`
	Items      json.RawMessage         `json:"items"`
	Properties map[string]coverageProp `json:"properties"`
}

// modelTypes returns the named types reachable from Event through its
// fields, by name.
func modelTypes() map[string]reflect.Type {
	types := map[string]reflect.Type{}
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice && t.Name() == "" {
			t = t.Elem()
		}
		if t.PkgPath() != reflect.TypeFor[Event]().PkgPath() || types[t.Name()] != nil {
			return
		}
		types[t.Name()] = t
		switch t.Kind() {
		case reflect.Struct:
			for i := range t.NumField() {
				visit(t.Field(i).Type)
			}
		case reflect.Slice:
			visit(t.Elem())
		}
	}
	visit(reflect.TypeFor[Event]())
	// Int, Time and Bool are value types of the model, not schema objects.
	delete(types, "Int")
	delete(types, "Time")
	delete(types, "Bool")
	return types
}

// schemaFields returns the JSON properties of struct type t, promoted
// fields included, with the schema tag of each.
func schemaFields(t reflect.Type) map[string]reflect.StructField {
	fields := map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(t) {
		key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous || key == "-" || !f.IsExported() {
			continue
		}
		fields[key] = f
	}
	return fields
}

// TestSchemaCoverage holds the model to the two schema files, both ways:
// every $def is a type and every property a field, tagged with the schemas
// that define it and typed as the schema types it; and every type is a $def
// of a schema and every field (but Extra) a property of one.
func TestSchemaCoverage(t *testing.T) {
	types := modelTypes()
	defined := map[string]map[string][]string{} // type → key → platforms
	for _, platform := range []string{"windows", "linux"} {
		data, err := os.ReadFile("../schema/" + platform + ".schema.json")
		if err != nil {
			t.Fatal(err)
		}
		var s coverageSchema
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatal(err)
		}
		s.Defs["Event"] = coverageProp{Type: "object", Properties: s.Properties}
		for name, def := range s.Defs {
			typ, ok := types[name]
			if !ok {
				t.Errorf("%s $def %s has no Go type", platform, name)
				continue
			}
			if defined[name] == nil {
				defined[name] = map[string][]string{}
			}
			if wantKind := defKind(def); typ.Kind() != wantKind {
				t.Errorf("%s is a %s, want a %s for the %s $def", typ, typ.Kind(), wantKind, platform)
				continue
			}
			if typ.Kind() != reflect.Struct {
				continue
			}
			fields := schemaFields(typ)
			for key, p := range def.Properties {
				defined[name][key] = append(defined[name][key], platform)
				f, ok := fields[key]
				if !ok {
					t.Errorf("%s $def %s property %q has no field in %s", platform, name, key, typ)
					continue
				}
				if want := goKind(p); want != "" && f.Type.Name() != want {
					t.Errorf("%s.%s is a %s, want a %s for the %s schema's %s", typ, f.Name, f.Type, want, platform, p.Type)
				}
			}
		}
	}
	for name, typ := range types {
		keys, ok := defined[name]
		if !ok {
			t.Errorf("type %s is no $def of either schema", name)
			continue
		}
		if !ok || typ.Kind() != reflect.Struct {
			continue
		}
		if f, ok := typ.FieldByName("Extra"); !ok || f.Type != rawMapType {
			t.Errorf("%s has no Extra map[string]json.RawMessage", name)
		}
		for key, f := range schemaFields(typ) {
			platforms, ok := keys[key]
			if !ok {
				t.Errorf("%s.%s (%q) is a property of neither schema's %s", name, f.Name, key, name)
				continue
			}
			slices.Sort(platforms)
			if got := strings.Split(f.Tag.Get("schema"), ","); !slices.Equal(sortedCopy(got), platforms) {
				t.Errorf("%s.%s is tagged schema:%q, but %v define it", name, f.Name, f.Tag.Get("schema"), platforms)
			}
		}
	}
}

// defKind is the kind of Go type a $def has: a slice for an array, a map
// for an object without properties (open), else a struct.
func defKind(def coverageProp) reflect.Kind {
	switch {
	case def.Type == "array":
		return reflect.Slice
	case len(def.Properties) == 0:
		return reflect.Map
	}
	return reflect.Struct
}

// goKind is the name of the Go type a schema integer or date-time has in
// the model, or "" for the rest.
func goKind(p coverageProp) string {
	switch {
	case p.Type == "integer":
		return "Int"
	case p.Type == "string" && p.Format == "date-time":
		return "Time"
	case p.Type == "string":
		return "string"
	case p.Type == "boolean":
		return "Bool"
	}
	return ""
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestSectionsArePointers keeps an absent section at one word of Event:
// Event is held for every event read, most of which have a few sections of
// the 38 the schemas define.
func TestSectionsArePointers(t *testing.T) {
	for _, f := range reflect.VisibleFields(reflect.TypeFor[Event]()) {
		if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[Time]() {
			t.Errorf("Event.%s is a %s held by value; hold it through a pointer", f.Name, f.Type)
		}
	}
	t.Logf("Event is %d bytes, Process %d, ProcessContext %d, File %d, FileEvent %d",
		unsafe.Sizeof(Event{}), unsafe.Sizeof(Process{}), unsafe.Sizeof(ProcessContext{}),
		unsafe.Sizeof(File{}), unsafe.Sizeof(FileEvent{}))
}
