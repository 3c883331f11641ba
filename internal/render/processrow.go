package render

import (
	"github.com/csmctl/csmctl/internal/record"
	"slices"
	"strconv"

	"github.com/csmctl/csmctl/internal/model"
)

// lineageTable fills t with one row a process, procs[0] at depth first and
// each next one deeper, then, when truncated, a row saying the agent left
// older ancestors out. The ancestors table and the tables of the processes
// an event acts on are all built here, so one process reads the same in
// each.
func (v *eventView) lineageTable(t *Table, first int, procs []model.Process, truncated bool) {
	t.Header("depth", "pid", "ppid", "executable", "cmdline", "user", "exec_time")
	for i := range procs {
		row := lineageRow(first+i, &procs[i])
		t.Row(row[:]...)
	}
	if truncated {
		w := v.p.Warning
		t.StyledRow(Cell{Text: "...", Style: w}, Cell{}, Cell{}, Cell{},
			Cell{Text: "older ancestors left out by the agent (truncated_ancestors)", Style: w})
	}
}

// lineageRow is the row of process p at depth in a lineage table: the
// depth; its executable's name, else its comm (a Linux process with no
// executable); its command line, marked when the agent cut its arguments
// (commandLine); its user, else its credentials' user. An array, not a
// slice, so that a row costs no allocation of its own.
func lineageRow(depth int, p *model.Process) [7]string {
	exe := executableName(p.Executable)
	if exe == "" {
		exe = p.Comm
	}
	user := p.User
	if user == "" && p.Credentials != nil {
		user = p.Credentials.User
	}
	return [7]string{strconv.Itoa(depth), record.IntText(p.PID), record.IntText(p.PPID), exe, commandLine(p), user, timeText(p.ExecTime)}
}

// lineageShows lists the properties of process p that lineageRow shows
// as written; the name, comm and credentials' user it may show instead go
// to the fields table whole. cmdline stands for argv0, args and
// args_truncated on Linux, where it is absent.
func lineageShows(p *model.Process) []string {
	shows := []string{"pid", "ppid", "user", "executable.name", "exec_time"}
	if p.Cmdline != "" {
		return append(shows, "cmdline")
	}
	return append(shows, "argv0", "args", "args_truncated")
}

// processRows writes, for a process an event acts on (a ptrace tracee, a
// signal's target) at path title of the event, a lineage table titled
// title: the process at depth 0, then its lineage nearest first; then a
// table titled title+" fields" with their other fields as written.
func (v *eventView) processRows(title string, pc *model.ProcessContext) {
	v.section(title, func(t *Table) {
		v.lineageTable(t, 0, append([]model.Process{pc.Process}, pc.Chain()...), pc.TruncatedAncestors.True())
	})
	v.section(title+" fields", func(t *Table) { restRows(t, "", pc, processTableShows(pc)...) })
}

// processTableShows lists the properties of pc, and of its lineage, that
// processRows' table shows: the rest go to its fields table.
func processTableShows(pc *model.ProcessContext) []string {
	shows := append(lineageShows(&pc.Process), "truncated_ancestors")
	lineage := "parent"
	if len(pc.Ancestors) > 0 {
		lineage = "ancestors" // Chain leaves the parent out of the table
	}
	chain := pc.Chain()
	windows := slices.ContainsFunc(chain, func(p model.Process) bool { return p.Cmdline != "" })
	linux := slices.ContainsFunc(chain, func(p model.Process) bool { return p.Cmdline == "" })
	for _, c := range lineageShows(&model.Process{Cmdline: "x"}) {
		// A command line column stands for the same properties in every
		// process of the lineage, or is left to the rest rows.
		if c != "cmdline" || !linux {
			shows = append(shows, lineage+"."+c)
		}
	}
	if !windows {
		shows = append(shows, lineage+".argv0", lineage+".args", lineage+".args_truncated")
	}
	return shows
}

// processSummary is a process in a family's summary line: "pid 812
// /usr/sbin/sshd", without what the event lacks.
func processSummary(pid model.Int, pc *model.ProcessContext) string {
	s := ""
	if pid.Present() {
		s = "pid " + record.IntText(pid)
	}
	if pc != nil && pc.Executable != nil {
		s = joinNonEmpty(" ", s, pc.Executable.Path)
	}
	return s
}
