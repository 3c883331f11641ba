package record

import (
	"encoding/json"
	"net"
	"strconv"
	"strings"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/model"
)

// illTypedMark follows an ill-typed integer (a pid of "10420", 1.5, 1e999,
// null) where it is shown as text, so that it is never read as a number.
const illTypedMark = " (invalid)"

// IntText is an integer field as text: its decimal digits, "" when absent,
// and an ill-typed value as written, on one line, marked
// `"10420" (invalid)`. It is not sanitized for a terminal.
func IntText(v model.Int) string {
	if !v.IllTyped() {
		return v.String()
	}
	return string(escape.AppendCompactText(nil, json.RawMessage(v.Raw()))) + illTypedMark
}

// Detail is the one thing a reader wants of an event, by its family: the
// exit code of an exit; the key (and value) of a registry event; the path
// of a permission change; signal and target; ptrace request and tracee;
// mount point and file system; module name; bpf command and program or
// map; dns question; destination ip:port of a connect, packet, flow or
// network event, address of a bind or accept; the metadata server and url
// of an imds request; the sysctl written; the socket option, prctl option,
// SELinux change, memory protection or capabilities asked for; else the
// file's path, and its destination ("path -> destination") for a rename or
// link. It is "" when the event has none of these, and is not sanitized:
// whoever prints it escapes it.
func Detail(ev *model.Event) string {
	switch {
	case ev.Exit != nil && ev.Exit.Code.Present():
		return "exit code " + IntText(ev.Exit.Code)
	case ev.Registry != nil && ev.Registry.KeyPath != "":
		if v := ev.Registry.ValueName; v != "" {
			return ev.Registry.KeyPath + "  value " + v
		}
		return ev.Registry.KeyPath
	case ev.PermissionChange != nil && ev.PermissionChange.Path != "":
		return ev.PermissionChange.Path
	case ev.Signal != nil:
		return signalDetail(ev.Signal)
	case ev.Ptrace != nil:
		return join(ev.Ptrace.Request, processDetail("tracee", ev.Ptrace.Tracee))
	case ev.Mount != nil:
		return mountDetail(ev.Mount)
	case ev.Module != nil && ev.Module.Name != "":
		return ev.Module.Name
	case ev.BPF != nil:
		return bpfDetail(ev.BPF)
	case ev.DNS != nil && ev.DNS.Question != nil:
		return join(ev.DNS.Question.Name, ev.DNS.Question.Type)
	case ev.Connect != nil && ev.Connect.Addr != nil:
		return hostPort(ev.Connect.Addr.IP, ev.Connect.Addr.Port)
	case ev.Bind != nil && ev.Bind.Addr != nil:
		return hostPort(ev.Bind.Addr.IP, ev.Bind.Addr.Port)
	case ev.Accept != nil && ev.Accept.Addr != nil:
		return join("from", hostPort(ev.Accept.Addr.IP, ev.Accept.Addr.Port))
	case ev.IMDS != nil:
		return join(ev.IMDS.CloudProvider, ev.IMDS.URL)
	case ev.Packet != nil && ev.Packet.Destination != nil:
		return hostPort(ev.Packet.Destination.IP, ev.Packet.Destination.Port)
	case ev.NetworkFlowMonitor != nil && len(ev.NetworkFlowMonitor.Flows) > 0:
		return flowsDetail(ev.NetworkFlowMonitor.Flows)
	case ev.Sysctl != nil:
		return sysctlDetail(ev.Sysctl)
	case ev.Setsockopt != nil:
		return join(ev.Setsockopt.Level, ev.Setsockopt.Optname)
	case ev.Prctl != nil:
		return join(ev.Prctl.Option, ev.Prctl.NewName)
	case ev.SELinux != nil:
		return selinuxDetail(ev.SELinux)
	case ev.Mmap != nil:
		return ev.Mmap.Protection
	case ev.Mprotect != nil:
		return ev.Mprotect.ReqProtection
	case ev.Capabilities != nil:
		return strings.Join(ev.Capabilities.CapsUsed, ",")
	case ev.CGroupWrite != nil && ev.CGroupWrite.File != nil:
		return join(ev.CGroupWrite.File.Path, labelled("pid", ev.CGroupWrite.PID))
	case ev.File != nil && ev.File.Destination != nil && ev.File.Destination.Path != "":
		return ev.File.Path + " -> " + ev.File.Destination.Path
	case ev.File != nil:
		return ev.File.Path
	case len(ev.Syscalls) > 0:
		return syscallsDetail(ev.Syscalls)
	case ev.Network != nil && ev.Network.Destination != nil:
		return hostPort(ev.Network.Destination.IP, ev.Network.Destination.Port)
	}
	return ""
}

