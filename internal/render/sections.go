package render

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"sync"

	"github.com/csmctl/csmctl/internal/model"
)

// showSection is one part of an event as show prints it: a titled table,
// or a few, for one family of the event's properties. Each lives in a file
// of its own, section_*.go, as a package variable (static data, no code at
// start-up) that the file's init function registers, so that adding an
// event family to show is adding one file.
// (Name no file section_linux.go or section_arm.go: Go would build it for
// that system only.)
type showSection struct {
	// name identifies the section in tests.
	name string
	// order places the section among the others, lowest first.
	order int
	// shows lists the top-level properties of model.Event the section is
	// for. The generic section shows those no section lists.
	shows []string
	// has reports whether the event has anything for the section.
	has func(ev *model.Event) bool
	// write writes the section's tables; it is called only when has is
	// true.
	write func(v *eventView)
}

// sectionRegistry is the sections ShowEvent writes, in order.
type sectionRegistry struct {
	sections []*showSection
	// uncovered lists, once every section is registered, the top-level
	// properties of model.Event that no section shows.
	uncovered     []string
	uncoveredOnce sync.Once
}

// showSections is the registry ShowEvent uses.
var showSections sectionRegistry

// headerShows lists the top-level properties ShowEvent's header line
// shows: evt's kind and outcome; its matched rules and variables have
// sections.
var headerShows = []string{"title", "date", "evt"}

// register adds s in its place. Two sections with one name or one order
// are a programming error, caught by the first test run.
func (r *sectionRegistry) register(s *showSection) {
	for _, o := range r.sections {
		if o.name == s.name || o.order == s.order {
			panic("render: show sections " + o.name + " and " + s.name + " share a name or an order")
		}
	}
	i, _ := slices.BinarySearchFunc(r.sections, s.order, func(o *showSection, order int) int { return o.order - order })
	r.sections = slices.Insert(r.sections, i, s)
}

// uncoveredProperties returns the top-level properties of model.Event that
// neither the header nor any registered section shows, in the order the
// model declares them.
func (r *sectionRegistry) uncoveredProperties() []string {
	r.uncoveredOnce.Do(func() {
		root, _ := model.ObjectOf(&model.Event{})
		for p := range root.Properties() {
			if !slices.Contains(headerShows, p.Key) && !slices.ContainsFunc(r.sections, func(s *showSection) bool {
				return slices.Contains(s.shows, p.Key)
			}) {
				r.uncovered = append(r.uncovered, p.Key)
			}
		}
	})
	return r.uncovered
}

// show writes ev as ShowEvent documents it, with the registry's sections.
func (r *sectionRegistry) show(buf *bytes.Buffer, ev *model.Event, src Source, l ShowLayout) {
	if l.Table.Palette == nil {
		l.Table.Palette = noColor.Get()
	}
	v := views.Get().(*eventView)
	*v = eventView{buf: buf, ev: ev, layout: l, p: l.Table.Palette, table: v.table, uncovered: r.uncoveredProperties()}
	v.header(src)
	for _, s := range r.sections {
		if s.has(ev) {
			s.write(v)
		}
	}
	buf.WriteByte('\n')
	*v = eventView{table: v.table} // the pool keeps neither the event nor the buffer
	views.Put(v)
}

// fieldRow adds a key/value row when the value is present.
func fieldRow(t *Table, key, value string) {
	if value != "" {
		t.Row(key, value)
	}
}

// styledFieldRow adds a key/value row with a styled value, when it is present.
func styledFieldRow(t *Table, key string, value Cell) {
	if value.Text != "" {
		t.StyledRow(Cell{Text: key}, value)
	}
}

// compactJSON encodes a decoded JSON value on one line, as written (no
// HTML escaping). It is untrusted text like any other: tables sanitize it.
func compactJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "?"
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// joinNonEmpty joins the parts that are not empty with sep.
func joinNonEmpty(sep string, parts ...string) string {
	// Sized first, so that it allocates once at most, and not at all for
	// one part: it runs for several cells of every event.
	size, count, only := 0, 0, ""
	for _, p := range parts {
		if p != "" {
			size, count, only = size+len(p), count+1, p
		}
	}
	if count < 2 {
		return only
	}
	var b strings.Builder
	b.Grow(size + (count-1)*len(sep))
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
	}
	return b.String()
}
