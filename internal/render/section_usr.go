package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&usrSection) }

var usrSection = showSection{
	name: "usr", order: 900, shows: []string{"usr"},
	has:   func(ev *model.Event) bool { return ev.Usr != nil },
	write: (*eventView).usr,
}

// usr shows the user the process ran as.
func (v *eventView) usr() {
	u := v.ev.Usr
	v.section("usr", func(t *Table) {
		r := coveredRows{t: t}
		r.row("name", u.Name)
		r.row("sid", u.SID)
		r.restOf(u, "") // Linux's id and group
	})
}
