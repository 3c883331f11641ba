package render

import "github.com/csmctl/csmctl/internal/model"

func init() {
	showSections.register(showSection{
		name: "file", order: 400, shows: []string{"file"},
		has:   func(ev *model.Event) bool { return ev.File != nil },
		write: (*eventView).file,
	})
}

// file shows the file the event is about, and where a rename took it.
func (v *eventView) file() {
	f := v.ev.File
	v.section("file", func(t *Table) {
		fieldRow(t, "path", f.Path)
		fieldRow(t, "device_path", f.DevicePath)
		fieldRow(t, "name", f.Name)
		if d := f.Destination; d != nil {
			fieldRow(t, "destination.path", d.Path)
			fieldRow(t, "destination.device_path", d.DevicePath)
			fieldRow(t, "destination.name", d.Name)
		}
	})
}
