// Package lineage reconstructs process lineage from CSM Threats events: who
// spawned whom, read from the ancestor chain each event carries, and which
// events each process caused.
//
// A Builder takes events one at a time, in input order, and keeps one node
// per distinct process, with its hits counted by rule, never the events
// themselves: memory grows with the processes, not the events, and
// Builder.MaxProcesses bounds the processes. Only when asked to
// (Builder.KeepHits) does it keep a small Hit per event, for those who list
// every event. Forests then returns one Forest per host.
//
// # Identity
//
// A process is its pid and its exec_time (in UTC): Windows and Linux reuse
// pids, so two processes with pid 500 and different exec times are two
// nodes. A sighting without a valid exec_time is identified by its pid and
// its parent's node in the same chain instead (recursively, so by the pid
// path up to the nearest ancestor that has an exec_time, or up to the end of
// the chain): the same pid under the same known parent is one process, the
// same pid under another parent is another. Such a node's parent is part of
// its identity and never changes. The far end of a chain has no known parent,
// so all sightings of a pid without exec_time at the far end of chains (the
// Windows "System" process, pid 4, say) are one node.
//
// Without an exec time, the executable's path tells processes apart too:
// the agent's own test events reuse pids 12, 13 and 14 under one parent for
// /bin/webserver, /bin/apache and /bin/ls, with no exec or fork time, and
// those are three processes. A sighting that names no executable is the
// first process with its pid (and parent) that fits. An exec in place (a
// Linux process that keeps its pid, is_exec_child) has a new exec time, or
// another executable: the agent lists the image before the exec as its
// parent, and so it is drawn, a child with the same pid.
//
// A pid that is not an integer (a string "123", 1.5, 1e999, null) is never
// read as a number: it identifies by its JSON text, so "123" and 123 are two
// processes, and so are two different ill-typed pids, or null and a missing
// pid.
//
// # Edges and conflicts
//
// In an event, process.ancestors[0] is the parent of the acting process and
// ancestors[i+1] the parent of ancestors[i]; process.parent stands in for an
// ancestors list that is absent. The ppid field is kept as a fact, not used
// for edges: it does not say which of the processes with that pid is meant.
// When a later event gives a process another parent, or another value for a
// fact (executable, command line, user, container, ppid, exit time, and on
// Linux comm, uid, fork time), the later event wins and the
// disagreement is counted in Conflicts. Exec and exit times written two ways
// for one instant do not disagree: the later text is kept. A missing
// value never disagrees. Bad data can make parents form a cycle (a process
// that is its own parent, or its own grandparent): the forest still
// terminates, showing one process of the cycle as a root and the edge that
// closes the cycle as a back-reference (Step.BackRef).
package lineage

import (
	"time"

	"github.com/csmctl/csmctl/internal/model"
)

// Forest is the process lineage of one host: its processes, and the roots
// of the trees they form, as far as the host's events tell.
type Forest struct {
	// Host is the host the events came from; "" when they do not say.
	Host string
	// Roots are the processes shown at the top: those with no known parent,
	// then one process of each parent cycle. They are ordered by exec time,
	// then pid, then first sighting.
	Roots []*Node
	// Nodes holds every process, in the order it was first seen. Focus and
	// HitsOnly hide processes from Roots and Children, not from Nodes.
	Nodes []*Node
	// Conflicts counts sightings that disagreed with earlier ones.
	Conflicts Conflicts
	// NoProcess counts the events that had no process to attach them to.
	NoProcess int
	// Dropped counts the events that named a process the Builder left out,
	// having reached its MaxProcesses: as the acting process (the event was
	// left out too) or in its ancestor chain (cut there).
	Dropped int

	walkGen uint32 // generation mark of the current Walk, see Node.seen
}

// Conflicts counts the disagreements met while merging sightings; in each,
// the later event won.
type Conflicts struct {
	Parent int // a process was given another parent
	Facts  int // another executable, command line, user, container, ppid or exit time
}

// Total is the number of disagreements of both kinds.
func (c Conflicts) Total() int { return c.Parent + c.Facts }

// Node is one process and what the events told about it.
type Node struct {
	// Key is the pid and exec time; ExecTime is zero when no sighting had a
	// valid exec_time (the node is then identified under its parent).
	Key model.ProcessKey
	// PPID is the parent pid as last reported: absent when never reported,
	// ill-typed as written. It can name a process that is not in the log.
	PPID model.Int
	// times holds the exit time and the text of times not written as
	// RFC 3339 in UTC; nil when there is neither, as for most processes:
	// a Node stays within 256 bytes.
	times *nodeTimes
	// Path and Name are the executable's path and base name, as reported.
	Path, Name string
	// Cmdline is the command line.
	Cmdline string
	// User is the user the process ran as.
	User string
	// ContainerID is the container the process ran in.
	ContainerID string
	// Linux holds what only Linux events tell; nil when no sighting did.
	Linux *LinuxFacts
	// Truncated is set when the process was last in an ancestor chain that
	// the agent truncated, and no event told its parent.
	Truncated bool
	seen      uint32 // Forest.walkGen when Walk last entered the node

	// Parent is the parent process, nil when unknown. In bad data it can
	// lead round a cycle; Walk stops there.
	Parent *Node
	// Children are the processes shown under this one, ordered as Roots.
	Children []*Node
	// Rules counts the process's hits by rule, in order of first hit.
	Rules []RuleCount
	// Hits are the events this process caused, in input order, when the
	// Builder keeps them (Builder.KeepHits); Rules counts them either way.
	Hits []Hit

	seq int32 // position in Forest.Nodes: order of first sighting
}

