package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&containerSection) }

var containerSection = showSection{
	name: "container", order: 800, shows: []string{"container"},
	has:   func(ev *model.Event) bool { return ev.Container != nil },
	write: (*eventView).container,
}

// container shows the container the event happened in.
func (v *eventView) container() {
	c := v.ev.Container
	v.section("container", func(t *Table) {
		fieldRow(t, "id", c.ID)
		fieldRow(t, "created_at", timeText(c.CreatedAt))
	})
}
