// Package model is the CSM Threats backend event JSON schemas (the Windows
// and Linux files embedded in internal/schema) as Go types. Rendering and
// lineage work on these types rather than on decoded maps.
//
// The types are generated from the two schema files (go generate): one per
// $def, the union of the two schemas' properties where both define it, each
// field documented with the schema's description and tagged with the
// schemas that define it (schema:"linux,windows"), which is how OtherFields
// tells what an event's own schema does not define.
//
// Decoding is lenient on purpose, because csmctl shows events that fail
// validation too: an unknown key, or a known key whose value has the wrong
// JSON type, is kept raw in the Extra map of the object it appeared in
// instead of failing the whole event, and a timestamp that is not RFC 3339
// is kept as text in its Time.
package model

//go:generate go run ./internal/gen -o zz_generated_types.go
