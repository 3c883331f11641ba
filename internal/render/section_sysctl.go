package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&sysctlSection) }

var sysctlSection = showSection{
	name: "sysctl", order: 274, shows: []string{"sysctl"},
	has:   func(ev *model.Event) bool { return ev.Sysctl != nil },
	write: (*eventView).sysctl,
}

// sysctl shows the parameter and its change, "kernel/core_pattern: old →
// new" (its value alone when there is no old one), then every field as
// written.
func (v *eventView) sysctl() {
	s := v.ev.Sysctl
	v.section("sysctl", func(t *Table) {
		value := s.Value
		if s.OldValue != "" {
			value = s.OldValue + " → " + s.Value
		}
		if s.Name != "" || value != "" {
			t.Row("sysctl", orUnknown(s.Name)+": "+value)
		}
		restRows(t, "", v.ev.Sysctl)
	})
}
