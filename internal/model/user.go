package model

import "encoding/json"

// UserContext is the user a process ran as (schema: "UserContextSerializer
// serializes a user context to JSON").
type UserContext struct {
	// User name
	Name string `json:"name,omitempty"`
	// Owner Sid
	SID string `json:"sid,omitempty"`

	// Extra holds unknown and ill-typed properties, as Event.Extra does.
	Extra map[string]json.RawMessage `json:"-"`
}
