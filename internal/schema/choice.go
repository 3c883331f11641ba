package schema

import (
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/memo"
)

// Choice names the schema an event was judged by, and how it was chosen.
type Choice struct {
	// Schema is "windows", "linux", or the schema file as --schema gave it.
	Schema string
	By     ChosenBy
}

// ChosenBy says how a schema was chosen for an event.
type ChosenBy uint8

const (
	// ByOption: --schema named it.
	ByOption ChosenBy = iota
	// ByAgentOS: the event's agent.os is "linux" or "windows".
	ByAgentOS
	// ByShape: no usable agent.os, but the event has a key only one OS's
	// schema has (process.credentials on Linux, registry on Windows…).
	ByShape
	// ByDefault: neither agent.os nor a key of one OS only; the Windows
	// schema is a guess.
	ByDefault
)

// String is how -o json names the way: "--schema", "agent.os", "shape" or
// "default".
func (b ChosenBy) String() string {
	switch b {
	case ByAgentOS:
		return "agent.os"
	case ByShape:
		return "shape"
	case ByDefault:
		return "default"
	}
	return "--schema"
}

// Label is how the summary names the schema: the name, with "(by shape)"
// or "(guessed)" when the event did not say its OS.
func (c Choice) Label() string {
	switch c.By {
	case ByShape:
		return c.Schema + " (by shape)"
	case ByDefault:
		return c.Schema + " (guessed)"
	}
	return c.Schema
}

// chooser is a validator that says which schema judges each value.
type chooser interface {
	choose(data []byte, start int) (Validator, Choice)
}

// named is a validator with one schema for every event.
type named struct {
	Validator
	choice Choice
}

func (n named) choose([]byte, int) (Validator, Choice) { return n.Validator, n.choice }

// Choose returns the validator that judges the value at data[start] and the
// schema it stands for. A validator Load did not return has no name.
func Choose(v Validator, data []byte, start int) (Validator, Choice) {
	if c, ok := v.(chooser); ok {
		return c.choose(data, start)
	}
	return v, Choice{}
}

// validateChoosing validates the value at data[start] with the validator
// Choose returns, and says which schema that is.
func validateChoosing(v Validator, data []byte, start int, findings []Finding) (int, []Finding, Choice, *jsonscan.SyntaxError) {
	if b, ok := v.(*byOS); ok {
		return b.validate(data, start, findings) // choosing as it validates
	}
	judge, choice := Choose(v, data, start)
	end, findings, err := judge.Validate(data, start, findings)
	return end, findings, choice, err
}

// pickOS chooses the schema of the event at data[i] by the rule README
// states under "csmctl validate": agent.os when it is "linux" or
// "windows"; else the first key of the event (or of its process) that only
// one OS's schema has; else Windows, guessed.
func pickOS(data []byte, i int) Choice {
	switch os := agentOS(data, i); os {
	case "linux", "windows":
		return Choice{Schema: os, By: ByAgentOS}
	}
	if os := osOfShape(data, i, topLevelMarkers.Get(), true); os != "" {
		return Choice{Schema: os, By: ByShape}
	}
	return Choice{Schema: "windows", By: ByDefault}
}

// osOfShape returns the OS of the first key of the object at data[i] that
// markers lists, looking into its "process" object with processMarkers too
// when top is set. It reads each byte at most twice and allocates only for
// a key written with escapes.
func osOfShape(data []byte, i int, markers map[string]string, top bool) string {
	i = jsonscan.SkipSpace(data, i)
	if i >= len(data) || data[i] != '{' {
		return ""
	}
	i = jsonscan.SkipSpace(data, i+1)
	for i < len(data) && data[i] == '"' {
		kend, escaped, err := jsonscan.String(data, i)
		if err != nil {
			return ""
		}
		key := data[i+1 : kend-1]
		if escaped {
			key = []byte(jsonscan.Unquote(data[i:kend]))
		}
		v := jsonscan.SkipSpace(data, kend)
		if v >= len(data) || data[v] != ':' {
			return ""
		}
		v = jsonscan.SkipSpace(data, v+1)
		if os := markers[string(key)]; os != "" {
			return os
		}
		if top && string(key) == "process" {
			if os := osOfShape(data, v, processMarkers.Get(), false); os != "" {
				return os
			}
		}
		end, err := jsonscan.Skip(data, v, 1)
		if err != nil {
			return ""
		}
		i = jsonscan.SkipSpace(data, end)
		if i < len(data) && data[i] == ',' {
			i = jsonscan.SkipSpace(data, i+1)
		}
	}
	return ""
}

// topLevelMarkers are the event keys only one OS's schema has, and that
// OS; processMarkers the same for process. TestShapeMarkers derives both
// from the embedded schemas.
var (
	topLevelMarkers = memo.Value[map[string]string]{New: func() map[string]string {
		return markersOf(map[string][]string{
			"linux": {"accept", "bind", "bpf", "capabilities", "cgroup", "cgroup_write", "connect", "dd",
				"dns", "imds", "mmap", "module", "mount", "mprotect", "network", "network_flow_monitor",
				"packet", "prctl", "ptrace", "security_profile", "selinux", "setsockopt", "signal",
				"splice", "syscall", "syscalls", "sysctl"},
			"windows": {"permission_change", "registry"},
		})
	}}
	processMarkers = memo.Value[map[string]string]{New: func() map[string]string {
		return markersOf(map[string][]string{
			"linux": {"args", "args_truncated", "argv0", "aws_security_credentials", "caps_attempted",
				"caps_used", "cgroup", "comm", "credentials", "envs", "envs_truncated", "fork_time", "gid",
				"group", "interpreter", "is_exec_child", "is_kworker", "is_thread",
				"path_resolution_error", "source", "syscalls", "tid", "tty", "uid", "user_session"},
			"windows": {"cmdline"},
		})
	}}
)

func markersOf(byOS map[string][]string) map[string]string {
	m := make(map[string]string)
	for os, keys := range byOS {
		for _, k := range keys {
			m[k] = os
		}
	}
	return m
}

// OSOf is the OS whose schema judges the event data: its agent.os, else
// its shape, else Windows, as validate chooses.
func OSOf(data []byte) string { return pickOS(data, 0).Schema }
