package render

import (
	"slices"
	"strconv"

	"github.com/csmctl/csmctl/internal/model"
)

// coveredRows is a section's table with the dotted keys its dedicated rows
// have shown, so that rest can show every other property of the object:
// a field the model gains is never hidden because no row names it.
type coveredRows struct {
	t       *Table
	covered []string
}

// row adds a key/value row when the value is present and no row showed
// key already, and marks key and covers as shown either way: an absent
// value has nothing to show.
func (r *coveredRows) row(key, value string, covers ...string) {
	if !slices.Contains(r.covered, key) {
		fieldRow(r.t, key, value)
	}
	r.cover(key)
	r.cover(covers...)
}

// cover marks keys as shown by a dedicated row, or, for a key that holds
// objects, by a function that shows them with their own rest.
func (r *coveredRows) cover(keys ...string) { r.covered = append(r.covered, keys...) }

// rest adds a row for each present property of o, named prefix + its key,
// that no row marked as shown: nested objects flattened with dotted keys,
// values as written, each marked as shown. Variables are left to the
// variables section, which shows those of every object.
func (r *coveredRows) rest(o model.Object, prefix string) {
	for p := range o.Properties() {
		if p.IsZero() {
			continue
		}
		key := prefix + p.Key
		if slices.Contains(r.covered, key) {
			continue
		}
		if _, ok := p.Value().(model.Variables); ok {
			continue
		}
		r.property(p, key)
	}
}

// property adds the rows of property p, named key ("" for the property a
// section is for), and marks it as shown: one row for a value, the rest of
// each object it holds under key, then its index for a list's items
// (ancestors.0.pid).
func (r *coveredRows) property(p model.Property, key string) {
	r.cover(key) // so that a second rest over an enclosing object skips it
	if !p.HoldsObjects() {
		if key == "" {
			key = p.Key
		}
		r.t.Row(key, propertyText(p.Value()))
		return
	}
	for i, obj := range p.Objects() {
		prefix := key
		if i >= 0 {
			prefix = joinNonEmpty(".", key, strconv.Itoa(i))
		}
		if prefix != "" {
			prefix += "."
		}
		r.rest(obj, prefix)
	}
}

// restOf is rest for the schema object p points to; nothing when p is nil.
func (r *coveredRows) restOf(p any, prefix string) {
	if o, ok := model.ObjectOf(p); ok {
		r.rest(o, prefix)
	}
}
