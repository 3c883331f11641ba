package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&securityprofileSection) }

var securityprofileSection = showSection{
	name: "security_profile", order: 820, shows: []string{"security_profile"},
	has:   func(ev *model.Event) bool { return ev.SecurityProfile != nil },
	write: (*eventView).securityProfile,
}

// securityProfile shows the workload's security profile and whether the event is in it, every field as written.
func (v *eventView) securityProfile() {
	v.section("security_profile", func(t *Table) { restRows(t, "", v.ev.SecurityProfile) })
}
