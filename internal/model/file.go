package model

import "encoding/json"

// File is a file, such as a process's executable (schema: "FileSerializer
// serializes a file to JSON").
type File struct {
	// File path
	Path string `json:"path,omitempty"`
	// File device path
	DevicePath string `json:"device_path,omitempty"`
	// File basename
	Name string `json:"name,omitempty"`

	// Extra holds unknown and ill-typed properties, as Event.Extra does.
	Extra map[string]json.RawMessage `json:"-"`
}

// FileEvent is the file an event is about (schema: "FileEventSerializer
// serializes a file event to JSON"). It repeats File's fields rather than
// embedding File because the schema defines it as its own flat object.
type FileEvent struct {
	// File path
	Path string `json:"path,omitempty"`
	// File device path
	DevicePath string `json:"device_path,omitempty"`
	// File basename
	Name string `json:"name,omitempty"`
	// Target file information
	Destination *File `json:"destination,omitempty"`

	// Extra holds unknown and ill-typed properties, as Event.Extra does.
	Extra map[string]json.RawMessage `json:"-"`
}
