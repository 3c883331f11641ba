package record

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/model"
)

// exampleEvent decodes line n (1-based) of an example file.
func exampleEvent(t *testing.T, file string, n int) *model.Event {
	t.Helper()
	f, err := os.Open("../../examples/" + file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for i := 1; sc.Scan(); i++ {
		if i == n {
			ev, err := model.Decode(sc.Bytes())
			if err != nil {
				t.Fatalf("%s:%d: %v", file, n, err)
			}
			return ev
		}
	}
	t.Fatalf("%s has no line %d", file, n)
	return nil
}

// TestDetail checks each family's detail against the example files; the
// expected values were read from the files.
func TestDetail(t *testing.T) {
	tests := []struct {
		file string
		line int
		want string
	}{
		{"events.ndjson", 1, `HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\WinDefend  value Updater`},
		{"events.ndjson", 2, `\REGISTRY\USER\S-1-5-21-3623811015-3361044348-30300820-1013\Environment`},
		{"kinds.ndjson", 1, `C:\Program Files\Google\Chrome\Application\chrome.exe`}, // exec: the file
		{"kinds.ndjson", 3, `C:\Windows\System32\config\SAM`},                        // change_permission
		{"kinds.ndjson", 4, `C:\Users\alice\AppData\Local\Temp\run.ps1 -> C:\Users\alice\AppData\Local\Temp\invoice.pdf.exe`},
		{"kinds.ndjson", 5, `exit code -1073741510`},
		{"kinds.ndjson", 9, `C:\Users\SYSTEM\Downloads\agent.log`}, // write
		{"linux.ndjson", 1, `/var/log/auth.log`},                   // splice: its file
		{"linux.ndjson", 4, `SysUnlinkat SysMemfdCreate SysExecve SysMmap`},
		{"linux.ndjson", 5, `/tmp/authorized_keys -> /home/deploy/.ssh/authorized_keys`},
		{"linux.ndjson", 6, `CAP_BPF,CAP_PERFMON,CAP_SYS_ADMIN,CAP_SYS_RESOURCE`},
		{"linux.ndjson", 8, `PR_SET_DUMPABLE`},
		{"linux.ndjson", 9, `BPF_PROG_LOAD program sd_devices`},
		{"linux.ndjson", 11, `/sys/fs/cgroup/system.slice/fstrim.service/cgroup.procs pid 1901683`},
		{"linux.ndjson", 12, `from 10.0.3.12:56046`},
		{"linux.ndjson", 14, `SOL_SOCKET SO_ATTACH_FILTER`},
		{"linux.ndjson", 15, `0.0.0.0:22`},
		{"linux.ndjson", 17, `deb.debian.org TXT`},
		{"linux.ndjson", 18, `PTRACE_TRACEME`},
		{"linux.ndjson", 19, `52.216.10.91:443`},
		{"linux.ndjson", 20, `203.0.113.45:443`}, // packet
		{"linux.ndjson", 22, `SIGTERM to pid 371`},
		{"linux.ndjson", 24, `3.233.146.12:443`},
		{"linux.ndjson", 25, `SYSCTL_WRITE kernel/core_pattern = |/tmp/.x/cp.sh`},
		{"linux.ndjson", 27, `VM_EXEC | VM_READ | VM_WRITE`},
		{"linux.ndjson", 28, `/run/containerd/io.containerd.runtime.v2.task/k8s.io/f56b8da96be109ceee60838ddcb811e9d3b55c4e7fa4f866a0f00d75b0ca8759/rootfs (overlay)`},
		{"linux.ndjson", 31, `veth`},
		{"linux.ndjson", 32, `PROT_EXEC | PROT_READ | PROT_WRITE`},
		{"linux.ndjson", 33, `gcp /computeMetadata/v1/project/project-id`},
		{"linux.ndjson", 34, `tls`},
		{"linux.ndjson", 35, `bool commit`},
		{"linux.ndjson", 37, `exit code 127`},
	}
	for _, tt := range tests {
		ev := exampleEvent(t, tt.file, tt.line)
		if got := Detail(ev); got != tt.want {
			t.Errorf("%s:%d (%s): Detail = %q, want %q", tt.file, tt.line, ev.Evt.Name, got, tt.want)
		}
	}
}

func TestDetailIllTypedAndIPv6(t *testing.T) {
	tests := []struct {
		name, json, want string
	}{
		{"ill-typed exit code", `{"exit":{"code":"1"}}`, `exit code "1" (invalid)`},
		{"ipv6 destination", `{"connect":{"addr":{"ip":"2001:db8::1","port":443}}}`, `[2001:db8::1]:443`},
		{"ill-typed port", `{"connect":{"addr":{"ip":"10.0.0.1","port":"x"}}}`, `10.0.0.1 port "x" (invalid)`},
		{"signal with target", `{"signal":{"type":"SIGKILL","pid":7,"target":{"pid":7,"executable":{"path":"/bin/x"}}}}`, `SIGKILL to pid 7 /bin/x`},
		{"ptrace tracee", `{"ptrace":{"request":"PTRACE_ATTACH","tracee":{"pid":9,"executable":{"path":"/usr/bin/sshd"}}}}`, `PTRACE_ATTACH tracee pid 9 /usr/bin/sshd`},
		{"nothing", `{"evt":{"name":"x"}}`, ``},
	}
	for _, tt := range tests {
		ev, err := model.Decode([]byte(tt.json))
		if err != nil {
			t.Fatal(err)
		}
		if got := Detail(ev); got != tt.want {
			t.Errorf("%s: Detail = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestOfWindows(t *testing.T) {
	ev := exampleEvent(t, "events.ndjson", 1)
	r := Of(ev, "web-01", input.Position{File: "events.ndjson", Line: 1})
	wantInstant := time.Date(2025, 11, 3, 9, 0, 0, 22837200, time.UTC)
	if r.DateState != DateValid || !r.Instant.Equal(wantInstant) || r.Instant.Location() != time.UTC {
		t.Errorf("date: %v %v, want valid %v in UTC", r.DateState, r.Instant, wantInstant)
	}
	str := []struct{ name, got, want string }{
		{"DateText", r.DateText, "2025-11-03T10:00:00.0228372+01:00"},
		{"Host", r.Host, "web-01"},
		{"OS", r.OS, "windows"},
		{"RuleID", r.RuleID, "registry_run_key_persistence"},
		{"RuleVersion", r.RuleVersion, "1.0.2"},
		{"Title", r.Title, "A Run key value was set (registry persistence)"},
		{"Event", r.Event, "set_key_value"},
		{"Category", r.Category, "File Activity"},
		{"Outcome", r.Outcome, "unknown"},
		{"ExecutablePath", r.ExecutablePath, `C:\Windows\System32\svchost.exe`},
		{"Cmdline", r.Cmdline, `"C:\Windows\System32\svchost.exe" -k netsvcs -p`},
		{"User", r.User, `NT AUTHORITY\SYSTEM`},
		{"ContainerID", r.ContainerID, ""},
		{"FilePath", r.FilePath, ""},
		{"RegistryKeyPath", r.RegistryKeyPath, `HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\WinDefend`},
		{"SourceFile", r.SourceFile, "events.ndjson"},
	}
	for _, s := range str {
		if s.got != s.want {
			t.Errorf("%s = %q, want %q", s.name, s.got, s.want)
		}
	}
	if !r.PID.Is(18744) || !r.PPID.Is(1452) || r.ExitCode.Present() || r.NetworkDestinationPort.Present() || r.SourceLine != 1 {
		t.Errorf("pid %v ppid %v exit %v port %v line %d", r.PID, r.PPID, r.ExitCode, r.NetworkDestinationPort, r.SourceLine)
	}
	wantAnc := []struct {
		pid  int64
		path string
	}{{1452, `C:\Windows\System32\services.exe`}, {22544, `C:\Windows\System32\wininit.exe`}, {26920, `C:\Windows\System32\smss.exe`}, {4, ""}}
	if len(r.Ancestors) != len(wantAnc) {
		t.Fatalf("%d ancestors, want %d", len(r.Ancestors), len(wantAnc))
	}
	for i, w := range wantAnc {
		if a := r.Ancestors[i]; !a.PID.Is(w.pid) || a.ExecutablePath != w.path {
			t.Errorf("ancestor %d = %v %q, want %d %q", i, a.PID, a.ExecutablePath, w.pid, w.path)
		}
	}
}

func TestOfLinux(t *testing.T) {
	ev := exampleEvent(t, "linux.ndjson", 1)
	r := Of(ev, "", input.Position{File: "linux.ndjson", Line: 1})
	if r.OS != "linux" || r.RuleID != "dirty_pipe_attempt" || r.RuleVersion != "" || r.Event != "splice" {
		t.Errorf("os %q rule %q version %q event %q", r.OS, r.RuleID, r.RuleVersion, r.Event)
	}
	if want := `grep -c 'Failed password' /var/log/auth.log`; r.Cmdline != want {
		t.Errorf("Cmdline = %q, want %q", r.Cmdline, want)
	}
	if r.User != "admin" || r.FilePath != "/var/log/auth.log" || r.ExecutablePath != "/usr/bin/grep" {
		t.Errorf("user %q file %q exe %q", r.User, r.FilePath, r.ExecutablePath)
	}
	if len(r.Ancestors) != 6 || r.Ancestors[1].Cmdline != "-bash" || r.Ancestors[4].Cmdline != "sshd -D" || r.Ancestors[2].Cmdline != `'sshd: admin@pts/3'` {
		t.Errorf("ancestors %+v", r.Ancestors)
	}

	dns := Of(exampleEvent(t, "linux.ndjson", 17), "", input.Position{})
	if dns.DNSQuestionName != "deb.debian.org" || dns.NetworkDestinationIP != "10.0.0.2" || !dns.NetworkDestinationPort.Is(53) {
		t.Errorf("dns: %q %q %v", dns.DNSQuestionName, dns.NetworkDestinationIP, dns.NetworkDestinationPort)
	}
	conn := Of(exampleEvent(t, "linux.ndjson", 19), "", input.Position{})
	if conn.NetworkDestinationIP != "52.216.10.91" || !conn.NetworkDestinationPort.Is(443) {
		t.Errorf("connect: %q %v", conn.NetworkDestinationIP, conn.NetworkDestinationPort)
	}
	rename := Of(exampleEvent(t, "linux.ndjson", 5), "", input.Position{})
	if rename.FileDestinationPath != "/home/deploy/.ssh/authorized_keys" {
		t.Errorf("rename destination %q", rename.FileDestinationPath)
	}
	exit := Of(exampleEvent(t, "linux.ndjson", 37), "", input.Position{})
	if !exit.ExitCode.Is(127) {
		t.Errorf("exit code %v", exit.ExitCode)
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		json  string
		state DateState
		text  string
		utc   string
	}{
		{`{}`, DateAbsent, "", ""},
		{`{"date":"2025-11-03T10:00:00.5+01:00"}`, DateValid, "2025-11-03T10:00:00.5+01:00", "2025-11-03T09:00:00.5Z"},
		{`{"date":"yesterday"}`, DateIllTyped, `"yesterday"`, ""},
		{`{"date":17}`, DateIllTyped, `17`, ""},
	}
	for _, tt := range tests {
		ev, err := model.Decode([]byte(tt.json))
		if err != nil {
			t.Fatal(err)
		}
		state, instant, text := Date(ev.Date)
		if state != tt.state || text != tt.text {
			t.Errorf("%s: state %v text %q, want %v %q", tt.json, state, text, tt.state, tt.text)
		}
		got := ""
		if !instant.IsZero() {
			got = instant.Format(time.RFC3339Nano)
		}
		if got != tt.utc {
			t.Errorf("%s: instant %q, want %q", tt.json, got, tt.utc)
		}
	}
}

// FuzzOf decodes any event and makes its row: no panic, a detail and a
// date state whatever the types, and the row's integers never invented.
func FuzzOf(f *testing.F) {
	for _, s := range []string{
		`{"exit":{"code":"1"},"process":{"pid":null,"ancestors":[1,{"pid":2}]}}`,
		`{"signal":{"target":{"pid":"x"}},"mount":{"mp":{}},"date":{}}`,
		`{"network_flow_monitor":{"flows":[{},{"destination":{"port":1e999}}]},"bpf":{"map":{"name":"m"}}}`,
		`{"syscalls":[{"name":"a"},{},{},{},{},{}],"connect":{"addr":{}},"dns":{"question":null}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := model.Decode(data)
		if err != nil {
			return
		}
		r := Of(ev, "h", input.Position{File: "f", Line: 1})
		if r.DateState == DateValid && r.Instant.Location() != time.UTC {
			t.Errorf("instant %v not in UTC", r.Instant)
		}
		if ev.Process == nil && (r.PID.Present() || len(r.Ancestors) > 0) {
			t.Errorf("a pid or ancestors without a process: %+v", r)
		}
	})
}

// checkDetailOf holds DetailOf, which decodes only the members Detail
// reads, to Detail of the whole event.
func checkDetailOf(t *testing.T, where string, raw []byte) {
	t.Helper()
	ev, err := model.Decode(raw)
	if err != nil {
		return
	}
	got, _, err := DetailOf(raw, nil)
	if want := Detail(ev); err != nil || got != want {
		t.Errorf("%s: DetailOf = %q, %v; Detail = %q", where, got, err, want)
	}
}

func TestDetailOfAgreesWithDetail(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.ndjson")
	hostile, _ := filepath.Glob("../../testdata/hostile/*.ndjson")
	checked := 0
	for _, file := range append(files, hostile...) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			checkDetailOf(t, fmt.Sprintf("%s:%d", file, i+1), []byte(line))
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d lines checked", checked)
	}
}

func FuzzDetailOf(f *testing.F) {
	for _, s := range []string{
		`{"exit":{"code":1},"exit":"x","file":{"path":"p","destination":{"path":"d"}}}`,
		`{"e\u0078it":{"code":2},"registry":{"key_path":"k","value_name":"v"}}`,
		`{"signal":{"type":"SIGKILL","pid":"7"},"process":{"pid":1}}`,
		`{"network":{"destination":{"ip":"::1","port":53}},"dns":null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) { checkDetailOf(t, "fuzz", raw) })
}
