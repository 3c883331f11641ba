package render

import (
	"github.com/csmctl/csmctl/internal/record"
	"reflect"
	"strconv"
	"strings"

	"github.com/csmctl/csmctl/internal/model"
)

func init() { showSections.register(&processSection) }

var processSection = showSection{
	name: "process", order: 300, shows: []string{"process"},
	has:   func(ev *model.Event) bool { return ev.Process != nil },
	write: (*eventView).processAndLineage,
}

// processAndLineage shows the process that caused the event, then its
// ancestors: one row each, and with ShowLayout.Verbose the full details of
// each as well (the parent's too, unless it is the first ancestor again;
// titled "process.parent (details)" when the parent alone is the lineage).
func (v *eventView) processAndLineage() {
	pc := v.ev.Process
	v.section("process", func(t *Table) {
		r := coveredRows{t: t}
		r.cover("parent", "ancestors", "truncated_ancestors")
		processRows(&r, &pc.Process, "")
		r.restOf(pc, "")
	})
	v.ancestors()
	if !v.layout.Verbose {
		return
	}
	if len(pc.Ancestors) > 0 && pc.Parent != nil && !reflect.DeepEqual(*pc.Parent, pc.Ancestors[0]) {
		v.processDetails("process.parent", pc.Parent)
	}
	for i := range pc.Ancestors {
		v.processDetails("process.ancestors."+strconv.Itoa(i), &pc.Ancestors[i])
	}
	if len(pc.Ancestors) == 0 && pc.Parent != nil {
		// The lineage table above is titled process.parent already.
		v.processDetails("process.parent (details)", pc.Parent)
	}
}

// processDetails shows every property of an ancestor under title.
func (v *eventView) processDetails(title string, p *model.Process) {
	v.section(title, func(t *Table) {
		r := coveredRows{t: t}
		processRows(&r, p, "")
	})
}

// processRows adds the rows of process p, keys prefixed with prefix, then
// every other property it has.
func processRows(r *coveredRows, p *model.Process, prefix string) {
	r.row(prefix+"pid", record.IntText(p.PID))
	r.row(prefix+"tid", record.IntText(p.TID))
	r.row(prefix+"ppid", record.IntText(p.PPID))
	if exe := p.Executable; exe != nil {
		if exe.Path != "" {
			r.row(prefix+"executable", exe.Path, prefix+"executable.path")
			if exe.Name == model.BaseName(exe.Path) {
				r.cover(prefix + "executable.name") // the path ends with it
			}
		} else {
			r.row(prefix+"executable", exe.Name, prefix+"executable.name") // the System process has only a name
		}
		r.row(prefix+"executable.device_path", exe.DevicePath)
	}
	r.row(prefix+"cmdline", commandLine(p))
	if p.Cmdline == "" {
		r.cover(prefix+"argv0", prefix+"args", prefix+"args_truncated")
	}
	r.row(prefix+"comm", p.Comm)
	r.row(prefix+"user", ownerText(p.User, p.UID, p.Group, p.GID),
		prefix+"uid", prefix+"group", prefix+"gid")
	if c := p.Credentials; c != nil {
		credentialRows(r, c, prefix+"credentials.")
	}
	r.cover(prefix + "credentials")
	r.row(prefix+"tty", p.TTY)
	r.row(prefix+"fork_time", timeText(p.ForkTime))
	r.row(prefix+"exec_time", timeText(p.ExecTime))
	r.row(prefix+"exit_time", timeText(p.ExitTime))
	if s := p.UserSession; s != nil {
		userSessionRow(r, s, prefix+"user_session")
	}
	if p.Executable != nil {
		fileRows(r, p.Executable, prefix+"executable.")
	}
	r.cover(prefix + "executable")
	if p.Interpreter != nil {
		fileRows(r, p.Interpreter, prefix+"interpreter.")
	}
	r.cover(prefix + "interpreter")
	var flags []string
	for _, f := range []struct {
		key string
		set model.Bool
	}{{"is_thread", p.IsThread}, {"is_kworker", p.IsKworker}, {"is_exec_child", p.IsExecChild}} {
		switch {
		case f.set.True():
			flags = append(flags, f.key)
		case f.set.Present(): // a written false is shown too: nothing is hidden
			flags = append(flags, f.key+" false")
		}
		r.cover(prefix + f.key)
	}
	r.row(prefix+"flags", strings.Join(flags, ", "))
	r.restOf(p, prefix)
}

