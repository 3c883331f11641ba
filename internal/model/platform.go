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

var (
	linuxOnly     = []Platform{Linux}
	windowsOnly   = []Platform{Windows}
	bothPlatforms = []Platform{Windows, Linux}
)

// schemasOf lists the platforms whose schema defines the struct field f, by
// its schema tag, which the generator writes and a test holds to the schema
// files.
func schemasOf(f reflect.StructField) []Platform {
	tag := f.Tag.Get("schema")
	switch tag { // the three the generator writes, shared rather than allocated for each field
	case "linux":
		return linuxOnly
	case "windows":
		return windowsOnly
	case "windows,linux":
		return bothPlatforms
	}
	var platforms []Platform
	for p := range strings.SplitSeq(tag, ",") {
		if p != "" {
			platforms = append(platforms, Platform(p))
		}
	}
	return platforms
}
