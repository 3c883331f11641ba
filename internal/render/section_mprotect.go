package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&mprotectSection) }

var mprotectSection = showSection{
	name: "mprotect", order: 262, shows: []string{"mprotect"},
	has:   func(ev *model.Event) bool { return ev.Mprotect != nil },
	write: (*eventView).mprotect,
}

// mprotect shows the change of access, "r-- → rwx", then both
// protections as written, then every other field.
func (v *eventView) mprotect() {
	m := v.ev.Mprotect
	v.section("mprotect", func(t *Table) {
		from, to := protectionAccess(m.VmProtection), protectionAccess(m.ReqProtection)
		if from != "" && to != "" {
			t.Row("access", from+" → "+to)
		}
		fieldRow(t, "vm_protection", protectionText(m.VmProtection))
		fieldRow(t, "req_protection", protectionText(m.ReqProtection))
		restRows(t, "", v.ev.Mprotect, "vm_protection", "req_protection")
	})
}
