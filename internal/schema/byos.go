package schema

import (
	"github.com/csmctl/csmctl/internal/jsonscan"
)

// Auto is the schema name that picks, event by event, the schema of the
// agent that sent it: agent.os "linux" gets the Linux schema, anything else
// (Windows, or no agent.os) the Windows one.
const Auto = "auto"

// byOS validates each event with the schema of its agent's OS.
type byOS struct {
	windows, linux Validator
}

func newByOS() (Validator, error) {
	w, err := New(windowsSchema)
	if err != nil {
		return nil, err
	}
	l, err := New(linuxSchema)
	if err != nil {
		return nil, err
	}
	return &byOS{windows: w, linux: l}, nil
}

func (b *byOS) Compiled() bool { return b.windows.Compiled() && b.linux.Compiled() }

func (b *byOS) Validate(data []byte, start int, findings []Finding) (int, []Finding, *jsonscan.SyntaxError) {
	if agentOS(data, start) == "linux" {
		return b.linux.Validate(data, start, findings)
	}
	return b.windows.Validate(data, start, findings)
}

// agentOS returns the value of agent.os in the object at data[i], reading
// only as far as the agent object (the first member, in agents' output).
// Anything unexpected gives "": the validator then reports it.
func agentOS(data []byte, i int) string {
	i = jsonscan.SkipSpace(data, i)
	if i >= len(data) || data[i] != '{' {
		return ""
	}
	return memberString(data, i, "agent", "os")
}

// memberString follows keys down from the object at data[i] to a string.
func memberString(data []byte, i int, keys ...string) string {
	i = jsonscan.SkipSpace(data, i+1)
	for i < len(data) && data[i] == '"' {
		kend, escaped, err := jsonscan.String(data, i)
		if err != nil {
			return ""
		}
		key := string(data[i+1 : kend-1])
		if escaped {
			key = jsonscan.Unquote(data[i:kend])
		}
		v, err := jsonscan.Key(data, i)
		if err != nil {
			return ""
		}
		v = jsonscan.SkipSpace(data, v)
		if key == keys[0] {
			if len(keys) == 1 {
				if v < len(data) && data[v] == '"' {
					end, _, err := jsonscan.String(data, v)
					if err == nil {
						return jsonscan.Unquote(data[v:end])
					}
				}
				return ""
			}
			if v < len(data) && data[v] == '{' {
				return memberString(data, v, keys[1:]...)
			}
			return ""
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
