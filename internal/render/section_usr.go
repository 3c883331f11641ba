package render

import "github.com/csmctl/csmctl/internal/model"

func init() {
	showSections.register(showSection{
		name: "usr", order: 900, shows: []string{"usr"},
		has:   func(ev *model.Event) bool { return ev.Usr != nil },
		write: (*eventView).usr,
	})
}

// usr shows the user the process ran as.
func (v *eventView) usr() {
	u := v.ev.Usr
	v.section("usr", func(t *Table) {
		fieldRow(t, "name", u.Name)
		fieldRow(t, "sid", u.SID)
	})
}
