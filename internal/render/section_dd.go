package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&ddSection) }

var ddSection = showSection{
	name: "dd", order: 950, shows: []string{"dd"},
	has:   func(ev *model.Event) bool { return ev.DD != nil },
	write: (*eventView).dd,
}

// dd shows the trace and span the event happened in, every field as written.
func (v *eventView) dd() {
	v.section("dd", func(t *Table) { restRows(t, "", v.ev.DD) })
}
