package render

import (
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/record"
)

func init() { showSections.register(&cgroupwriteSection) }

var cgroupwriteSection = showSection{
	name: "cgroup_write", order: 282, shows: []string{"cgroup_write"},
	has:   func(ev *model.Event) bool { return ev.CGroupWrite != nil },
	write: (*eventView).cgroupWrite,
}

// cgroupWrite shows the process moved and the cgroup file it was written
// to, "pid 26580 → /sys/fs/cgroup/…/cgroup.procs", then every field of
// the file as written, its mode decoded.
func (v *eventView) cgroupWrite() {
	c := v.ev.CGroupWrite
	v.section("cgroup_write", func(t *Table) {
		path := ""
		if c.File != nil {
			path = c.File.Path
		}
		line := path
		if c.PID.Present() {
			line = joinNonEmpty(" → ", "pid "+record.IntText(c.PID), path)
		}
		fieldRow(t, "write", line)
		restRows(t, "", v.ev.CGroupWrite, "pid", "file.path")
	})
}
