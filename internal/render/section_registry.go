package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&registrySection) }

var registrySection = showSection{
	name: "registry", order: 500, shows: []string{"registry"},
	has:   func(ev *model.Event) bool { return ev.Registry != nil },
	write: (*eventView).registry,
}

// registry shows the Windows registry key the event is about.
func (v *eventView) registry() {
	r := v.ev.Registry
	v.section("registry", func(t *Table) {
		fieldRow(t, "key_path", r.KeyPath)
		fieldRow(t, "key_name", r.KeyName)
		fieldRow(t, "value_name", r.ValueName)
	})
}
