package render

import (
	"slices"
	"strconv"
	"strings"

	"github.com/csmctl/csmctl/internal/model"
)

// restRows adds a row for each property of the schema object p points to
// that is present and not among shown, the keys after prefix and those of
// nested objects joined with dots (question.class, flows.0.egress.size),
// so that a section shows every field, its dedicated rows first: a field
// the model gains is never hidden because no row names it. A shown key
// with a dot ("addr.ip") leaves out that property of a nested object
// alone, in every item of a list. Nothing when p is nil.
func restRows(t *Table, prefix string, p any, shown ...string) {
	if o, ok := model.ObjectOf(p); ok {
		objectRestRows(t, prefix, o, shown, false)
	}
}

// objectRestRows is restRows for an object seen through the model's
// table. Rule variables are left to the variables section, which shows
// those of every object. With cover, it also marks each present key it
// does not leave out as covered (prefix + key), in the same walk over the
// present properties.
func objectRestRows(t *Table, prefix string, o model.Object, shown []string, cover bool) {
	for p := range o.Present() {
		if slices.Contains(shown, p.Key) {
			continue
		}
		if cover {
			t.covered = append(t.covered, prefix+p.Key)
		}
		if p.HoldsObjects() {
			mark := len(t.within)
			t.within = shownWithin(t.within, shown, p.Key)
			objectsRows(t, prefix+p.Key, p, t.within[mark:])
			t.within = t.within[:mark]
			continue
		}
		v := p.Value() // once: an Int or a Time is copied into an allocation
		if _, ok := v.(model.Variables); !ok {
			t.Row(prefix+p.Key, restText(p.Key, v))
		}
	}
}

// propertyRows adds the rows of property p, named key ("" for the
// property a section is for): one row for a value, or the rest of each
// object it holds, as objectsRows names them.
func propertyRows(t *Table, key string, p model.Property) {
	if p.HoldsObjects() {
		objectsRows(t, key, p, nil)
		return
	}
	if key == "" {
		key = p.Key
	}
	t.Row(key, restText(p.Key, p.Value()))
}

// objectsRows adds the rest rows of each object p holds but for the keys
// in shown, under key, then its index for a list's items
// (ancestors.0.pid).
func objectsRows(t *Table, key string, p model.Property, shown []string) {
	for i, child := range p.Objects() {
		prefix := key
		if i >= 0 {
			prefix = joinNonEmpty(".", key, strconv.Itoa(i))
		}
		if prefix != "" {
			prefix += "."
		}
		objectRestRows(t, prefix, child, shown, false)
	}
}

// shownWithin appends to inner the shown keys of the object under key, and
// returns the extended slice: "addr.ip" is "ip" within addr.
func shownWithin(inner, shown []string, key string) []string {
	for _, s := range shown {
		if rest, ok := strings.CutPrefix(s, key); ok && strings.HasPrefix(rest, ".") {
			inner = append(inner, rest[1:])
		}
	}
	return inner
}

// restText is the value v of the property named key in a rest row: a mode
// decoded, anything else as propertyText writes it.
func restText(key string, v any) string {
	if mode, ok := v.(model.Int); ok && key == "mode" {
		return fileModeText(mode)
	}
	return propertyText(v)
}

// coveredRows is a section's table with the dotted keys its dedicated rows
// have shown, for sections whose rows are written by helpers shared with
// other sections (a file's, a process's): restOf then shows the rest of an
// object as restRows does.
//
// The keys are kept in the table's own list, emptied with the table for
// each section, so that their storage is reused from one section and one
// event to the next.
type coveredRows struct {
	t *Table
}

// row adds a key/value row when the value is present and no row showed
// key already, and marks key and covers as shown either way: an absent
// value has nothing to show.
func (r *coveredRows) row(key, value string, covers ...string) {
	// The value first: most keys a section names are absent from an
	// event, and an absent one needs no search of the covered keys.
	if value != "" && !slices.Contains(r.t.covered, key) {
		r.t.Row(key, value)
	}
	r.cover(key)
	r.cover(covers...)
}

// cover marks keys as shown by a dedicated row, or, for a key that holds
// objects, by a function that shows them with their own rest.
func (r *coveredRows) cover(keys ...string) { r.t.covered = append(r.t.covered, keys...) }

// restOf adds the rest rows of the schema object p points to, named
// prefix + its keys, leaving out the keys marked as shown, and marks
// those it adds as shown, so that a second restOf over an object
// that embeds it (a FileEvent its File) skips them. Nothing when p is nil.
func (r *coveredRows) restOf(p any, prefix string) {
	o, ok := model.ObjectOf(p)
	if !ok {
		return
	}
	shown := r.t.covered
	if prefix != "" {
		mark := len(r.t.within)
		r.t.within = shownWithin(r.t.within, r.t.covered, strings.TrimSuffix(prefix, "."))
		shown = r.t.within[mark:]
		defer func() { r.t.within = r.t.within[:mark] }()
	}
	// shown keeps its length while the walk appends to r.t.covered: the
	// keys it marks are not among those it leaves out.
	objectRestRows(r.t, prefix, o, shown, true)
}
