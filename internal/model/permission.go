package model

import "encoding/json"

// ChangePermissionEvent is a change of an object's security descriptor
// (schema: "ChangePermissionEventSerializer serializes a permission change
// event to JSON").
type ChangePermissionEvent struct {
	// User name
	Username string `json:"username,omitempty"`
	// User domain
	UserDomain string `json:"user_domain,omitempty"`
	// Object name
	Path string `json:"path,omitempty"`
	// Object type
	Type string `json:"type,omitempty"`
	// Original Security Descriptor
	OldSD string `json:"old_sd,omitempty"`
	// New Security Descriptor
	NewSD string `json:"new_sd,omitempty"`

	// Extra holds unknown and ill-typed properties, as Event.Extra does.
	Extra map[string]json.RawMessage `json:"-"`
}
