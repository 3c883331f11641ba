package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&ptraceSection) }

var ptraceSection = showSection{
	name: "ptrace", order: 240, shows: []string{"ptrace"},
	has:   func(ev *model.Event) bool { return ev.Ptrace != nil },
	write: (*eventView).ptrace,
}

// ptrace shows the request, numbered, and the process it traces:
// "PTRACE_ATTACH (16) → tracee pid 812 /usr/sbin/sshd", then every other
// field as written, then the tracee and its lineage as process
// rows, and its other fields.
func (v *eventView) ptrace() {
	p := v.ev.Ptrace
	v.section("ptrace", func(t *Table) {
		tracee := ""
		if p.Tracee != nil {
			tracee = joinNonEmpty(" ", "tracee", processSummary(p.Tracee.PID, p.Tracee))
		}
		fieldRow(t, "request", joinNonEmpty(" → ", ptraceRequestText(p.Request), tracee))
		restRows(t, "", v.ev.Ptrace, "request", "tracee")
	})
	if p.Tracee != nil {
		v.processRows("ptrace.tracee", p.Tracee)
	}
}
