package hunt

import "github.com/csmctl/csmctl/internal/secl"

// The Linux mapping, from the agent's field list (its SECL model's field
// tags) and its backend serializers, which write the model into the JSON
// csmctl reads. A group of fields that repeats (a process, a file) is
// written once and placed under each prefix that has it.

// table builds the fields of one event type (or of every event, "").
type table struct {
	eventType string
	fields    []Field
}

func (t *table) add(name string, typ secl.Type, json string, c conv) *Field {
	t.fields = append(t.fields, Field{
		Name: name, JSON: json, conv: c,
		Spec: secl.FieldSpec{Type: typ, EventType: t.eventType},
	})
	return &t.fields[len(t.fields)-1]
}

func (t *table) str(name, json string) *Field  { return t.add(name, secl.TypeString, json, convString) }
func (t *table) num(name, json string) *Field  { return t.add(name, secl.TypeInt, json, convInt) }
func (t *table) flag(name, json string) *Field { return t.add(name, secl.TypeBool, json, convBool) }
func (t *table) ip(name, json string) *Field   { return t.add(name, secl.TypeIP, json, convIP) }
func (t *table) date(name, json string) *Field { return t.add(name, secl.TypeTime, json, convTime) }

// constant is an int field the backend writes as the names of the agent's
// constants (AF_INET, "PROT_EXEC | PROT_READ", ["O_CREAT", "O_TRUNC"]).
func (t *table) constant(name, json string) *Field {
	return t.add(name, secl.TypeInt, json, convConstants).derived("constant names, read as their values")
}

// rights is the permission bits of a mode, what chmod sets.
func (t *table) rights(name, json string) *Field {
	return t.add(name, secl.TypeInt, json, convRights).derived("the mode's permission bits, mode & 07777")
}

func (t *table) unavailable(name string, typ secl.Type, why string) *Field {
	f := t.add(name, typ, "", convString)
	f.Source, f.Note = Unavailable, why
	return f
}

func (f *Field) derived(note string) *Field {
	f.Source, f.Note = Derived, note
	return f
}

func (f *Field) array() *Field { f.Spec.Array = true; return f }

func (f *Field) path() *Field { f.Spec.Path = true; return f }

// file adds the fields of a file under prefix ("open.file"), read from the
// file object at json ("/file").
func (t *table) file(prefix, json string) {
	t.str(prefix+".path", json+"/path").path()
	name := t.str(prefix+".name", json+"/name")
	name.Fallback, name.fbConv, name.Note = json+"/path", convBasename, "the basename of "+json+"/path"
	t.str(prefix+".extension", json+"/extension")
	t.num(prefix+".inode", json+"/inode")
	t.num(prefix+".mode", json+"/mode")
	t.rights(prefix+".rights", json+"/mode")
	t.num(prefix+".mount_id", json+"/mount_id")
	t.str(prefix+".filesystem", json+"/filesystem")
	t.num(prefix+".uid", json+"/uid")
	t.num(prefix+".gid", json+"/gid")
	t.str(prefix+".user", json+"/user")
	t.str(prefix+".group", json+"/group")
	t.flag(prefix+".in_upper_layer", json+"/in_upper_layer")
	t.date(prefix+".change_time", json+"/change_time")
	t.date(prefix+".modification_time", json+"/modification_time")
	t.str(prefix+".package.name", json+"/package_name")
	t.str(prefix+".package.version", json+"/package_version")
	t.str(prefix+".package.source_version", json+"/package_source_version")
	t.str(prefix+".hashes", json+"/hashes").array()
}

