package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&mountSection) }

var mountSection = showSection{
	name: "mount", order: 250, shows: []string{"mount"},
	has:   func(ev *model.Event) bool { return ev.Mount != nil },
	write: (*eventView).mount,
}

// mount shows the mount as mount(8) lists it, "/dev/sda1 on /host type
// ext4", then every other field as written.
func (v *eventView) mount() {
	m := v.ev.Mount
	v.section("mount", func(t *Table) {
		line := ""
		if m.SourcePath != "" || m.MountpointPath != "" {
			line = orUnknown(m.SourcePath) + " on " + orUnknown(m.MountpointPath)
		}
		if m.FsType != "" {
			line = joinNonEmpty(" ", line, "type "+m.FsType)
		}
		fieldRow(t, "mount", line)
		restRows(t, "", v.ev.Mount, "source.path", "mountpoint.path", "fs_type")
	})
}

// orUnknown is s, or "?" when it is empty.
func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}
