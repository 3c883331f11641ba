package render

import (
	"github.com/csmctl/csmctl/internal/record"
	"strings"

	"github.com/csmctl/csmctl/internal/model"
)

func init() { showSections.register(&syscallsSection) }

var syscallsSection = showSection{
	name: "syscalls", order: 290, shows: []string{"syscalls"},
	has:   func(ev *model.Event) bool { return len(ev.Syscalls) > 0 },
	write: (*eventView).syscalls,
}

// syscalls shows the system calls the agent listed on one line, each with
// its number: "SysPtrace (101) SysClose (3)".
func (v *eventView) syscalls() {
	v.section("syscalls", func(t *Table) {
		var b strings.Builder
		for i := range v.ev.Syscalls {
			s := &v.ev.Syscalls[i]
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(withNote(orUnknown(s.Name), record.IntText(s.ID)))
		}
		fieldRow(t, "syscalls", b.String())
	})
}