// process adds the fields of a process under prefix ("process",
// "process.ancestors", "exec"), read from the process object at json.
func (t *table) process(prefix, json string, many bool) {
	start := len(t.fields)
	t.num(prefix+".pid", json+"/pid")
	t.num(prefix+".ppid", json+"/ppid")
	t.num(prefix+".tid", json+"/tid")
	t.num(prefix+".uid", json+"/uid")
	t.num(prefix+".gid", json+"/gid")
	t.str(prefix+".user", json+"/user")
	t.str(prefix+".group", json+"/group")
	t.num(prefix+".euid", json+"/credentials/euid")
	t.num(prefix+".egid", json+"/credentials/egid")
	t.str(prefix+".euser", json+"/credentials/euser")
	t.str(prefix+".egroup", json+"/credentials/egroup")
	t.num(prefix+".fsuid", json+"/credentials/fsuid")
	t.num(prefix+".fsgid", json+"/credentials/fsgid")
	t.str(prefix+".fsuser", json+"/credentials/fsuser")
	t.str(prefix+".fsgroup", json+"/credentials/fsgroup")
	t.num(prefix+".auid", json+"/credentials/auid")
	t.constant(prefix+".cap_effective", json+"/credentials/cap_effective")
	t.constant(prefix+".cap_permitted", json+"/credentials/cap_permitted")
	t.str(prefix+".comm", json+"/comm")
	t.str(prefix+".tty_name", json+"/tty")
	t.str(prefix+".argv0", json+"/argv0")
	t.add(prefix+".args", secl.TypeString, json+"/args", convArgs).derived("args joined by spaces")
	t.str(prefix+".argv", json+"/args").array()
	t.add(prefix+".args_flags", secl.TypeString, json+"/args", convArgsFlags).array().derived("the flags in args: -ln gives l and n, --version gives version")
	t.add(prefix+".args_options", secl.TypeString, json+"/args", convArgsOptions).array().derived("the options in args: -T 8 gives T=8, --width=8 gives width=8")
	t.flag(prefix+".args_truncated", json+"/args_truncated")
	t.add(prefix+".envs", secl.TypeString, json+"/envs", convEnvNames).array().derived("the names of envs, before =")
	t.str(prefix+".envp", json+"/envs").array().derived("envs as written: the agent keeps the values of a few variables only")
	t.flag(prefix+".envs_truncated", json+"/envs_truncated")
	t.date(prefix+".created_at", json+"/fork_time").derived("fork_time")
	t.date(prefix+".exec_time", json+"/exec_time")
	t.flag(prefix+".is_thread", json+"/is_thread")
	t.flag(prefix+".is_exec", json+"/is_exec_child").derived("is_exec_child")
	t.str(prefix+".container.id", json+"/container/id")
	t.str(prefix+".cgroup.id", json+"/cgroup/id")
	t.str(prefix+".cgroup.manager", json+"/cgroup/manager")
	t.file(prefix+".file", json+"/executable")
	t.file(prefix+".interpreter.file", json+"/interpreter")
	if many {
		// Every field of an ancestor has several values, one per ancestor.
		for i := start; i < len(t.fields); i++ {
			t.fields[i].Spec.Array = true
		}
	}
}

// fieldSet collects the fields of a mapping, event type by event type.
type fieldSet []Field

// each adds the fields build adds to a table of eventType.
func (fs *fieldSet) each(eventType string, build func(t *table)) {
	t := &table{eventType: eventType}
	build(t)
	*fs = append(*fs, t.fields...)
}

// event adds the fields of every event both agents have: its container,
// where it comes from, and the number of ancestors of its process.
func (t *table) event() {
	t.add("process.ancestors.length", secl.TypeInt, "/process/ancestors", convCount).derived("the number of ancestors")
	t.str("container.id", "/container/id")
	t.date("container.created_at", "/container/created_at")
	t.unavailable("container.tags", secl.TypeString, "the backend writes no container tags").array()
	t.str("event.service", "/service")
	t.str("event.hostname", "/hostname")
	t.str("event.origin", "/agent/origin")
	t.str("event.os", "/agent/os")
	t.str("evt.name", "/evt/name")
	t.unavailable("event.timestamp", secl.TypeTime, "the agent's clock; the backend writes the date instead")
}