// commandLine is a process's command line: Windows's cmdline as written,
// or Linux's argv0 and args quoted as a shell would read them, marked when
// the agent cut the arguments short.
func commandLine(p *model.Process) string {
	if p.Cmdline != "" {
		return p.Cmdline
	}
	s := model.ShellCommandLine(p.Argv0, p.Args)
	if p.ArgsTruncated.True() {
		s = joinNonEmpty(" ", s, "[args truncated]")
	}
	return s
}

// credentialRows adds the real ids and names of credentials c, the
// effective and file-system ones only where they differ from them, the
// login uid and the capability sets.
func credentialRows(r *coveredRows, c *model.ProcessCredentials, prefix string) {
	real := ownerText(c.User, c.UID, c.Group, c.GID)
	r.row(strings.TrimSuffix(prefix, "."), real, prefix+"user", prefix+"uid", prefix+"group", prefix+"gid")
	if e := ownerText(c.Euser, c.EUID, c.Egroup, c.EGID); e != real {
		r.row(prefix+"effective", e)
	}
	r.cover(prefix+"euser", prefix+"euid", prefix+"egroup", prefix+"egid")
	if fs := ownerText(c.Fsuser, c.FSUID, c.Fsgroup, c.FSGID); fs != real {
		r.row(prefix+"fs", fs)
	}
	r.cover(prefix+"fsuser", prefix+"fsuid", prefix+"fsgroup", prefix+"fsgid")
	r.row(prefix+"cap_effective", strings.Join(c.CapEffective, ", "))
	r.row(prefix+"cap_permitted", strings.Join(c.CapPermitted, ", "))
	r.restOf(c, prefix)
}

// userSessionRow adds how a person logged in: ssh user@ip:port and the
// authentication method, or kubectl exec's user and groups; rest shows
// the session's other properties.
func userSessionRow(r *coveredRows, s *model.UserSessionContext, key string) {
	var parts []string
	if s.SSHUsername != "" || s.SSHClientIP != "" {
		addr := s.SSHClientIP
		if strings.Contains(addr, ":") {
			addr = "[" + addr + "]" // IPv6, as ssh and net.JoinHostPort write it
		}
		if port := record.IntText(s.SSHPort); port != "" {
			addr += ":" + port
		}
		ssh := "ssh " + joinNonEmpty("@", s.SSHUsername, addr)
		if s.SSHAuthMethod != "" {
			ssh += " (" + s.SSHAuthMethod + ")"
		}
		parts = append(parts, ssh)
		r.cover(key+".ssh_username", key+".ssh_client_ip", key+".ssh_port", key+".ssh_auth_method")
	}
	if s.K8sUsername != "" {
		k8s := "k8s " + s.K8sUsername
		if len(s.K8sGroups) > 0 {
			k8s += " (groups " + strings.Join(s.K8sGroups, ", ") + ")"
		}
		parts = append(parts, k8s)
		r.cover(key+".k8s_username", key+".k8s_groups")
	}
	fieldRow(r.t, key, strings.Join(parts, "; "))
	r.restOf(s, key+".")
	r.cover(key)
}

// ancestors shows the process's lineage as one table, nearest first: the
// ancestors list, or the parent alone when the event has no list.
func (v *eventView) ancestors() {
	pc := v.ev.Process
	chain := pc.Chain()
	if len(chain) == 0 && !pc.TruncatedAncestors.True() {
		return
	}
	title, notes := "process.ancestors", []string{strconv.Itoa(len(chain)) + ", nearest first"}
	if len(pc.Ancestors) == 0 && pc.Parent != nil {
		title, notes = "process.parent", nil
	}
	if pc.TruncatedAncestors.True() {
		notes = append(notes, "truncated")
	}
	if len(notes) > 0 {
		title += " (" + strings.Join(notes, ", ") + ")"
	}
	v.section(title, func(t *Table) { v.lineageTable(t, 1, chain, pc.TruncatedAncestors.True()) })
}

// executableName is the file name of an executable: its name field, or the
// last element of its path (model.BaseName).
func executableName(f *model.File) string {
	switch {
	case f == nil:
		return ""
	case f.Name != "":
		return f.Name
	}
	return model.BaseName(f.Path)
}
