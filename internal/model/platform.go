package model

import (
	"reflect"
	"strings"
)

// Platform names a backend event schema, the one an event is judged by:
// each has its own set of properties, and a property the other defines is
// not one of its own.
type Platform string

// The platforms of the two schema files the model is generated from.
const (
	Windows Platform = "windows"
	Linux   Platform = "linux"
)

// definedBy reports whether the schema of platform defines the struct field
// f, by its schema tag, which the generator writes and a test holds to the
// schema files.
func definedBy(f reflect.StructField, platform Platform) bool {
	for p := range strings.SplitSeq(f.Tag.Get("schema"), ",") {
		if Platform(p) == platform {
			return true
		}
	}
	return false
}
