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
	v, _ := b.choose(data, start)
	return v.Validate(data, start, findings)
}

func (b *byOS) choose(data []byte, start int) (Validator, Choice) {
	c := pickOS(data, start)
	pick := b.windows
	if c.Schema == "linux" {
		pick = b.linux
	}
	v, err := pick()
	if err != nil { // the embedded schemas compile: TestBuiltinSchemas
		panic(err)
	}
	return v, c
}

// agentOS returns the value of agent.os in the object at data[i], the last
// agent's as the validator checks the last, reading little more than the
// agent object (the first member, in agents' output). Anything unexpected
// gives "": the validator then reports it.
func agentOS(data []byte, i int) string {
	lit := jsonscan.Member(data, i, "agent", "os")
	if len(lit) == 0 || lit[0] != '"' {
		return ""
	}
	if bytes.IndexByte(lit, '\\') < 0 {
		return string(lit[1 : len(lit)-1]) // short: no decoding needed
	}
	return jsonscan.Unquote(lit)
}
