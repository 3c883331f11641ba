package schema

import (
	"bytes"
	"sync"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// Auto is the schema name that picks, event by event, the schema of the
// agent that sent it: by agent.os, else by the event's shape (see pickOS).
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
	end, findings, _, err := b.validate(data, start, findings)
	return end, findings, err
}

func (b *byOS) choose(data []byte, start int) (Validator, Choice) {
	c := pickOS(data, start)
	return b.schema(c.Schema), c
}

// schema returns the validator of the built-in schema named name.
func (b *byOS) schema(name string) Validator {
	pick := b.windows
	if name == "linux" {
		pick = b.linux
	}
	v, err := pick()
	if err != nil { // the embedded schemas compile: TestBuiltinSchemas
		panic(err)
	}
	return v
}

// validate validates the value at data[start] with the schema pickOS
// chooses, and says which. It reads the value once, most of the time: the
// schema is chosen by the first agent.os, which agents write first, and
// the compiled validator reports the last one, which decides; only when
// they differ (a repeated agent or os key), or when there is none, is the
// value read again.
func (b *byOS) validate(data []byte, start int, findings []Finding) (int, []Finding, Choice, *jsonscan.SyntaxError) {
	guess := osOf(jsonscan.FirstMember(data, start, "agent", "os"))
	if guess == "linux" || guess == "windows" {
		if c, ok := b.schema(guess).(*compiled); ok {
			end, out, last, err := c.validate(data, start, findings)
			// A syntax error is left to the path below, which words it as
			// the schema pickOS chooses has it.
			if err == nil && osOf(last) == guess {
				return end, out, Choice{Schema: guess, By: ByAgentOS}, err
			}
		}
	}
	v, choice := b.choose(data, start)
	end, out, err := v.Validate(data, start, findings)
	return end, out, choice, err
}

// agentOS returns the value of agent.os in the object at data[i], the last
// agent's as the validator checks the last, reading little more than the
// agent object (the first member, in agents' output). Anything unexpected
// gives "": the validator then reports it.
func agentOS(data []byte, i int) string {
	return osOf(jsonscan.Member(data, i, "agent", "os"))
}

// osOf is the text of the agent.os literal lit, or "" when it is not a
// string.
func osOf(lit []byte) string {
	if len(lit) == 0 || lit[0] != '"' {
		return ""
	}
	if bytes.IndexByte(lit, '\\') < 0 {
		return string(lit[1 : len(lit)-1]) // short: no decoding needed
	}
	return jsonscan.Unquote(lit)
}
