package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&selinuxSection) }

var selinuxSection = showSection{
	name: "selinux", order: 270, shows: []string{"selinux"},
	has:   func(ev *model.Event) bool { return ev.SELinux != nil },
	write: (*eventView).selinux,
}

// selinux shows the SELinux change: the enforcement status, a boolean set
// on or off, or booleans committed, then every other field as written.
func (v *eventView) selinux() {
	s := v.ev.SELinux
	v.section("selinux", func(t *Table) {
		if e := s.Enforce; e != nil && e.Status != "" {
			t.Row("enforce", "status set to "+e.Status)
		}
		if b := s.Bool; b != nil && (b.Name != "" || b.State != "") {
			t.Row("bool", joinNonEmpty(" set to ", orUnknown(b.Name), b.State))
		}
		restRows(t, "", v.ev.SELinux, "enforce.status", "bool.name", "bool.state")
	})
}
