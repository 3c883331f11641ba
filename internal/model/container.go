package model

import "encoding/json"

// ContainerContext is the container a process or event belongs to (schema:
// "ContainerContextSerializer serializes a container context to JSON").
type ContainerContext struct {
	// Container ID
	ID string `json:"id,omitempty"`
	// Creation time of the container
	CreatedAt Time `json:"created_at,omitzero"`
	// Variables values
	Variables Variables `json:"variables,omitempty"`

	// Extra holds unknown and ill-typed properties, as Event.Extra does.
	Extra map[string]json.RawMessage `json:"-"`
}
