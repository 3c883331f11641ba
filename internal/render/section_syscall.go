package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&syscallSection) }

var syscallSection = showSection{
	name: "syscall", order: 292, shows: []string{"syscall"},
	has:   func(ev *model.Event) bool { return ev.Syscall != nil },
	write: (*eventView).syscall,
}

// syscall shows the arguments of the system call behind the event, under
// its name (mkdir.path, mkdir.mode), a mode decoded.
func (v *eventView) syscall() {
	v.section("syscall", func(t *Table) { restRows(t, "", v.ev.Syscall) })
}