// join joins the words that are not empty with a space.
func join(words ...string) string {
	var b strings.Builder
	for _, w := range words {
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// labelled is "label value", or "" when v is absent.
func labelled(label string, v model.Int) string {
	if !v.Present() {
		return ""
	}
	return label + " " + IntText(v)
}

// hostPort is ip:port ([ip]:port for IPv6), or what there is of them.
func hostPort(ip string, port model.Int) string {
	switch {
	case !port.Present():
		return ip
	case port.IllTyped():
		return join(ip, labelled("port", port))
	}
	return net.JoinHostPort(ip, port.String())
}

func signalDetail(s *model.SignalEvent) string {
	target := labelled("to pid", s.PID)
	if s.Target != nil {
		if p := executablePath(&s.Target.Process); p != "" {
			target = join(target, p)
		}
	}
	return join(s.Type, target)
}

// processDetail is "label pid N path" for a process, or "" for none.
func processDetail(label string, pc *model.ProcessContext) string {
	if pc == nil {
		return ""
	}
	return join(label, labelled("pid", pc.PID), executablePath(&pc.Process))
}

func mountDetail(m *model.MountEvent) string {
	mp := m.MountpointPath
	if mp == "" && m.MP != nil {
		mp = m.MP.Path
	}
	if m.FsType != "" {
		return join(mp, "("+m.FsType+")")
	}
	return mp
}

func bpfDetail(b *model.BPFEvent) string {
	var name string
	switch {
	case b.Program != nil && b.Program.Name != "":
		name = "program " + b.Program.Name
	case b.Map != nil && b.Map.Name != "":
		name = "map " + b.Map.Name
	}
	return join(b.Cmd, name)
}

func flowsDetail(flows []model.Flow) string {
	d := ""
	if f := flows[0]; f.Destination != nil {
		d = hostPort(f.Destination.IP, f.Destination.Port)
	}
	if len(flows) > 1 {
		d = join(d, "(+"+strconv.Itoa(len(flows)-1)+" flows)")
	}
	return d
}

func sysctlDetail(s *model.SysCtlEvent) string {
	d := join(s.Action, s.Name)
	if s.Value != "" {
		d += " = " + s.Value
	}
	return d
}

func selinuxDetail(s *model.SELinuxEvent) string {
	switch {
	case s.Bool != nil:
		return join("bool", s.Bool.Name, s.Bool.State)
	case s.Enforce != nil:
		return join("enforce", s.Enforce.Status)
	case s.BoolCommit != nil:
		return "bool commit"
	}
	return ""
}

// maxSyscalls is how many syscall names a syscalls event's detail lists.
const maxSyscalls = 4

func syscallsDetail(calls model.SyscallsEvent) string {
	var names []string
	for i, c := range calls {
		if i == maxSyscalls {
			names = append(names, "(+"+strconv.Itoa(len(calls)-maxSyscalls)+" more)")
			break
		}
		names = append(names, c.Name)
	}
	return join(names...)
}

// detailMembers are the members of an event that Detail reads.
var detailMembers = [...]string{
	"exit", "registry", "permission_change", "signal", "ptrace", "mount", "module", "bpf", "dns",
	"connect", "bind", "accept", "imds", "packet", "network_flow_monitor", "sysctl", "setsockopt",
	"prctl", "selinux", "mmap", "mprotect", "capabilities", "cgroup_write", "file", "syscalls", "network",
}

// DetailOf is Detail of the event whose JSON text is raw, for a caller
// that has not decoded it: only the members Detail reads are decoded, not
// the process and its ancestors, most of an event. buf is scratch memory,
// returned for the next call. The detail shares no memory with raw or buf.
func DetailOf(raw, buf []byte) (string, []byte, error) {
	ev, buf, err := DecodeMembers(raw, DetailMembers, buf)
	if err != nil {
		return "", buf, err
	}
	// A clone: the decoded strings share one copy of buf, which the
	// detail would otherwise keep whole.
	return strings.Clone(Detail(ev)), buf, nil
}
