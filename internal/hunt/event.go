package hunt

import (
	"strings"
	"time"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/rfc3339"
	"github.com/csmctl/csmctl/internal/secl"
)

// Event is one backend event, its raw bytes, as the evaluator reads it: a
// field's values are read from the bytes the first time an expression asks
// for them (only the members the field is made of), and kept until Reset.
// Keys follow csmctl's one rule: of repeated keys, the last wins.
type Event struct {
	mapping *Mapping
	// win, when set, is the mapping of Windows events (isWindows), mapping
	// then being that of the others.
	win *Mapping
	// constant is the value of an agent constant's name (AF_INET, O_TRUNC);
	// false for a name it does not know.
	constant func(name string) (int64, bool)
	raw      []byte

	typ     string
	typRead bool
	windows bool
	osRead  bool
	cache   []cached
}

// cached is one field's values on the current event.
type cached struct {
	field  string
	values []secl.Value
}

// NewEvent returns an Event reading fields through m, and the agent's
// constants through constant.
func NewEvent(m *Mapping, constant func(name string) (int64, bool)) *Event {
	return &Event{mapping: m, constant: constant}
}

// Reset makes e the event raw, forgetting what was read of the previous one.
func (e *Event) Reset(raw []byte) {
	e.raw = raw
	e.typ, e.typRead = "", false
	e.osRead = false
	e.cache = e.cache[:0]
}

// Raw is the event's bytes.
func (e *Event) Raw() []byte { return e.raw }

// Type is evt.name, "" when absent or not a string.
func (e *Event) Type() string {
	if !e.typRead {
		e.typ, e.typRead = e.str("evt", "name"), true
	}
	return e.typ
}

// str is the string at keys, "" when absent or not a string.
func (e *Event) str(keys ...string) string {
	v := jsonscan.Member(e.raw, 0, keys...)
	if len(v) == 0 || v[0] != '"' {
		return ""
	}
	return jsonscan.Unquote(v)
}

// Time is the event's date; zero when absent or not a date.
func (e *Event) Time() time.Time {
	v := jsonscan.Member(e.raw, 0, "date")
	if len(v) < 2 || v[0] != '"' {
		return time.Time{}
	}
	t, err := rfc3339.Parse([]byte(jsonscan.Unquote(v)))
	if err != nil {
		return time.Time{}
	}
	return t
}

// ScopeKey names the process (its pid and exec time), container or cgroup
// the event belongs to, for variables of that scope.
func (e *Event) ScopeKey(scope string) (string, bool) {
	var key string
	switch scope {
	case "process":
		pid := jsonscan.Member(e.raw, 0, "process", "pid")
		if _, ok := jsonscan.Int(pid); !ok {
			return "", false
		}
		key = string(pid) + "@" + e.str("process", "exec_time")
	case "container":
		key = e.str("container", "id")
	case "cgroup":
		key = e.str("cgroup", "id")
	}
	return key, key != ""
}

// Values returns the values of the field named on the event: nil when the
// event does not carry it, an empty slice when it does with a value of the
// wrong type (a pid written "42", a constant name the agent does not have),
// so that no value is invented for it. The slice is valid until Reset.
func (e *Event) Values(field string) []secl.Value {
	for i := range e.cache {
		if e.cache[i].field == field {
			return e.cache[i].values
		}
	}
	vals := e.read(field)
	e.cache = append(e.cache, cached{field: field, values: vals})
	return vals
}

func (e *Event) read(name string) []secl.Value {
	m := e.mapping
	if e.win != nil && e.isWindows() {
		m = e.win
	}
	f, ok := m.Field(name)
	if !ok {
		base, isLength := strings.CutSuffix(name, ".length")
		if f, ok = m.Field(base); !ok || !isLength {
			return nil
		}
		vals := e.Values(base)
		if f.Spec.Array && f.Spec.Type != secl.TypeString {
			return []secl.Value{{Int: int64(len(vals))}}
		}
		if vals == nil {
			return nil
		}
		// each string's length, as the agent reads .length on a string
		// field, an array of strings included
		lengths := make([]secl.Value, len(vals))
		for i, v := range vals {
			lengths[i] = secl.Value{Int: int64(len(v.Str))}
		}
		return lengths
	}
	if f.Source == Unavailable || f.elsewhere {
		return nil
	}
	vals, present := e.at(f, f.ptr, f.conv, nil)
	if !present && f.Fallback != "" {
		vals, present = e.at(f, f.fbPtr, f.fbConv, nil)
	}
	if present && vals == nil {
		// There, but of the wrong type: no value, and not absent either.
		return []secl.Value{}
	}
	return vals
}

// at appends the values of the member at ptr, converted, and reports
// whether the member is there (not null); with "*", whether some element
// has it.
func (e *Event) at(f *Field, ptr pointer, c conv, dst []secl.Value) ([]secl.Value, bool) {
	v := jsonscan.Member(e.raw, 0, ptr.outer...)
	if isAbsent(v) {
		return dst, false
	}
	if !ptr.each {
		return e.convert(f, c, v, dst), true
	}
	present := false
	forEach(v, func(el []byte) {
		if len(ptr.inner) > 0 {
			el = jsonscan.Member(el, 0, ptr.inner...)
		}
		if !isAbsent(el) {
			present = true
			dst = e.convert(f, c, el, dst)
		}
	})
	return dst, present
}

// isAbsent reports a member that is not there, or null: the backend leaves
// out what it does not have, and null says no more.
func isAbsent(v []byte) bool { return v == nil || string(v) == "null" }

// pointer is a Field's JSON pointer split into keys: the keys to an array
// and, with each, the keys within each of its elements.
type pointer struct {
	outer, inner []string
	each         bool
}

func parsePointer(ptr string) pointer {
	outer, inner, each := strings.Cut(ptr, "/*")
	keys := func(s string) []string {
		if s = strings.TrimPrefix(s, "/"); s == "" {
			return nil
		}
		return strings.Split(s, "/")
	}
	return pointer{outer: keys(outer), inner: keys(inner), each: each}
}

// forEach calls fn with each element of the JSON array arr; nothing when
// arr is not an array or stops being well formed.
func forEach(arr []byte, fn func(el []byte)) {
	i := jsonscan.SkipSpace(arr, 0)
	if i >= len(arr) || arr[i] != '[' {
		return
	}
	i = jsonscan.SkipSpace(arr, i+1)
	if i < len(arr) && arr[i] == ']' {
		return
	}
	for {
		end, err := jsonscan.Skip(arr, i, 1)
		if err != nil {
			return
		}
		fn(arr[i:end])
		next, more, serr := jsonscan.AfterElement(arr, end, ']')
		if serr != nil || !more {
			return
		}
		i = next
	}
}

// int is the integer at keys; false when absent or not an integer.
func (e *Event) int(keys ...string) (int64, bool) {
	return jsonscan.Int(jsonscan.Member(e.raw, 0, keys...))
}
