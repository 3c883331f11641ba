package render

import (
	"slices"
	"strconv"
	"strings"

	"github.com/csmctl/csmctl/internal/model"
)

// restRows adds a row for each property of the event's schema object at
// path (dotted keys from the top: "ptrace.tracee") that is present and not
// among shown, the keys after prefix and those of nested objects joined
// with dots (question.class, flows.0.egress.size), so that a family's
// section shows every field, its dedicated rows first. A shown key with a
// dot ("addr.ip") leaves out that property of a nested object alone, in
// every item of a list. A mode is shown as fileModeText shows it; rule
// variables are left to the variables section.
func restRows(t *Table, prefix string, ev *model.Event, path string, shown ...string) {
	if o, ok := objectAt(ev, path); ok {
		objectRestRows(t, prefix, o, shown)
	}
}

// objectAt finds the object at path from the event's own object, whose
// table the model keeps: model.ObjectOf on a nested type builds the table
// of that type anew on every call.
func objectAt(ev *model.Event, path string) (model.Object, bool) {
	o, ok := model.ObjectOf(ev)
	for key := range strings.SplitSeq(path, ".") {
		if !ok {
			break
		}
		ok = false
		for p := range o.Properties() {
			if p.Key != key {
				continue
			}
			for _, child := range p.Objects() {
				o, ok = child, true
				break
			}
			break
		}
	}
	return o, ok
}

func objectRestRows(t *Table, prefix string, o model.Object, shown []string) {
	for p := range o.Properties() {
		if p.IsZero() || slices.Contains(shown, p.Key) {
			continue
		}
		if _, ok := p.Value().(model.Variables); ok {
			continue // the variables section shows those of every context
		}
		key := prefix + p.Key
		if !p.HoldsObjects() {
			t.Row(key, restText(p))
			continue
		}
		inner := shownWithin(shown, p.Key)
		for i, child := range p.Objects() {
			childPrefix := key + "."
			if i >= 0 {
				childPrefix = key + "." + strconv.Itoa(i) + "."
			}
			objectRestRows(t, childPrefix, child, inner)
		}
	}
}

// shownWithin returns the shown keys of the object under key: "addr.ip"
// is "ip" within addr.
func shownWithin(shown []string, key string) []string {
	var inner []string
	for _, s := range shown {
		if rest, ok := strings.CutPrefix(s, key); ok && strings.HasPrefix(rest, ".") {
			inner = append(inner, rest[1:])
		}
	}
	return inner
}

// restText is a property's value in a rest row: a mode decoded, anything
// else as the generic section shows it.
func restText(p model.Property) string {
	if mode, ok := p.Value().(model.Int); ok && p.Key == "mode" {
		return fileModeText(mode)
	}
	return propertyText(p.Value())
}
