package render

import (
	"bytes"
	"encoding/json"
	"sync"
	"time"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/model"
)

// ShowLayout is how ShowEvent lays an event out.
type ShowLayout struct {
	// Table says where the output goes: terminal or pipe, width, colours.
	Table TableOptions
	// Now is the time relative ages are counted from; the zero time shows
	// no ages.
	Now time.Time
	// Verbose adds, under the lineage table, every property of each
	// ancestor.
	Verbose bool
}

// ShowEvent appends to buf the event ev, read at file:line, as csmctl show
// prints it: a header line, then the tables of each registered section the
// event has (sections.go), in their order, then a blank line.
func ShowEvent(buf *bytes.Buffer, ev *model.Event, src Source, l ShowLayout) {
	showSections.show(buf, ev, src, l)
}

// Source is where an event came from: its file and line, and for an event
// unwrapped from a Datadog envelope, the host and log id it carried.
type Source struct {
	File        string
	Line        int
	Host, LogID string
}

// views are the event views, each with its table, ShowEvent reuses from
// one event to the next: sections are called through the registry, so a
// view would not stay on the stack.
var views = sync.Pool{New: func() any { return &eventView{table: new(Table)} }}

// eventView renders one event's sections into buf.
type eventView struct {
	buf    *bytes.Buffer
	ev     *model.Event
	layout ShowLayout
	p      *iostreams.Palette
	table  *Table // reused by every section
	// uncovered lists the top-level properties of model.Event no section
	// shows, for the generic section.
	uncovered []string
}

// sectionIndent is how far a section's table sits under its title.
const sectionIndent = 2

// section writes a title and, under it, the table fill builds; nothing at
// all if fill adds no row.
func (v *eventView) section(title string, fill func(t *Table)) {
	opts := v.layout.Table
	opts.Indent = sectionIndent
	t := v.table
	t.reset(v.buf, opts)
	fill(t)
	if t.Len() == 0 {
		return
	}
	v.buf.Write(v.p.Append(v.buf.AvailableBuffer(), v.p.Heading, title))
	v.buf.WriteByte('\n')
	_ = t.Render() // a bytes.Buffer does not fail
}

// header writes the event's one-line summary:
//
//	DATE (AGE ago)  RULE_ID  "TITLE"  NAME/CATEGORY/OUTCOME  FILE:LINE
func (v *eventView) header(src Source) {
	ev, p := v.ev, v.p
	b := v.buf.AvailableBuffer()
	sep := func() {
		if len(b) > 0 {
			b = append(b, "  "...)
		}
	}
	switch {
	case ev.Date.Valid():
		b = append(b, ev.Date.Written()...)
		if age := relativeAge(ev.Date.Time, v.layout.Now); age != "" {
			b = append(b, ' ')
			b = p.Append(b, p.Faint, "("+age+")")
		}
	case !ev.Date.IsZero():
		b = escape.AppendText(b, extraValueText(json.RawMessage(ev.Date.Raw())))
		b = append(b, ' ')
		b = p.Append(b, p.Warning, "(not an RFC 3339 date)")
	}
	if ev.Agent != nil && ev.Agent.RuleID != "" {
		sep()
		b = p.Append(b, p.Rule, escape.Text(ev.Agent.RuleID))
	}
	if ev.Title != "" {
		sep()
		b = append(b, '"')
		b = p.Append(b, p.Heading, escape.Text(ev.Title))
		b = append(b, '"')
	}
	if ev.Evt != nil {
		if kind := eventKind(ev.Evt); kind != "" {
			sep()
			b = p.Append(b, p.Event, escape.Text(kind))
		}
	}
	if src.Host != "" {
		sep()
		b = append(b, "host "...)
		b = p.Append(b, p.Heading, escape.Text(src.Host))
	}
	sep()
	b = p.Append(b, p.Location, escape.Text(input.Position{File: src.File, Line: src.Line}.String()))
	if src.LogID != "" {
		b = append(b, ' ')
		b = p.Append(b, p.Faint, "(log "+escape.Text(src.LogID)+")")
	}
	b = append(b, '\n')
	v.buf.Write(b)
}

// eventKind is "name/category/outcome", without the parts that are missing,
// and " async" after it for asynchronous events.
func eventKind(e *model.EventContext) string {
	kind := joinNonEmpty("/", e.Name, e.Category, e.Outcome)
	if e.Async.True() {
		kind += " async"
	}
	return kind
}

// timeText is a time as shown in a table: RFC 3339 when valid, the value as
// other fields shows it otherwise, "" when absent.
func timeText(t model.Time) string {
	switch {
	case t.Valid():
		return t.Written()
	case t.IsZero():
		return ""
	}
	return extraValueText(json.RawMessage(t.Raw())) + " (not an RFC 3339 date)"
}
