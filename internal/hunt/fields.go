// Package hunt evaluates the Datadog agent's SECL rules offline, over
// stored backend events: the declarative mapping from SECL fields to the
// backend JSON (Mapping), a lazy secl.Event over an event's raw bytes
// (Event), and the work function and printers of `csmctl hunt`.
package hunt

import (
	"fmt"
	"sort"
	"strings"

	"github.com/csmctl/csmctl/internal/memo"
	"github.com/csmctl/csmctl/internal/secl"
)

// Source says how a field's values come from the backend JSON.
type Source uint8

const (
	// Exact: the member holds the agent's value as it evaluated it.
	Exact Source = iota
	// Derived: computed from members that hold it another way (argv from
	// args, a name from a path's basename, a count of an array).
	Derived
	// Unavailable: backend events do not carry it; an expression that
	// reads it does not compile.
	Unavailable
)

var sourceNames = [...]string{"exact", "derived", "unavailable"}

func (s Source) String() string { return sourceNames[s] }

// conv is how the JSON values of a field become secl values.
type conv uint8

const (
	convString      conv = iota
	convInt              // an integer
	convBool             // true or false
	convIP               // an address or a CIDR, as a string
	convTime             // an RFC 3339 date: Unix nanoseconds
	convConstants        // constant names, "A | B" or ["A", "B"]: their values or'ed
	convBasename         // the last element of a path
	convCount            // the number of elements of an array
	convArgs             // an args array: one string, its elements joined by spaces
	convArgsFlags        // an args array: its flags (-ln: l and n; --version: version)
	convArgsOptions      // an args array: its options (-T 8: T=8; --width=8: width=8)
	convEnvNames         // an envs array: the names, before =
	convRights           // a mode: its permission bits, mode & 07777
)

// Field is one SECL field and where its values are in backend JSON.
type Field struct {
	Name   string
	Spec   secl.FieldSpec
	Source Source
	// JSON is the member read, as a JSON pointer; "*" steps into every
	// element of an array ("/process/ancestors/*/executable/name").
	JSON string
	// Fallback, when set, is read when JSON is absent (a file's name,
	// derived from its path's basename).
	Fallback string
	conv     conv
	fbConv   conv
	ptr      pointer // JSON, parsed
	fbPtr    pointer // Fallback, parsed
	// Note says how a derived field is derived, or why a field is
	// unavailable.
	Note string
	// elsewhere: a field of another OS's mapping, in a view (see viewOf):
	// it compiles, and has no value on this OS's events.
	elsewhere bool
}

// Mapping is the set of SECL fields csmctl knows, by name.
type Mapping struct {
	byName map[string]*Field
	list   []*Field
}

// linuxMapping maps the Linux agent's fields to backend_linux events. It
// is built on first use: it takes some 3 000 allocations that every other
// command would pay at start-up.
var linuxMapping = memo.Value[*Mapping]{New: func() *Mapping { return newMapping(linuxFields()) }}

// Linux is the mapping of the Linux agent's fields to backend_linux events.
func Linux() *Mapping { return linuxMapping.Get() }

func newMapping(fields []Field) *Mapping {
	m := &Mapping{byName: make(map[string]*Field, len(fields))}
	for i := range fields {
		f := &fields[i]
		if _, dup := m.byName[f.Name]; dup {
			panic("hunt: field " + f.Name + " mapped twice")
		}
		f.ptr, f.fbPtr = parsePointer(f.JSON), parsePointer(f.Fallback)
		m.byName[f.Name] = f
		m.list = append(m.list, f)
	}
	sort.Slice(m.list, func(i, j int) bool { return m.list[i].Name < m.list[j].Name })
	return m
}

// Fields returns every field, in name order.
func (m *Mapping) Fields() []*Field { return m.list }

// Field returns the field named as the mapping declares it; FIELD.length,
// which Lookup and Event.Values derive from FIELD, is not one.
func (m *Mapping) Field(name string) (*Field, bool) {
	if f, ok := m.byName[name]; ok {
		return f, true
	}
	return nil, false
}

// FieldError is a field an expression names that csmctl cannot evaluate.
type FieldError struct {
	Field string
	Why   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Why }

// Lookup implements secl.Fields: an unknown field, or one backend events
// do not carry, is a *FieldError naming it.
func (m *Mapping) Lookup(name string) (secl.FieldSpec, error) {
	if f, ok := m.byName[name]; ok {
		if f.Source == Unavailable {
			return secl.FieldSpec{}, &FieldError{Field: name, Why: "not available in backend events: " + f.Note}
		}
		return f.Spec, nil
	}
	if base, ok := strings.CutSuffix(name, ".length"); ok {
		if f, ok := m.byName[base]; ok && f.Source != Unavailable && (f.Spec.Array || f.Spec.Type == secl.TypeString) {
			return secl.FieldSpec{Type: secl.TypeInt, EventType: f.Spec.EventType}, nil
		}
	}
	return secl.FieldSpec{}, &FieldError{Field: name, Why: "unknown field (csmctl hunt --fields lists them)"}
}

// describe is the field's line in --fields: how it is read.
func (f *Field) describe() string {
	switch f.Source {
	case Unavailable:
		return f.Note
	case Derived:
		if f.Note != "" {
			return fmt.Sprintf("%s (%s)", f.JSON, f.Note)
		}
	}
	if f.Fallback != "" {
		return fmt.Sprintf("%s, else %s", f.JSON, f.Note)
	}
	return f.JSON
}
