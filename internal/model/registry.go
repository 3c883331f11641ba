package model

import "encoding/json"

// RegistryEvent is the Windows registry key an event is about (schema:
// "RegistryEventSerializer serializes a registry event to JSON").
type RegistryEvent struct {
	// Registry key name
	KeyName string `json:"key_name,omitempty"`
	// Registry key path
	KeyPath string `json:"key_path,omitempty"`
	// Value name of the key value
	ValueName string `json:"value_name,omitempty"`

	// Extra holds unknown and ill-typed properties, as Event.Extra does.
	Extra map[string]json.RawMessage `json:"-"`
}
