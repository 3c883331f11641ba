package render

import (
	"slices"
	"strconv"

	"github.com/csmctl/csmctl/internal/model"
)

// processColumns lists the properties of a process processCells shows;
// cmdline stands for argv0 and args on Linux, where it is absent.
func processColumns(p *model.Process) []string {
	if p.Cmdline != "" {
		return []string{"pid", "ppid", "tid", "user", "executable.path", "cmdline", "exec_time"}
	}
	return []string{"pid", "ppid", "tid", "user", "executable.path", "argv0", "args", "exec_time"}
}

// processRows writes, for a process an event acts on (a ptrace tracee, a
// signal's target) at path title of the event, a table titled title with
// the columns of the ancestors table: the process at depth 0, then its
// lineage nearest first; then a table titled title+" fields" with their
// other fields as written.
func (v *eventView) processRows(title string, pc *model.ProcessContext) {
	v.section(title, func(t *Table) {
		t.Header("depth", "pid", "ppid", "tid", "executable", "cmdline", "user", "exec_time")
		t.Row(append([]string{"0"}, processCells(&pc.Process)...)...)
		chain := pc.Chain()
		for i := range chain {
			t.Row(append([]string{strconv.Itoa(i + 1)}, processCells(&chain[i])...)...)
		}
		if pc.TruncatedAncestors.True() {
			w := v.p.Warning
			t.StyledRow(Cell{Text: "...", Style: w}, Cell{}, Cell{}, Cell{}, Cell{},
				Cell{Text: "older ancestors left out by the agent (truncated_ancestors)", Style: w})
		}
	})
	v.section(title+" fields", func(t *Table) { restRows(t, "", pc, processTableShows(pc)...) })
}

// processTableShows lists the properties of pc, and of its lineage, that
// processRows' table shows: the rest go to its fields table.
func processTableShows(pc *model.ProcessContext) []string {
	shows := append(processColumns(&pc.Process), "truncated_ancestors")
	lineage := "parent"
	if len(pc.Ancestors) > 0 {
		lineage = "ancestors" // Chain leaves the parent out of the table
	}
	chain := pc.Chain()
	windows := slices.ContainsFunc(chain, func(p model.Process) bool { return p.Cmdline != "" })
	linux := slices.ContainsFunc(chain, func(p model.Process) bool { return p.Cmdline == "" })
	for _, c := range processColumns(&model.Process{Cmdline: "x"}) {
		// A command line column stands for the same properties in every
		// process of the lineage, or is left to the rest rows.
		if c != "cmdline" || !linux {
			shows = append(shows, lineage+"."+c)
		}
	}
	if !windows {
		shows = append(shows, lineage+".argv0", lineage+".args")
	}
	return shows
}

// processCells are the cells of a process in processRows' table, but the
// depth.
func processCells(p *model.Process) []string {
	cmdline := p.Cmdline
	if cmdline == "" {
		cmdline = model.ShellCommandLine(p.Argv0, p.Args)
	}
	exe := ""
	if p.Executable != nil {
		exe = p.Executable.Path
	}
	return []string{intText(p.PID), intText(p.PPID), intText(p.TID), exe, cmdline, p.User, timeText(p.ExecTime)}
}

// processSummary is a process in a family's summary line: "pid 812
// /usr/sbin/sshd", without what the event lacks.
func processSummary(pid model.Int, pc *model.ProcessContext) string {
	s := ""
	if pid.Present() {
		s = "pid " + intText(pid)
	}
	if pc != nil && pc.Executable != nil {
		s = joinNonEmpty(" ", s, pc.Executable.Path)
	}
	return s
}
