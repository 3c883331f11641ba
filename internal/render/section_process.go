package render

import (
	"strconv"
	"strings"

	"github.com/csmctl/csmctl/internal/model"
)

func init() {
	showSections.register(showSection{
		name: "process", order: 300, shows: []string{"process"},
		has:   func(ev *model.Event) bool { return ev.Process != nil },
		write: (*eventView).processAndLineage,
	})
}

// processAndLineage shows the process that caused the event, then its
// ancestors.
func (v *eventView) processAndLineage() {
	v.process()
	v.ancestors()
}

// process shows the process that caused the event.
func (v *eventView) process() {
	pc := v.ev.Process
	v.section("process", func(t *Table) {
		fieldRow(t, "pid", intText(pc.PID))
		fieldRow(t, "ppid", intText(pc.PPID))
		if exe := pc.Executable; exe != nil {
			path := exe.Path
			if path == "" {
				path = exe.Name // the System process has only a name
			}
			fieldRow(t, "executable", path)
			fieldRow(t, "executable.device_path", exe.DevicePath)
		}
		fieldRow(t, "cmdline", pc.Cmdline)
		fieldRow(t, "user", pc.User)
		fieldRow(t, "exec_time", timeText(pc.ExecTime))
		fieldRow(t, "exit_time", timeText(pc.ExitTime))
		if c := pc.Container; c != nil {
			fieldRow(t, "container.id", c.ID)
			fieldRow(t, "container.created_at", timeText(c.CreatedAt))
		}
	})
}

// ancestors shows the process's lineage as one table, nearest first: the
// ancestors list, or the parent alone when the event has no list.
func (v *eventView) ancestors() {
	pc := v.ev.Process
	chain := pc.Chain()
	if len(chain) == 0 && !pc.TruncatedAncestors {
		return
	}
	title, notes := "process.ancestors", []string{strconv.Itoa(len(chain)) + ", nearest first"}
	if len(pc.Ancestors) == 0 && pc.Parent != nil {
		title, notes = "process.parent", nil
	}
	if pc.TruncatedAncestors {
		notes = append(notes, "truncated")
	}
	if len(notes) > 0 {
		title += " (" + strings.Join(notes, ", ") + ")"
	}
	v.section(title, func(t *Table) {
		t.Header("depth", "pid", "ppid", "executable", "cmdline", "user", "exec_time")
		for i := range chain {
			a := &chain[i]
			t.Row(strconv.Itoa(i+1), intText(a.PID), intText(a.PPID), executableName(a.Executable), a.Cmdline, a.User, timeText(a.ExecTime))
		}
		if pc.TruncatedAncestors {
			w := v.p.Warning
			t.StyledRow(Cell{Text: "...", Style: w}, Cell{}, Cell{}, Cell{},
				Cell{Text: "older ancestors left out by the agent (truncated_ancestors)", Style: w})
		}
	})
}

// executableName is the file name of an executable: its name field, or the
// last element of its path.
func executableName(f *model.File) string {
	switch {
	case f == nil:
		return ""
	case f.Name != "":
		return f.Name
	}
	if i := strings.LastIndexAny(f.Path, `\/`); i >= 0 {
		return f.Path[i+1:]
	}
	return f.Path
}
