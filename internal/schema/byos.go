package schema

import (
	"sync"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// Auto is the schema name that picks, event by event, the schema of the
// agent that sent it: agent.os "linux" gets the Linux schema, anything else
// (Windows, or no agent.os) the Windows one.
const Auto = "auto"

// byOS validates each event with the schema of its agent's OS. Each schema
// is compiled when the first event that needs it comes, so a log from one
// OS does not pay for the other's.
type byOS struct {
	windows, linux func() (Validator, error)
}

func newByOS() Validator {
	return &byOS{
		windows: sync.OnceValues(func() (Validator, error) { return builtin(windowsSchema) }),
		linux:   sync.OnceValues(func() (Validator, error) { return builtin(linuxSchema) }),
	}
}

func (b *byOS) Compiled() bool { return true }

func (b *byOS) Validate(data []byte, start int, findings []Finding) (int, []Finding, *jsonscan.SyntaxError) {
	pick := b.windows
	if agentOS(data, start) == "linux" {
		pick = b.linux
	}
	v, err := pick()
	if err != nil { // the embedded schemas compile: TestBuiltinSchemas
		panic(err)
	}
	return v.Validate(data, start, findings)
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
// It runs on every event, so it compares keys in place and scans each once.
func memberString(data []byte, i int, keys ...string) string {
	i = jsonscan.SkipSpace(data, i+1)
	for i < len(data) && data[i] == '"' {
		kend, escaped, err := jsonscan.String(data, i)
		if err != nil {
			return ""
		}
		match := !escaped && string(data[i+1:kend-1]) == keys[0] ||
			escaped && jsonscan.Unquote(data[i:kend]) == keys[0]
		v := jsonscan.SkipSpace(data, kend)
		if v >= len(data) || data[v] != ':' {
			return ""
		}
		v = jsonscan.SkipSpace(data, v+1)
		if match {
			if len(keys) == 1 {
				if v < len(data) && data[v] == '"' {
					if end, escaped, err := jsonscan.String(data, v); err == nil {
						if !escaped {
							return string(data[v+1 : end-1]) // short: no decoding needed
						}
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
