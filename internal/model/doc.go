// Package model is the CSM Threats backend event JSON schema
// (shared/spec/backend_event.schema.json) as Go types. Rendering and lineage
// work on these types rather than on decoded maps.
//
// Field doc comments quote the schema's own descriptions. Decoding is lenient
// on purpose, because csmctl shows events that fail validation too: an
// unknown key, or a known key whose value has the wrong JSON type, is kept raw
// in the Extra map of the object it appeared in instead of failing the whole
// event, and a timestamp that is not RFC 3339 is kept as text in its Time.
package model
