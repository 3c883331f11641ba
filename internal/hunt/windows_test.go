package hunt

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/secl"
)

var windowsExamples = []string{"../../examples/events.ndjson", "../../examples/kinds.ndjson"}

// windowsAgentFields are the Windows agent's fields by event type ("*" for
// every event), from its field list (secl_windows.json), ".length" left
// out: Lookup derives it.
var windowsAgentFields = func() map[string][]string {
	process := func(prefix string) []string {
		var out []string
		for _, f := range []string{"cmdline", "container.id", "created_at", "envp", "envs", "file.extension",
			"file.name", "file.path", "pid", "ppid", "user", "user_sid"} {
			out = append(out, prefix+"."+f)
		}
		return out
	}
	file := func(prefix string) []string {
		return []string{prefix + ".device_path", prefix + ".extension", prefix + ".name", prefix + ".path"}
	}
	registry := func(prefixes ...string) []string {
		var out []string
		for _, p := range prefixes {
			out = append(out, p+".registry.key_name", p+".registry.key_path")
		}
		return out
	}
	common := []string{"container.created_at", "container.id", "container.tags", "event.hostname", "event.origin",
		"event.os", "event.rule.tags", "event.service", "event.source", "event.timestamp", "process.ancestors.length"}
	common = append(common, process("process")...)
	common = append(common, process("process.parent")...)
	common = append(common, process("process.ancestors")...)
	return map[string][]string{
		"*":                 common,
		"change_permission": {"change_permission.new_sd", "change_permission.old_sd", "change_permission.path", "change_permission.type", "change_permission.user_domain", "change_permission.username"},
		"create":            file("create.file"),
		"create_key":        registry("create", "create_key"),
		"delete":            file("delete.file"),
		"delete_key":        registry("delete", "delete_key"),
		"exec":              process("exec"),
		"exit":              append(process("exit"), "exit.cause", "exit.code"),
		"open_key":          registry("open", "open_key"),
		"rename":            append(file("rename.file"), file("rename.file.destination")...),
		"set_key_value": append(registry("set", "set_key_value"), "set.registry.value_name", "set.value_name",
			"set_key_value.registry.value_name", "set_key_value.value_name"),
		"write": file("write.file"),
	}
}()

// TestWindowsMappingIsTheAgents fails when a field of the Windows agent is
// not mapped (exact, derived, or unavailable with a reason), when a field
// is mapped under another event type than the agent's, or when the mapping
// has a field the agent does not.
func TestWindowsMappingIsTheAgents(t *testing.T) {
	agent := map[string]bool{"evt.name": true} // csmctl's own: the event's type
	for typ, names := range windowsAgentFields {
		for _, name := range names {
			agent[name] = true
			f, ok := Windows().Field(name)
			if !ok {
				t.Errorf("%s: a Windows agent field, not mapped", name)
				continue
			}
			if want := strings.TrimPrefix(typ, "*"); f.Spec.EventType != want {
				t.Errorf("%s: of %q events, want %q", name, f.Spec.EventType, want)
			}
			if f.Source == Unavailable && f.Note == "" {
				t.Errorf("%s: unavailable, and no reason given", name)
			}
		}
	}
	for _, f := range Windows().Fields() {
		if !agent[f.Name] {
			t.Errorf("%s: mapped, but not a Windows agent field", f.Name)
		}
	}
}

