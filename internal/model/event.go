package model

import "encoding/json"

// Event is one CSM Threats event: the rule that matched, what happened, and
// the process, file, registry key or user it happened to. Decode (or
// json.Unmarshal) fills it; a decoded Event never refers to the input bytes.
type Event struct {
	// Agent identifies the rule that matched and the agent that reported it.
	Agent *AgentContext `json:"agent,omitempty"`
	// Title is the human-readable title of the rule that matched.
	Title string `json:"title,omitempty"`
	// Evt says what kind of event this is and how it ended.
	Evt *EventContext `json:"evt,omitempty"`
	// Date is when the event happened, in the reporting host's offset.
	Date Time `json:"date,omitzero"`
	// File is the file the event is about (exec, write, ...).
	File *FileEvent `json:"file,omitempty"`
	// Exit is how the process ended, for exit events.
	Exit *ExitEvent `json:"exit,omitempty"`
	// Process is the process that caused the event, with its ancestors.
	Process *ProcessContext `json:"process,omitempty"`
	// Container is the container the event happened in, if any.
	Container *ContainerContext `json:"container,omitempty"`
	// Registry is the Windows registry key the event is about.
	Registry *RegistryEvent `json:"registry,omitempty"`
	// Usr is the user the process ran as.
	Usr *UserContext `json:"usr,omitempty"`
	// PermissionChange is the security descriptor change, for
	// change_permission events.
	PermissionChange *ChangePermissionEvent `json:"permission_change,omitempty"`

	// Extra holds, raw and under their own keys, the top-level properties the
	// schema does not know (for example "hostname") and the known ones whose
	// value had the wrong JSON type (for example a numeric "title"). It is nil
	// for an event that decoded cleanly, and it is not re-encoded.
	Extra map[string]json.RawMessage `json:"-"`
}