// linuxFields is the Linux mapping.
func linuxFields() []Field {
	var all fieldSet
	each := all.each

	each("", func(t *table) {
		t.process("process", "/process", false)
		t.process("process.parent", "/process/parent", false)
		t.process("process.ancestors", "/process/ancestors/*", true)
		t.event()
		t.str("cgroup.id", "/cgroup/id")
		t.str("cgroup.manager", "/cgroup/manager")
		t.unavailable("process.cookie", secl.TypeInt, "the agent's cache key of the process, not serialized")
		t.unavailable("event.async", secl.TypeBool, "not serialized")
	})
	each("exec", func(t *table) {
		t.process("exec", "/process", false)
	})
	each("exit", func(t *table) {
		t.process("exit", "/process", false)
		t.num("exit.code", "/exit/code")
		t.constant("exit.cause", "/exit/cause")
	})
	for _, ev := range []string{"open", "chmod", "chown", "unlink", "rmdir", "mkdir", "utimes", "link", "rename", "setxattr", "removexattr", "splice", "mmap", "load_module", "chdir"} {
		each(ev, func(t *table) { t.file(ev+".file", "/file") })
	}
	for _, ev := range []string{"open", "chmod", "chown", "unlink", "rmdir", "mkdir", "utimes", "link", "rename", "setxattr", "removexattr", "splice", "mmap", "mprotect", "load_module", "unload_module", "chdir", "bpf", "ptrace", "signal", "connect", "bind", "accept", "mount", "umount", "setsockopt", "prctl", "sysctl", "cgroup_write", "imds"} {
		each(ev, func(t *table) {
			t.unavailable(ev+".retval", secl.TypeInt, "the backend writes how the call ended as evt.outcome (Success, Refused, Error), not its return value")
		})
	}
	each("open", func(t *table) {
		t.constant("open.flags", "/file/flags")
		t.num("open.file.destination.mode", "/file/destination/mode")
	})
	each("chmod", func(t *table) {
		t.num("chmod.file.destination.mode", "/file/destination/mode")
		t.rights("chmod.file.destination.rights", "/file/destination/mode")
	})
	each("chown", func(t *table) {
		t.num("chown.file.destination.uid", "/file/destination/uid")
		t.num("chown.file.destination.gid", "/file/destination/gid")
		t.str("chown.file.destination.user", "/file/destination/user")
		t.str("chown.file.destination.group", "/file/destination/group")
	})
	each("mkdir", func(t *table) {
		t.num("mkdir.file.destination.mode", "/file/destination/mode")
		t.rights("mkdir.file.destination.rights", "/file/destination/mode")
	})
	each("link", func(t *table) { t.file("link.file.destination", "/file/destination") })
	each("rename", func(t *table) { t.file("rename.file.destination", "/file/destination") })
	for _, ev := range []string{"setxattr", "removexattr"} {
		each(ev, func(t *table) {
			t.str(ev+".file.destination.name", "/file/destination/attribute_name")
			t.str(ev+".file.destination.namespace", "/file/destination/attribute_namespace")
			t.unavailable(ev+".file.namespace", secl.TypeString, "not an agent field: the agent names it "+ev+".file.destination.namespace")
		})
	}
	each("utimes", func(t *table) {
		t.date("utimes.file.destination.atime", "/file/destination/access_time")
		t.date("utimes.file.destination.mtime", "/file/destination/modification_time")
	})
	each("dns", func(t *table) {
		t.num("dns.id", "/dns/id")
		t.str("dns.question.name", "/dns/question/name").Spec.CaseInsensitive = true
		t.constant("dns.question.type", "/dns/question/type")
		t.constant("dns.question.class", "/dns/question/class")
		t.num("dns.question.length", "/dns/question/size")
		t.num("dns.question.count", "/dns/question/count")
		t.num("dns.response.code", "/dns/response/code")
	})
	// Network fields belong to every network event (dns, imds…).
	each("", func(t *table) {
		t.ip("network.source.ip", "/network/source/ip")
		t.num("network.source.port", "/network/source/port")
		t.ip("network.destination.ip", "/network/destination/ip")
		t.num("network.destination.port", "/network/destination/port")
		t.constant("network.l3_protocol", "/network/l3_protocol")
		t.constant("network.l4_protocol", "/network/l4_protocol")
		t.num("network.size", "/network/size")
		t.constant("network.network_direction", "/network/network_direction")
		t.str("network.device.ifname", "/network/device/ifname")
		t.num("network.device.ifindex", "/network/device/ifindex")
		t.num("network.device.netns", "/network/device/netns")
	})
	each("imds", func(t *table) {
		t.str("imds.cloud_provider", "/imds/cloud_provider")
		t.str("imds.type", "/imds/type")
		t.str("imds.url", "/imds/url")
		t.str("imds.host", "/imds/host")
		t.str("imds.user_agent", "/imds/user_agent")
		t.str("imds.server", "/imds/server")
		t.flag("imds.aws.is_imds_v2", "/imds/aws/is_imds_v2")
		t.str("imds.aws.security_credentials.type", "/imds/aws/security_credentials/type")
	})
	for _, ev := range []string{"connect", "bind", "accept"} {
		each(ev, func(t *table) {
			t.constant(ev+".addr.family", "/"+ev+"/addr/family")
			t.ip(ev+".addr.ip", "/"+ev+"/addr/ip")
			t.num(ev+".addr.port", "/"+ev+"/addr/port")
			// The agent resolves the hostnames of connect and accept
			// addresses, and records the protocol of connect and bind.
			if ev != "bind" {
				t.str(ev+".addr.hostname", "/"+ev+"/hostnames").array()
			}
			if ev != "accept" {
				t.constant(ev+".protocol", "/"+ev+"/protocol")
			}
		})
	}
	each("bpf", func(t *table) {
		t.constant("bpf.cmd", "/bpf/cmd")
		t.str("bpf.prog.tag", "/bpf/program/tag")
		t.str("bpf.prog.name", "/bpf/program/name")
		t.constant("bpf.prog.type", "/bpf/program/program_type")
		t.constant("bpf.prog.attach_type", "/bpf/program/attach_type")
		t.constant("bpf.prog.helpers", "/bpf/program/helpers")
		t.str("bpf.map.name", "/bpf/map/name")
		t.constant("bpf.map.type", "/bpf/map/map_type")
	})
	each("capabilities", func(t *table) {
		t.constant("capabilities.used", "/capabilities/caps_used")
		t.constant("capabilities.attempted", "/capabilities/caps_attempted")
	})
	each("cgroup_write", func(t *table) {
		t.file("cgroup_write.file", "/cgroup_write/file")
		t.num("cgroup_write.pid", "/cgroup_write/pid")
	})
	each("load_module", func(t *table) {
		t.str("load_module.name", "/module/name")
		t.flag("load_module.loaded_from_memory", "/module/loaded_from_memory")
		t.str("load_module.argv", "/module/argv").array()
		t.add("load_module.args", secl.TypeString, "/module/argv", convArgs).derived("argv joined by spaces")
		t.flag("load_module.args_truncated", "/module/args_truncated")
	})
	each("unload_module", func(t *table) { t.str("unload_module.name", "/module/name") })
	each("mmap", func(t *table) {
		t.constant("mmap.protection", "/mmap/protection")
		t.constant("mmap.flags", "/mmap/flags")
	})
	each("mprotect", func(t *table) {
		t.constant("mprotect.req_protection", "/mprotect/req_protection")
		t.constant("mprotect.vm_protection", "/mprotect/vm_protection")
	})
	each("mount", func(t *table) {
		t.str("mount.fs_type", "/mount/fs_type")
		t.str("mount.mountpoint.path", "/mount/mountpoint.path").path()
		t.str("mount.source.path", "/mount/source.path").path()
		t.str("mount.root.path", "/mount/root/path").path()
		t.num("mount.mountpoint.inode", "/mount/mp/inode")
		t.num("mount.id", "/mount/mount_id")
		t.num("mount.parent_mount_id", "/mount/parent_mount_id")
		t.num("mount.bind_src_mount_id", "/mount/bind_src_mount_id")
		t.num("mount.device", "/mount/device")
		t.flag("mount.visible", "/mount/visible")
	})
	each("umount", func(t *table) {
		t.str("umount.file.path", "/file/path").path()
		t.num("umount.mount_id", "/file/new_mount_id").derived("file.new_mount_id")
	})
	each("prctl", func(t *table) {
		t.constant("prctl.option", "/prctl/option")
		t.str("prctl.new_name", "/prctl/new_name")
	})
	each("ptrace", func(t *table) {
		t.constant("ptrace.request", "/ptrace/request")
		t.process("ptrace.tracee", "/ptrace/tracee", false)
	})
	each("signal", func(t *table) {
		t.constant("signal.type", "/signal/type")
		t.num("signal.pid", "/signal/pid")
		t.process("signal.target", "/signal/target", false)
	})
	each("selinux", func(t *table) {
		t.str("selinux.bool.name", "/selinux/bool/name")
		t.str("selinux.bool.state", "/selinux/bool/state")
		t.flag("selinux.bool_commit.state", "/selinux/bool_commit/state")
		t.str("selinux.enforce.status", "/selinux/enforce/status")
	})
	each("setsockopt", func(t *table) {
		t.constant("setsockopt.optname", "/setsockopt/optname")
		t.constant("setsockopt.level", "/setsockopt/level")
		t.constant("setsockopt.socket_family", "/setsockopt/socket_family")
		t.constant("setsockopt.socket_type", "/setsockopt/socket_type")
		t.num("setsockopt.filter_len", "/setsockopt/filter_len")
		t.str("setsockopt.filter_hash", "/setsockopt/filter_hash")
		t.flag("setsockopt.is_filter_truncated", "/setsockopt/is_filter_truncated")
	})
	each("splice", func(t *table) {
		t.constant("splice.pipe_entry_flag", "/splice/pipe_entry_flag")
		t.constant("splice.pipe_exit_flag", "/splice/pipe_exit_flag")
	})
	each("sysctl", func(t *table) {
		t.constant("sysctl.action", "/sysctl/action")
		t.str("sysctl.name", "/sysctl/name")
		t.str("sysctl.value", "/sysctl/value")
		t.str("sysctl.old_value", "/sysctl/old_value")
	})
	each("syscalls", func(t *table) {
		t.str("syscalls.name", "/syscalls/*/name").array()
		t.num("syscalls.id", "/syscalls/*/id").array()
		t.add("syscalls.length", secl.TypeInt, "/syscalls", convCount).derived("the number of syscalls")
	})
	each("network_flow_monitor", func(t *table) {
		const flows = "/network_flow_monitor/flows"
		t.add("network_flow_monitor.flows.length", secl.TypeInt, flows, convCount).derived("the number of flows")
		t.ip("network_flow_monitor.flows.source.ip", flows+"/*/source/ip").array()
		t.num("network_flow_monitor.flows.source.port", flows+"/*/source/port").array()
		t.ip("network_flow_monitor.flows.destination.ip", flows+"/*/destination/ip").array()
		t.num("network_flow_monitor.flows.destination.port", flows+"/*/destination/port").array()
		t.constant("network_flow_monitor.flows.l3_protocol", flows+"/*/l3_protocol").array()
		t.constant("network_flow_monitor.flows.l4_protocol", flows+"/*/l4_protocol").array()
		t.num("network_flow_monitor.flows.ingress.data_size", flows+"/*/ingress/data_size").array()
		t.num("network_flow_monitor.flows.egress.data_size", flows+"/*/egress/data_size").array()
		t.num("network_flow_monitor.flows.ingress.packet_count", flows+"/*/ingress/packet_count").array()
		t.num("network_flow_monitor.flows.egress.packet_count", flows+"/*/egress/packet_count").array()
	})
	each("packet", func(t *table) {
		t.unavailable("packet.filter", secl.TypeString, "a pcap filter the agent compiles into the kernel; events do not say which filter they passed")
		t.ip("packet.source.ip", "/packet/source/ip")
		t.num("packet.source.port", "/packet/source/port")
		t.ip("packet.destination.ip", "/packet/destination/ip")
		t.num("packet.destination.port", "/packet/destination/port")
		t.num("packet.size", "/packet/size")
		t.constant("packet.l3_protocol", "/packet/l3_protocol")
		t.constant("packet.l4_protocol", "/packet/l4_protocol")
	})
	return all
}