// TestWindowsMappingCoversExamples fails when an event type of the
// Windows example files has no mapped field, or a member of such an event
// that the agent has a field for is read by none: each kind the examples
// show must be huntable.
func TestWindowsMappingCoversExamples(t *testing.T) {
	read := map[string]bool{}
	for _, f := range Windows().Fields() {
		read[f.JSON] = true
	}
	// The members of the examples' events the agent has a field for.
	members := []string{"/registry/key_name", "/registry/key_path", "/registry/value_name",
		"/file/path", "/file/name", "/file/device_path", "/file/destination/path", "/file/destination/name",
		"/file/destination/device_path", "/exit/code", "/exit/cause", "/process/pid", "/process/ppid",
		"/process/cmdline", "/process/user", "/process/executable/path", "/process/executable/name",
		"/process/parent/cmdline", "/process/ancestors/*/executable/name", "/usr/sid",
		"/permission_change/path", "/permission_change/new_sd", "/permission_change/old_sd"}
	for _, m := range members {
		if !read[m] {
			t.Errorf("%s: no field reads it", m)
		}
	}
	types := map[string]bool{}
	for _, name := range windowsExamples {
		for _, raw := range readEvents(t, name) {
			if v := jsonscan.Member(raw, 0, "evt", "name"); len(v) > 0 && v[0] == '"' {
				types[jsonscan.Unquote(v)] = true
			}
		}
	}
	if len(types) < 8 {
		t.Fatalf("the Windows examples have %d event types: are they still there?", len(types))
	}
	for typ := range types {
		if len(windowsAgentFields[typ]) == 0 {
			t.Errorf("%s: an event type of the examples with no field", typ)
		}
	}
}

// TestWindowsEventDifferential compares the Windows fields read lazily
// with the examples decoded whole.
func TestWindowsEventDifferential(t *testing.T) {
	if checked := differential(t, Windows(), windowsExamples); checked < 500 {
		t.Errorf("only %d field values compared: the Windows examples no longer exercise the mapping", checked)
	}
}

func TestWindowsLookup(t *testing.T) {
	tests := []struct {
		name, wantErr string
		anyCase       bool
	}{
		{"set_key_value.registry.key_path", "", false},
		{"set.value_name", "", false},
		{"create.registry.key_path.length", "", false},
		{"exec.cmdline", "", true},
		{"write.file.path", "", true},
		{"rename.file.destination.name", "", true},
		{"process.parent.user_sid", "process.parent.user_sid: not available in backend events: the backend writes the sid of the event's process only, as usr.sid", false},
		{"exec.file.extension", "exec.file.extension: not available in backend events: not serialized on Windows", false},
		{"open.file.path", "open.file.path: unknown field (csmctl hunt --fields lists them)", false},
		{"process.tty_name", "process.tty_name: unknown field (csmctl hunt --fields lists them)", false},
	}
	for _, tt := range tests {
		spec, err := Windows().Lookup(tt.name)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.wantErr {
			t.Errorf("Lookup(%q) = %q, want %q", tt.name, got, tt.wantErr)
		}
		if err == nil && spec.CaseInsensitive != tt.anyCase {
			t.Errorf("Lookup(%q): case-insensitive %v, want %v", tt.name, spec.CaseInsensitive, tt.anyCase)
		}
	}
}