// Hit is one event, attached to the process that caused it: where it was
// read, when it happened, the rule that matched, and the one detail that
// says what it was about.
type Hit struct {
	// File and Line say where the event was read.
	File string
	Line int
	// Date is when the event happened, as the event wrote it; zero when
	// the event had no valid date.
	Date model.Time
	// RuleID is agent.rule_id.
	RuleID string
	// Evt is evt.name: exec, exit, set_key_value, create...
	Evt string
	// Path is file.path, for file events (and exec, exit).
	Path string
	// RegistryKey and RegistryValue are registry.key_path and
	// registry.value_name, for registry events.
	RegistryKey, RegistryValue string
	// ExitCode is exit.code, for exit events: absent when the event has no
	// exit object or no code, ill-typed as written.
	ExitCode model.Int
	// Detail is the one thing a reader wants of the event (record.Detail),
	// when the caller set Event.Detail.
	Detail string
}

// DisplayName is the name to show for the process: the executable's name,
// else the last element of its path, else the Linux comm, else the last
// element of the command line's first word, else "?".
func (n *Node) DisplayName() string {
	if n.Name != "" {
		return n.Name
	}
	if n.Path != "" {
		return model.BaseName(n.Path)
	}
	if n.Linux != nil && n.Linux.Comm != "" {
		return n.Linux.Comm
	}
	if n.Cmdline != "" {
		if name := model.BaseName(firstWord(n.Cmdline)); name != "" {
			return name
		}
	}
	return "?"
}

// nodeTimes are a process's times that most processes do not need kept.
type nodeTimes struct {
	exit time.Time // UTC; zero when unknown
	// execText and exitText are the exec and exit times as the last
	// sighting wrote them, "" when that was canonicalText of the instant.
	execText, exitText string
}

// ExecTimeText is the exec time as the last sighting wrote it (…00.1334550Z
// stays so), "" when unknown. Key.ExecTime is the instant, for identity.
func (n *Node) ExecTimeText() string {
	if n.Key.ExecTime.IsZero() {
		return ""
	}
	if n.times != nil && n.times.execText != "" {
		return n.times.execText
	}
	return n.Key.ExecTime.Format(time.RFC3339Nano)
}

// ExitTime is when the process exited, in UTC; zero when unknown.
func (n *Node) ExitTime() time.Time {
	if n.times == nil {
		return time.Time{}
	}
	return n.times.exit
}

// ExitTimeText is the exit time as the last sighting wrote it, "" when
// unknown.
func (n *Node) ExitTimeText() string {
	switch {
	case n.times == nil || n.times.exit.IsZero():
		return ""
	case n.times.exitText != "":
		return n.times.exitText
	}
	return n.times.exit.Format(time.RFC3339Nano)
}

// LinuxFacts is what Linux events tell of a process beyond what both
// platforms do. A value no sighting gave is zero (absent for an Int); an
// ill-typed one is kept as written.
type LinuxFacts struct {
	// CommandLine is argv0 and args quoted as a shell reads them
	// (model.ShellCommandLine); ArgsTruncated says the agent cut args.
	CommandLine   string
	ArgsTruncated bool
	// Argv0 and Args are kept only when the Builder keeps them
	// (Builder.KeepArgs): CommandLine says the same in one string.
	Argv0 string
	Args  []string
	// Comm is the command name the kernel gave the process.
	Comm string
	// TID is the thread ID of the last sighting: the thread that acted,
	// which differs from event to event without disagreeing. UID is
	// credentials.uid.
	TID, UID model.Int
	// ForkTime is the fork time as the event wrote it; ill-typed kept.
	ForkTime model.Time
}

// RuleCount is one rule and how many of a process's events matched it.
type RuleCount struct {
	RuleID string
	Count  int
}

// HasHits reports whether an event of the process counted as a hit.
func (n *Node) HasHits() bool { return len(n.Rules) > 0 }

// firstWord is the program of a command line: the quoted first word, or up
// to the first space.
func firstWord(cmdline string) string {
	if cmdline[0] == '"' {
		for i := 1; i < len(cmdline); i++ {
			if cmdline[i] == '"' {
				return cmdline[1:i]
			}
		}
		return cmdline[1:]
	}
	for i := 0; i < len(cmdline); i++ {
		if cmdline[i] == ' ' {
			return cmdline[:i]
		}
	}
	return cmdline
}
