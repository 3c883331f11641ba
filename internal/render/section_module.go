package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&moduleSection) }

var moduleSection = showSection{
	name: "module", order: 252, shows: []string{"module"},
	has:   func(ev *model.Event) bool { return ev.Module != nil },
	write: (*eventView).module,
}

// module shows the kernel module's name, marked when it was loaded from
// memory rather than a file, then every other field as written.
func (v *eventView) module() {
	m := v.ev.Module
	v.section("module", func(t *Table) {
		name := m.Name
		if m.LoadedFromMemory.True() {
			name = joinNonEmpty(" ", name, "(loaded from memory)")
		}
		fieldRow(t, "name", name)
		restRows(t, "", v.ev.Module, "name")
	})
}
