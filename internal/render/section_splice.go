package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&spliceSection) }

var spliceSection = showSection{
	name: "splice", order: 264, shows: []string{"splice"},
	has:   func(ev *model.Event) bool { return ev.Splice != nil },
	write: (*eventView).splice,
}

// splice shows the pipe flags of a splice(2), every field as written.
func (v *eventView) splice() {
	v.section("splice", func(t *Table) { restRows(t, "", v.ev.Splice) })
}
