package hunt

import (
	"regexp"
	"sort"
	"testing"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// generatorFields are the fields the generator's Linux rule contexts use
// (matching_subexprs and expressions of `-os linux -n 2000 -seed 1`).
var generatorFields = []string{
	"accept.addr.family", "bind.addr.family", "bind.addr.port", "bpf.cmd", "capabilities.used",
	"cgroup_write.file.name", "chmod.file.name", "chmod.file.path", "chown.file.name", "chown.file.path",
	"connect.addr.family", "connect.addr.port", "container.id", "dns.question.name", "dns.question.type",
	"exec.args", "exec.args_flags", "exec.envs", "exec.file.change_time", "exec.file.in_upper_layer",
	"exec.file.name", "exec.file.path", "exit.code", "imds.aws.security_credentials.type",
	"imds.cloud_provider", "link.file.destination.name", "link.file.destination.path",
	"load_module.loaded_from_memory", "load_module.name", "mkdir.file.path", "mmap.file.path",
	"mmap.flags", "mmap.protection", "mount.fs_type", "mprotect.req_protection",
	"network_flow_monitor.flows.length", "open.file.name", "open.file.path", "open.flags",
	"packet.filter", "prctl.new_name", "prctl.option", "process.ancestors.file.name", "process.comm",
	"process.file.name", "process.file.path", "process.tty_name", "process.uid", "ptrace.request",
	"removexattr.file.namespace", "rename.file.destination.name", "rename.file.destination.path",
	"rmdir.file.path", "selinux.bool.name", "selinux.enforce.status", "setsockopt.optname",
	"setxattr.file.namespace", "signal.target.file.name", "signal.type", "splice.pipe_entry_flag",
	"splice.pipe_exit_flag", "syscalls.length", "sysctl.action", "sysctl.name", "umount.file.path",
	"unlink.file.name", "unlink.file.path", "unload_module.name", "utimes.file.name", "utimes.file.path",
}

var (
	stringLiteral = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	fieldName     = regexp.MustCompile(`\b[a-z_]+(?:\.[a-z_0-9]+)+\b`)
)

// contextFields are the fields the rule contexts of the events name.
func contextFields(t *testing.T, names ...string) []string {
	seen := map[string]bool{}
	for _, name := range names {
		for _, raw := range readEvents(t, name) {
			ctx := jsonscan.Member(raw, 0, "evt", "rule_context")
			if e := jsonscan.Member(ctx, 0, "expression"); len(e) > 0 && e[0] == '"' {
				for _, f := range fieldName.FindAllString(stringLiteral.ReplaceAllString(jsonscan.Unquote(e), ""), -1) {
					seen[f] = true
				}
			}
			for _, s := range subexprs(ctx) {
				seen[s.field] = true
			}
		}
	}
	var out []string
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// TestMappingCoversRuleContexts fails when a field a rule context uses is
// not in the mapping: each must be exact, derived, or declared unavailable
// with the reason.
func TestMappingCoversRuleContexts(t *testing.T) {
	fields := append(contextFields(t, corpora...), generatorFields...)
	if len(fields) < len(generatorFields)+1 {
		t.Fatalf("the example files' rule contexts name %d fields: are they still there?", len(fields)-len(generatorFields))
	}
	for _, name := range fields {
		f, ok := Linux().Field(name)
		if !ok {
			if _, err := Linux().Lookup(name); err != nil {
				t.Errorf("%s: used in a rule context, not mapped", name)
			}
			continue
		}
		if f.Source == Unavailable && f.Note == "" {
			t.Errorf("%s: unavailable, and no reason given", name)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name, wantErr string
	}{
		{"exec.file.path", ""},
		{"process.ancestors.file.name", ""},
		{"exec.file.path.length", ""},
		{"process.argv.length", ""},
		{"exit.code.length", "exit.code.length: unknown field (csmctl hunt --fields lists them)"},
		{"packet.filter", "packet.filter: not available in backend events: a pcap filter the agent compiles into the kernel; events do not say which filter they passed"},
		{"exec.nosuch", "exec.nosuch: unknown field (csmctl hunt --fields lists them)"},
	}
	for _, tt := range tests {
		_, err := Linux().Lookup(tt.name)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.wantErr {
			t.Errorf("Lookup(%q) = %q, want %q", tt.name, got, tt.wantErr)
		}
	}
	spec, _ := Linux().Lookup("dns.question.name")
	if !spec.CaseInsensitive || spec.EventType != "dns" {
		t.Errorf("dns.question.name: %+v, want case-insensitive, of dns events", spec)
	}
	spec, _ = Linux().Lookup("process.ancestors.pid")
	if !spec.Array || spec.EventType != "" {
		t.Errorf("process.ancestors.pid: %+v, want an array, of every event", spec)
	}
	spec, _ = Linux().Lookup("open.file.path")
	if !spec.Path {
		t.Errorf("open.file.path: %+v, want a path", spec)
	}
}
