package model

import "encoding/json"

// Process is one process: an ancestor or the parent in a ProcessContext
// (schema: "ProcessSerializer serializes a process to JSON").
type Process struct {
	// Process ID
	PID Int `json:"pid,omitzero"`
	// Parent Process ID
	PPID Int `json:"ppid,omitzero"`
	// Exec time of the process
	ExecTime Time `json:"exec_time,omitzero"`
	// Exit time of the process
	ExitTime Time `json:"exit_time,omitzero"`
	// File information of the executable
	Executable *File `json:"executable,omitempty"`
	// Container context
	Container *ContainerContext `json:"container,omitempty"`
	// Command line arguments
	Cmdline string `json:"cmdline,omitempty"`
	// User name
	User string `json:"user,omitempty"`

	// The Linux schema's process fields lineage draws. lineage.Decode
	// fills them; model.Decode does not yet (the "-" tags), so that show
	// keeps listing them under other fields until the model types them.
	//
	// Thread ID
	TID Int `json:"-"`
	// Command name
	Comm string `json:"-"`
	// Fork time of the process
	ForkTime Time `json:"-"`
	// First command line argument
	Argv0 string `json:"-"`
	// Command line arguments (argv0 is not one of them)
	Args []string `json:"-"`
	// Indicator of arguments truncation
	ArgsTruncated bool `json:"-"`
	// Indicates whether the process is an exec following another exec
	IsExecChild bool `json:"-"`
	// credentials.uid: User ID
	CredentialsUID Int `json:"-"`
	// credentials.user: User name
	CredentialsUser string `json:"-"`

	// Extra holds unknown and ill-typed properties (for example "user_sid",
	// or a "pid" given as a string), as Event.Extra does.
	Extra map[string]json.RawMessage `json:"-"`
}

// ProcessContext is the process that caused an event, with its lineage
// (schema: "ProcessContextSerializer serializes a process context to JSON").
// Key is promoted from Process.
type ProcessContext struct {
	// Process holds the fields the schema's ProcessContext shares with its
	// Process: pid, ppid, exec_time, exit_time, executable, container,
	// cmdline, user. Its Extra holds the context's unknown and ill-typed
	// properties.
	Process
	// Parent process
	Parent *Process `json:"parent,omitempty"`
	// Ancestor processes
	Ancestors []Process `json:"ancestors,omitempty"`
	// Variables values
	Variables Variables `json:"variables,omitempty"`
	// True if the ancestors list was truncated because it was too big
	TruncatedAncestors bool `json:"truncated_ancestors,omitempty"`
}

// AsProcess returns the context's own process, without its lineage.
func (pc *ProcessContext) AsProcess() Process { return pc.Process }

// Chain returns the context's ancestors, nearest first: the ancestors list
// when the event has one (it starts with the parent), else the parent alone,
// else nil. The returned slice shares the context's storage.
func (pc *ProcessContext) Chain() []Process {
	switch {
	case len(pc.Ancestors) > 0:
		return pc.Ancestors
	case pc.Parent != nil:
		return []Process{*pc.Parent}
	}
	return nil
}
