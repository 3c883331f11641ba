package model

import "encoding/json"

// ExitEvent is how a process ended (schema: "ExitEventSerializer serializes
// an exit event to JSON").
type ExitEvent struct {
	// Cause of the process termination (one of EXITED, SIGNALED, COREDUMPED)
	Cause string `json:"cause,omitempty"`
	// Exit code of the process or number of the signal that caused the process to terminate
	Code Int `json:"code,omitzero"`

	// Extra holds unknown and ill-typed properties, as Event.Extra does.
	Extra map[string]json.RawMessage `json:"-"`
}
