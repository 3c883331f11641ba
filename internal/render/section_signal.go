package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&signalSection) }

var signalSection = showSection{
	name: "signal", order: 242, shows: []string{"signal"},
	has:   func(ev *model.Event) bool { return ev.Signal != nil },
	write: (*eventView).signal,
}

// signal shows the signal, named and numbered, and its target: "SIGKILL
// (9) → pid 812 /usr/sbin/sshd", then every other field as written, then
// the target and its lineage as process rows, and its other fields.
func (v *eventView) signal() {
	s := v.ev.Signal
	v.section("signal", func(t *Table) {
		fieldRow(t, "signal", joinNonEmpty(" → ", signalText(s.Type), processSummary(s.PID, s.Target)))
		restRows(t, "", v.ev.Signal, "type", "pid", "target")
	})
	if s.Target != nil {
		v.processRows("signal.target", s.Target)
	}
}
