package render

import (
	"github.com/csmctl/csmctl/internal/record"
	"slices"

	"github.com/csmctl/csmctl/internal/model"
)

func init() { showSections.register(&genericSection) }

var genericSection = showSection{
	name: "generic", order: 1000,
	// Whether the event has a property no section shows is the
	// registry's question, not the event's: generic writes nothing
	// when it has none.
	has:   func(*model.Event) bool { return true },
	write: (*eventView).generic,
}

// generic shows, from the model's reflective table alone, each top-level
// property of the event that no section shows, so that a property the model
// gains is never silently left out of show: a table titled with its key,
// one row for each value it holds, the keys of nested objects joined with
// dots (destination.path, ancestors.0.pid). Their unknown properties are
// under other fields, and their variables under variables, as everywhere.
func (v *eventView) generic() {
	if len(v.uncovered) == 0 {
		return
	}
	root, _ := model.ObjectOf(v.ev)
	for p := range root.Present() {
		if slices.Contains(v.uncovered, p.Key) {
			v.section(p.Key, func(t *Table) { propertyRows(t, "", p) })
		}
	}
}

// propertyText is a property's value as a table shows it: text as it is,
// integers and dates as the dedicated sections show them, anything else as
// compact JSON.
func propertyText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case model.Int:
		return record.IntText(v)
	case model.Time:
		return timeText(v)
	}
	return compactJSON(v)
}
