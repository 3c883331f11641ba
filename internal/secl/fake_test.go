package secl

import (
	"fmt"
	"net/netip"
	"time"
)

// testFields is a small field table in the agent's names.
var testFields = fakeFields{
	"exec.file.path":              {Type: TypeString, Path: true, EventType: "exec"},
	"exec.file.name":              {Type: TypeString, EventType: "exec"},
	"exec.args_flags":             {Type: TypeString, Array: true, EventType: "exec"},
	"process.file.path":           {Type: TypeString, Path: true},
	"process.file.name":           {Type: TypeString},
	"process.comm":                {Type: TypeString},
	"process.pid":                 {Type: TypeInt},
	"process.uid":                 {Type: TypeInt},
	"process.argv":                {Type: TypeString, Array: true},
	"process.is_thread":           {Type: TypeBool},
	"process.created_at":          {Type: TypeTime},
	"process.ancestors.file.name": {Type: TypeString, Array: true},
	"process.ancestors.pid":       {Type: TypeInt, Array: true},
	"container.id":                {Type: TypeString},
	"open.file.path":              {Type: TypeString, Path: true, EventType: "open"},
	"open.file.name":              {Type: TypeString, EventType: "open"},
	"open.flags":                  {Type: TypeInt, EventType: "open"},
	"dns.question.name":           {Type: TypeString, CaseInsensitive: true, EventType: "dns"},
	"dns.question.type":           {Type: TypeInt, EventType: "dns"},
	"connect.addr.ip":             {Type: TypeIP, EventType: "connect"},
	"connect.addr.family":         {Type: TypeInt, EventType: "connect"},
	"signal.type":                 {Type: TypeInt, EventType: "signal"},
	"ptrace.request":              {Type: TypeInt, EventType: "ptrace"},
	"bpf.cmd":                     {Type: TypeInt, EventType: "bpf"},
	"mmap.protection":             {Type: TypeInt, EventType: "mmap"},
	"syscalls.length":             {Type: TypeInt},
	"network.destination.ip":      {Type: TypeIP},
	"exec.args_options":           {Type: TypeString, Array: true, EventType: "exec"},
}

type fakeFields map[string]FieldSpec

func (f fakeFields) Lookup(name string) (FieldSpec, error) {
	s, ok := f[name]
	if !ok {
		return FieldSpec{}, fmt.Errorf("unknown field %s", name)
	}
	return s, nil
}

// fakeEvent holds its values by field; it counts the fields asked for.
type fakeEvent struct {
	typ    string
	vals   map[string][]Value
	at     time.Time
	scopes map[string]string
	asked  map[string]int
}

func (e *fakeEvent) Type() string { return e.typ }
func (e *fakeEvent) Values(f string) []Value {
	if e.asked != nil {
		e.asked[f]++
	}
	return e.vals[f]
}
func (e *fakeEvent) Time() time.Time { return e.at }
func (e *fakeEvent) ScopeKey(s string) (string, bool) {
	k, ok := e.scopes[s]
	return k, ok
}

func str(s ...string) []Value {
	out := make([]Value, len(s))
	for i, x := range s {
		out[i] = Value{Str: x}
	}
	return out
}

func ints(n ...int64) []Value {
	out := make([]Value, len(n))
	for i, x := range n {
		out[i] = Value{Int: x}
	}
	return out
}

func ip(s string) []Value {
	a := netip.MustParseAddr(s)
	return []Value{{IP: netip.PrefixFrom(a, a.BitLen())}}
}

var t0 = time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)

// execEvent is `curl` run by bash under sshd, in a container.
func execEvent() *fakeEvent {
	return &fakeEvent{typ: "exec", at: t0, scopes: map[string]string{"process": "4242"}, vals: map[string][]Value{
		"exec.file.path":              str("/usr/bin/curl"),
		"exec.file.name":              str("curl"),
		"exec.args_flags":             str("s", "L"),
		"process.file.path":           str("/usr/bin/curl"),
		"process.file.name":           str("curl"),
		"process.comm":                str("curl"),
		"process.pid":                 ints(4242),
		"process.uid":                 ints(1000),
		"process.argv":                str("-sL", "http://x.example/a.sh"),
		"process.is_thread":           {{Bool: false}},
		"process.created_at":          ints(t0.Add(-3 * time.Second).UnixNano()),
		"process.ancestors.file.name": str("bash", "sshd", "systemd"),
		"process.ancestors.pid":       ints(4200, 900, 1),
		"container.id":                str("c0ffee"),
	}}
}