// TestPlatforms evaluates expressions over the Windows and the Linux
// examples together: with Auto each event is read with its OS's fields,
// and a field of the other OS is no error; with one OS, the other's fields
// are unknown. The matches were found reading the files.
func TestPlatforms(t *testing.T) {
	files := []string{"../../examples/events.ndjson", "../../examples/kinds.ndjson", "../../examples/linux.ndjson"}
	var events []struct {
		pos string
		raw []byte
	}
	for _, name := range files {
		for i, raw := range readEvents(t, name) {
			events = append(events, struct {
				pos string
				raw []byte
			}{fmt.Sprintf("%s:%d", strings.TrimPrefix(name, "../../examples/"), i+1), raw})
		}
	}
	tests := []struct {
		platform Platform
		expr     string
		want     []string // positions; nil with wantErr
		wantErr  string
	}{
		{Auto, `set_key_value.registry.key_path =~ "*\Policies\Microsoft\Windows Defender"`,
			[]string{"events.ndjson:17", "kinds.ndjson:2"}, ""},
		{Auto, `set.value_name == "DisableAntiSpyware"`, []string{"kinds.ndjson:8"}, ""},
		{Auto, `create.registry.key_name == "Run" && process.file.name == "svchost.exe"`, []string{"events.ndjson:27"}, ""},
		// file paths and names in any case, as the agent compares them
		{Auto, `exec.file.path == "c:\windows\system32\CERTUTIL.EXE"`, []string{"events.ndjson:6", "events.ndjson:7"}, ""},
		{Auto, `exec.file.name in ["SCHTASKS.exe", "net.exe"]`, []string{"events.ndjson:8", "events.ndjson:33"}, ""},
		{Auto, `exec.cmdline =~ "* /ADD*"`, []string{"events.ndjson:8"}, ""},
		// registry keys as written
		{Auto, `open_key.registry.key_name == "run"`, []string{}, ""},
		{Auto, `rename.file.destination.path =~ "*.exe" && rename.file.device_path =~ "\Device\*"`, []string{"kinds.ndjson:4"}, ""},
		// kinds.ndjson:10 writes its pid "10420", a string: no value
		{Auto, `process.pid == 10420`, []string{"events.ndjson:30"}, ""},
		{Auto, `write.file.name == "agent.log"`, []string{"kinds.ndjson:9"}, ""},
		{Auto, `change_permission.path == "C:\Windows\System32\config\SAM" && change_permission.user_domain == "NT AUTHORITY"`, []string{"kinds.ndjson:3"}, ""},
		{Auto, `exit.code == -1073741510 && exit.cause == EXITED`, []string{"kinds.ndjson:5"}, ""},
		// one expression, fields of both OSes: each has values on its own
		// OS's events only
		{Auto, `exec.file.path == "/usr/bin/bash" || exec.cmdline =~ "* -urlcache *"`,
			[]string{"events.ndjson:6", "events.ndjson:7", "linux.ndjson:36"}, ""},
		// process.tty_name is Linux's: no value on Windows events
		{Auto, `process.tty_name != "" && process.pid == 18744`, []string{}, ""},
		{Auto, `process.tty_name == "pts1"`, []string{"linux.ndjson:14", "linux.ndjson:27", "linux.ndjson:30", "linux.ndjson:31"}, ""},
		{OnlyWindows, `exec.file.name == "certutil.exe"`, []string{"events.ndjson:6", "events.ndjson:7"}, ""},
		// every event read with Windows' fields, a Linux event too
		{OnlyWindows, `exec.file.path == "/usr/bin/bash"`, []string{"linux.ndjson:36"}, ""},
		{OnlyWindows, `process.tty_name == ""`, nil, "--expr:1:1: process.tty_name: unknown field (csmctl hunt --fields lists them)"},
		{OnlyLinux, `create_key.registry.key_name == "Lsa"`, nil, "--expr:1:1: create_key.registry.key_name: unknown field (csmctl hunt --fields lists them)"},
		// unknown on both: an error with --os auto too
		{Auto, `exec.nosuch == "x"`, nil, "--expr:1:1: exec.nosuch: unknown field (csmctl hunt --fields lists them)"},
		// unavailable on both
		{Auto, `process.parent.user_sid == "S-1-5-18"`, nil, "--expr:1:1: process.parent.user_sid: not available in backend events: the backend writes the sid of the event's process only, as usr.sid"},
	}
	for _, tt := range tests {
		r, err := CompileExpr(tt.expr, tt.platform)
		if tt.wantErr != "" || err != nil {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%s: error %v, want %q", tt.expr, err, tt.wantErr)
			}
			continue
		}
		ev := r.NewEvent(AgentConstant)
		vars := secl.NewVariables()
		got := []string{}
		for _, e := range events {
			ev.Reset(e.raw)
			if len(r.Match(ev, vars)) > 0 {
				got = append(got, e.pos)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: matches %v, want %v", tt.expr, got, tt.want)
		}
	}
}
