package hunt

import (
	"fmt"

	"github.com/csmctl/csmctl/internal/memo"
	"github.com/csmctl/csmctl/internal/schema"
)

// Platform is which mapping expressions compile against: --os.
type Platform uint8

const (
	// Auto compiles each rule against both mappings and evaluates each
	// event with the one of its OS, chosen as validate chooses its schema
	// (agent.os, else the event's shape). A field of one OS only is no
	// error: it has no value on the other's events.
	Auto Platform = iota
	// OnlyLinux compiles against the Linux mapping and reads every event
	// with it; a Windows field is unknown.
	OnlyLinux
	// OnlyWindows compiles against the Windows mapping and reads every
	// event with it; a Linux field is unknown.
	OnlyWindows
)

// ParsePlatform reads --os: "" or "auto", "linux", "windows".
func ParsePlatform(s string) (Platform, error) {
	switch s {
	case "", "auto":
		return Auto, nil
	case "linux":
		return OnlyLinux, nil
	case "windows":
		return OnlyWindows, nil
	}
	return Auto, fmt.Errorf("--os: %q is not auto, linux or windows", s)
}

// FieldList is the mapping --fields lists: Windows' with OnlyWindows,
// else Linux's.
func (p Platform) FieldList() *Mapping {
	if p == OnlyWindows {
		return Windows()
	}
	return Linux()
}

// Views of each OS's mapping completed with the other's fields, which have
// no value there: what Auto compiles against, so that one expression reads
// the fields of both.
var (
	linuxView   = memo.Value[*Mapping]{New: func() *Mapping { return viewOf(Linux(), Windows()) }}
	windowsView = memo.Value[*Mapping]{New: func() *Mapping { return viewOf(Windows(), Linux()) }}
)

// viewOf is own with the fields only other has, and those own does not
// carry but other does, marked as read elsewhere: they compile, with
// other's type, and have no value. A field neither carries stays
// unavailable, with own's reason.
func viewOf(own, other *Mapping) *Mapping {
	fields := make([]Field, 0, len(own.list)+len(other.list))
	for _, f := range own.list {
		fields = append(fields, elsewhereIf(*f, other, f.Source == Unavailable))
	}
	for _, f := range other.list {
		if _, ok := own.byName[f.Name]; !ok {
			fields = append(fields, elsewhereIf(*f, other, true))
		}
	}
	return newMapping(fields)
}

// elsewhereIf is f, read from no member when on is set and other carries a
// field of f's name.
func elsewhereIf(f Field, other *Mapping, on bool) Field {
	o, ok := other.byName[f.Name]
	if !on || !ok || o.Source == Unavailable {
		return f
	}
	return Field{Name: f.Name, Spec: o.Spec, Source: o.Source, elsewhere: true,
		Note: "a field of the other OS: no value on this OS's events"}
}

// compile compiles the rules build makes against the mapping of p; with
// Auto, once against each OS's view, the Windows one kept in Rules.win.
func compile(p Platform, build func(m *Mapping) (*Rules, error)) (*Rules, error) {
	switch p {
	case OnlyLinux:
		return build(Linux())
	case OnlyWindows:
		return build(Windows())
	}
	r, err := build(linuxView.Get())
	if err != nil {
		return nil, err
	}
	if r.win, err = build(windowsView.Get()); err != nil {
		return nil, err
	}
	return r, nil
}

// isWindows reports whether the event is read with the Windows mapping.
func (e *Event) isWindows() bool {
	if !e.osRead {
		e.windows, e.osRead = schema.OSOf(e.raw) == "windows", true
	}
	return e.windows
}
