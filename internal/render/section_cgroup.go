package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&cgroupSection) }

var cgroupSection = showSection{
	name: "cgroup", order: 810, shows: []string{"cgroup"},
	has:   func(ev *model.Event) bool { return ev.CGroup != nil },
	write: (*eventView).cgroup,
}

// cgroup shows the cgroup the event happened in, every field as written.
func (v *eventView) cgroup() {
	v.section("cgroup", func(t *Table) { restRows(t, "", v.ev.CGroup) })
}
