package secl

import (
	"net/netip"
	"reflect"
	"testing"
	"time"
)

// evalOn compiles expr and evaluates it on ev, failing the test on a
// compile error.
func evalOn(t *testing.T, expr string, ev Event, macros *Macros) bool {
	t.Helper()
	p, err := Compile("--expr", expr, testFields, macros)
	if err != nil {
		t.Fatalf("Compile(%s): %v", expr, err)
	}
	return p.Eval(ev, nil)
}

func TestIPsAndCIDRs(t *testing.T) {
	ev := &fakeEvent{typ: "connect", at: t0, vals: map[string][]Value{
		"connect.addr.ip":     ip("10.1.2.3"),
		"connect.addr.family": ints(2),
	}}
	v6 := &fakeEvent{typ: "connect", at: t0, vals: map[string][]Value{
		"connect.addr.ip": ip("2001:db8::1"),
	}}
	tests := []struct {
		expr string
		ev   Event
		want bool
	}{
		{`connect.addr.ip == 10.1.2.3`, ev, true},
		{`connect.addr.ip != 10.1.2.3`, ev, false},
		{`connect.addr.ip == 10.1.2.4`, ev, false},
		{`connect.addr.ip == 10.0.0.0/8`, ev, true},
		{`connect.addr.ip in 10.0.0.0/8`, ev, true},
		{`connect.addr.ip in [192.168.0.0/16, 10.0.0.0/8]`, ev, true},
		{`connect.addr.ip not in [192.168.0.0/16, 172.16.0.0/12]`, ev, true},
		{`connect.addr.ip allin [10.1.0.0/16]`, ev, true},
		{`connect.addr.ip allin [10.2.0.0/16]`, ev, false},
		{`connect.addr.ip in ["10.1.2.3"]`, ev, true},
		{`connect.addr.ip in ["192.168.1.25", "10.0.0.0/24"]`, ev, false},
		{`connect.addr.ip == "10.1.2.3"`, ev, true},
		{`connect.addr.ip == ::ffff:10.1.2.3`, ev, true},
		{`connect.addr.ip in [2001:db8::/32]`, v6, true},
		{`connect.addr.ip == 2001:db8::1`, v6, true},
		{`connect.addr.ip in 10.0.0.0/8`, v6, false},
		{`connect.addr.family == AF_INET`, ev, true},
		{`connect.addr.family in [AF_INET, AF_INET6]`, ev, true},
	}
	for _, tt := range tests {
		if got := evalOn(t, tt.expr, tt.ev, nil); got != tt.want {
			t.Errorf("%s = %v, want %v", tt.expr, got, tt.want)
		}
	}
	if _, err := Compile("--expr", `connect.addr.ip in ["nope"]`, testFields, nil); err == nil ||
		err.Error() != `--expr:1:21: "nope" is not an IP address or a CIDR` {
		t.Errorf("bad CIDR string: %v", err)
	}
}

func TestCaseInsensitiveField(t *testing.T) {
	ev := &fakeEvent{typ: "dns", at: t0, vals: map[string][]Value{
		"dns.question.name": str("Pool.MiningXMR.example"),
		"dns.question.type": ints(28),
	}}
	for expr, want := range map[string]bool{
		`dns.question.name == "pool.miningxmr.example"`:                true,
		`dns.question.name != "POOL.MININGXMR.EXAMPLE"`:                false,
		`dns.question.name in ["pool.miningxmr.example"]`:              true,
		`dns.question.name in [~"*xmr*"]`:                              true,
		`dns.question.name =~ "*.EXAMPLE"`:                             true,
		`dns.question.name =~ r"miningxmr\.example$"`:                  true,
		`dns.question.name not in [~"*monero*", "x.example"]`:          true,
		`dns.question.type == AAAA`:                                    true,
		`dns.question.type in [A, AAAA, HTTPS, TXT, SRV]`:              true,
		`dns.question.name == "example.com" && dns.question.type == A`: false,
	} {
		if got := evalOn(t, expr, ev, nil); got != want {
			t.Errorf("%s = %v, want %v", expr, got, want)
		}
	}
	// other string fields stay case-sensitive
	if evalOn(t, `exec.file.name == "CURL"`, execEvent(), nil) {
		t.Error("exec.file.name compared without case")
	}
}

// TestAgentDocumentationExamples runs the examples of the agent's SECL
// documentation (agent_expressions and the field docs) on events made to
// match them, and on events made not to.
func TestAgentDocumentationExamples(t *testing.T) {
	open := func(path string, proc string, created time.Duration) *fakeEvent {
		return &fakeEvent{typ: "open", at: t0, vals: map[string][]Value{
			"open.file.path":     str(path),
			"process.file.path":  str("/usr/bin/" + proc),
			"process.file.name":  str(proc),
			"process.pid":        ints(812),
			"process.created_at": ints(t0.Add(-created).UnixNano()),
		}}
	}
	apt := execEvent()
	apt.vals["exec.file.path"] = str("/usr/bin/apt")
	apt.vals["exec.file.name"] = str("apt")
	apt.vals["exec.args_flags"] = str("version")
	apt.vals["exec.args_options"] = str("T=8", "width=8")
	vipw := open("/etc/shadow", "vipw", time.Second)
	vipw.vals["process.file.path"] = str("/usr/sbin/vipw")
	dns := &fakeEvent{typ: "dns", at: t0, vals: map[string][]Value{
		"dns.question.name":      str("example.com"),
		"network.destination.ip": ip("10.0.0.53"),
	}}
	tests := []struct {
		expr string
		ev   Event
		want bool
	}{
		{`open.file.path == "/etc/shadow" && process.file.path not in ["/usr/sbin/vipw"]`, open("/etc/shadow", "cat", time.Second), true},
		{`open.file.path == "/etc/shadow" && process.file.path not in ["/usr/sbin/vipw"]`, vipw, false},
		{`open.file.path == "/etc/secret" && process.file.name == "java" && process.created_at > 5s`, open("/etc/secret", "java", time.Minute), true},
		{`open.file.path == "/etc/secret" && process.file.name == "java" && process.created_at > 5s`, open("/etc/secret", "java", time.Second), false},
		{`open.file.path == "/proc/${process.pid}/maps"`, open("/proc/812/maps", "gdb", time.Second), true},
		{`open.file.path == "/proc/${process.pid}/maps"`, open("/proc/1/maps", "gdb", time.Second), false},
		{`dns.question.name == "example.com" && network.destination.ip in ["192.168.1.25", "10.0.0.0/24"]`, dns, true},
		{`exec.file.path == "/usr/bin/apt"`, apt, true},
		{`exec.file.name == "apt"`, apt, true},
		{`open.file.path == "/etc/passwd"`, open("/etc/passwd", "cat", 0), true},
		{`exec.file.name in [~"ap*"]`, apt, true},
		{`exec.file.name =~ r"a[a-z]+"`, apt, true},
		{`exec.args_flags == "version"`, apt, true},
		{`exec.args_options in ["T=8"] && exec.args_options in ["width=8"]`, apt, true},
		{`open.file.path in [~"/etc/*"]`, open("/etc/ssh/sshd_config", "vi", 0), false},
		{`open.file.path in [~"/etc/**"]`, open("/etc/ssh/sshd_config", "vi", 0), true},
	}
	for _, tt := range tests {
		if got := evalOn(t, tt.expr, tt.ev, nil); got != tt.want {
			t.Errorf("%s = %v, want %v", tt.expr, got, tt.want)
		}
	}
}

// TestConstantFamilies checks a few values of every family against the
// Linux ABI, and that every family has its constants resolved in
// expressions.
func TestConstantFamilies(t *testing.T) {
	tests := []struct {
		family string
		name   string
		want   int64
	}{
		{"signals", "SIGKILL", 9},
		{"signals", "SIGTERM", 15},
		{"ptrace requests", "PTRACE_ATTACH", 16},
		{"ptrace requests", "PTRACE_SEIZE", 0x4206},
		{"BPF commands", "BPF_PROG_LOAD", 5},
		{"BPF commands", "BPF_MAP_CREATE", 0},
		{"BPF map types", "BPF_MAP_TYPE_RINGBUF", 27},
		{"BPF program types", "BPF_PROG_TYPE_KPROBE", 2},
		{"open flags", "O_RDWR", 2},
		{"open flags", "O_CREAT", 0o100},
		{"open flags", "O_TRUNC", 0o1000},
		{"file modes", "S_IFREG", 0o100000},
		{"file modes", "S_IWOTH", 0o2},
		{"address families", "AF_INET", 2},
		{"address families", "AF_INET6", 10},
		{"DNS qtypes", "AAAA", 28},
		{"DNS qtypes", "HTTPS", 65},
		{"DNS qclasses", "CLASS_INET", 1},
		{"mmap flags", "MAP_ANONYMOUS", 0x20},
		{"protection flags", "PROT_EXEC", 4},
		{"virtual memory flags", "VM_EXEC", 4},
		{"kernel capabilities", "CAP_SYS_ADMIN", 1 << 21},
		{"kernel capabilities", "CAP_BPF", 1 << 39},
		{"prctl options", "PR_SET_NAME", 15},
		{"socket options", "SO_ATTACH_FILTER", 26},
		{"sysctl actions", "SYSCTL_WRITE", 2},
		{"pipe buffer flags", "PIPE_BUF_FLAG_CAN_MERGE", 0x10},
		{"unlink flags", "AT_REMOVEDIR", 0x200},
		{"L4 protocols", "IP_PROTO_TCP", 6},
		{"L4 protocols", "IP_PROTO_ICMPV6", 58},
		{"L3 protocols", "ETH_P_IP", 0x0800},
		{"L3 protocols", "ETH_P_IPV6", 0x86dd},
		{"exit causes", "SIGNALED", 2},
		{"setsockopt levels", "IPPROTO_TCP", 6},
		{"open flags", "O_ACCMODE", 3},
		{"mmap flags", "MAP_HUGE_2MB", 21 << 26},
		{"IP options", "IP_TTL", 2},
		{"IP options", "IP_UNICAST_IF", 50},
		{"TCP options", "TCP_NODELAY", 1},
		{"TCP options", "TCP_TX_DELAY", 37},
		{"IPv6 options", "IPV6_V6ONLY", 26},
		{"IPv6 options", "IPV6_FREEBIND", 78},
		{"setsockopt levels", "SOL_SOCKET", 1},
		{"socket types", "SOCK_PACKET", 10},
		{"resource limits", "RLIMIT_NOFILE", 7},
		{"errors", "EPERM", -1},
		{"errors", "EACCES", -13},
		{"errors", "EILSEQ", -43}, // the agent's value (EIDRM's), not 84
		{"BPF attach types", "BPF_CGROUP_INET_INGRESS", 0},
		{"BPF attach types", "BPF_LSM_MAC", 27},
		{"BPF attach types", "BPF_SK_SKB_VERDICT", 38},
		{"BPF helper functions", "BPF_MAP_LOOKUP_ELEM", 1},
		{"BPF helper functions", "BPF_PROBE_WRITE_USER", 36},
		{"BPF helper functions", "BPF_RINGBUF_OUTPUT", 130},
		{"BPF helper functions", "BPF_D_PATH", 147},
		{"BPF helper functions", "BPF_SNPRINTF", 165},
		{"audit", "AUDIT_AUID_UNSET", 4294967295},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.family] = true
		var fam *constantFamily
		for i := range constantFamilies {
			if constantFamilies[i].name == tt.family {
				fam = &constantFamilies[i]
			}
		}
		if fam == nil {
			t.Fatalf("no family %q", tt.family)
		}
		if got, ok := fam.ints.Get()[tt.name]; !ok || got != tt.want {
			t.Errorf("%s %s = %d (%v), want %d", tt.family, tt.name, got, ok, tt.want)
		}
		if v, typ, ok := LookupConstant(tt.name); !ok || typ != TypeInt || v.Int != tt.want {
			t.Errorf("LookupConstant(%s) = %v %v %v", tt.name, v, typ, ok)
		}
	}
	for _, f := range constantFamilies {
		if f.ints != nil && !seen[f.name] {
			t.Errorf("family %q has no test", f.name)
		}
	}
	// constants in expressions, with bitwise operators
	openEv := &fakeEvent{typ: "open", at: t0, vals: map[string][]Value{"open.flags": ints(0o1102)}} // O_RDWR|O_CREAT|O_TRUNC
	for expr, want := range map[string]bool{
		`open.flags & (O_RDWR | O_CREAT) == (O_RDWR | O_CREAT)`: true,
		`open.flags & O_TRUNC > 0`:                              true,
		`open.flags & O_APPEND > 0`:                             false,
		`open.flags & O_ACCMODE == O_RDWR`:                      true,
		`open.flags & O_PATH > 0`:                               false, // not an agent constant: no compile
	} {
		p, err := Compile("--expr", expr, testFields, nil)
		if expr == `open.flags & O_PATH > 0` {
			if err == nil {
				t.Errorf("an unknown constant compiled: %s", expr)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if p.Eval(openEv, nil) != want {
			t.Errorf("%s != %v", expr, want)
		}
	}
	if v, typ, ok := LookupConstant("true"); !ok || typ != TypeBool || !v.Bool {
		t.Error("true is not a boolean constant")
	}
}

func TestExplain(t *testing.T) {
	expr := `exec.file.path != "" && process.ancestors.file.name in ["cron", "sshd"] && process.uid & 1000 > 0`
	p, err := Compile("--expr", expr, testFields, nil)
	if err != nil {
		t.Fatal(err)
	}
	ok, got := p.Explain(execEvent(), nil)
	if !ok {
		t.Fatal("Explain = false")
	}
	want := []Match{
		{Offset: 0, Length: 14, Field: "exec.file.path", Values: str("/usr/bin/curl"), Type: TypeString, Result: true,
			ExprOffset: 0, ExprLength: 20, Op: "!="},
		{Offset: 24, Length: 27, Field: "process.ancestors.file.name", Values: str("bash", "sshd", "systemd"),
			Matched: str("sshd"), Type: TypeString, Result: true, ExprOffset: 24, ExprLength: 47, Op: "in"},
		{Offset: 75, Length: 11, Field: "process.uid", Values: ints(1000), Matched: ints(1000), Type: TypeInt, Result: true,
			ExprOffset: 75, ExprLength: 22, Op: ">"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Explain\n got %+v\nwant %+v", got, want)
	}
	for _, m := range got {
		if expr[m.Offset:m.Offset+m.Length] != m.Field {
			t.Errorf("span %d+%d is %q, not %s", m.Offset, m.Length, expr[m.Offset:m.Offset+m.Length], m.Field)
		}
	}
	// && stops at the first false comparison: the second is never read
	ev := execEvent()
	ev.asked = map[string]int{}
	p2, _ := Compile("--expr", `exec.file.name == "wget" && process.ancestors.file.name == "cron"`, testFields, nil)
	ok, got = p2.Explain(ev, nil)
	if ok || len(got) != 1 || got[0].Result || got[0].Matched != nil {
		t.Errorf("Explain of a false && = %v %+v", ok, got)
	}
	if ev.asked["process.ancestors.file.name"] != 0 {
		t.Error("the right side of a false && was read")
	}
	if p2.Eval(ev, nil) || ev.asked["process.ancestors.file.name"] != 0 {
		t.Error("Eval read the right side of a false &&")
	}
	// a match inside a macro is reported where the macro is used
	m := NewMacros()
	if err := m.AddExpression("policy.yaml", "is_curl", `exec.file.name == "curl"`); err != nil {
		t.Fatal(err)
	}
	p3, err := Compile("--expr", `process.pid > 0 && is_curl`, testFields, m)
	if err != nil {
		t.Fatal(err)
	}
	_, got = p3.Explain(execEvent(), nil)
	if len(got) != 2 || got[1].Offset != 19 || got[1].Length != 7 || got[1].Field != "exec.file.name" {
		t.Errorf("Explain through a macro: %+v", got)
	}
}

func TestMacros(t *testing.T) {
	m := NewMacros()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(m.AddValues("p.yaml", "shells", []string{"bash", "sh", "zsh"}))
	must(m.AddExpression("p.yaml", "downloaders", `["curl", "wget"]`))
	must(m.AddExpression("p.yaml", "in_shell", `process.ancestors.file.name in shells`))
	must(m.AddExpression("p.yaml", "downloading", `exec.file.name in downloaders && in_shell`))
	must(m.AddExpression("p.yaml", "loop_a", `loop_b`))
	must(m.AddExpression("p.yaml", "loop_b", `loop_a`))
	for expr, want := range map[string]bool{
		`downloading`:                       true,
		`!downloading`:                      false,
		`exec.file.name not in downloaders`: false,
		`process.comm in shells`:            false,
		`in_shell && process.pid == 4242`:   true,
		`process.pid == 1 || downloading`:   true,
	} {
		if got := evalOn(t, expr, execEvent(), m); got != want {
			t.Errorf("%s = %v, want %v", expr, got, want)
		}
	}
	for expr, want := range map[string]string{
		`loop_a`:                      `--expr:1:1: in macro loop_b: macro loop_a uses itself`,
		`process.pid in shells`:       `--expr:1:16: macro shells holds strings, process.pid is an integer`,
		`shells`:                      `--expr:1:1: macro shells is a list of values: use it after in`,
		`process.comm in downloading`: `--expr:1:17: macro downloading is an expression, not an array`,
	} {
		_, err := Compile("--expr", expr, testFields, m)
		if err == nil || err.Error() != want {
			t.Errorf("Compile(%s) = %v, want %s", expr, err, want)
		}
	}
	if err := m.AddExpression("p.yaml", "bad", `exec.file.name ==`); err == nil ||
		err.Error() != "p.yaml:1:18: macro bad: expected a value after ==" {
		t.Errorf("a bad macro: %v", err)
	}
	// a macro's type error is reported where the macro is used
	must(m.AddExpression("p.yaml", "typo", `process.pid == "x"`))
	if _, err := Compile("--expr", `true && typo`, testFields, m); err == nil ||
		err.Error() != `--expr:1:9: in macro typo: cannot compare process.pid (integer) with "x" (a string)` {
		t.Errorf("a macro's type error: %v", err)
	}
}

func TestIPValueIsPrefix(t *testing.T) {
	p, _ := parseIPString("10.1.2.3")
	if p != netip.MustParsePrefix("10.1.2.3/32") {
		t.Errorf("address read as %v", p)
	}
	p, _ = parseIPString("10.1.2.3/8")
	if p != netip.MustParsePrefix("10.0.0.0/8") {
		t.Errorf("CIDR read as %v", p)
	}
	p, _ = parseIPString("::ffff:10.0.0.0/104")
	if p != netip.MustParsePrefix("10.0.0.0/8") {
		t.Errorf("mapped CIDR read as %v", p)
	}
}

// TestAllinOnIPArrays: on an array of IPs, allin is true when every
// element is in one of the ranges; in, when one is.
func TestAllinOnIPArrays(t *testing.T) {
	fields := fakeFields{"dns.resolved": {Type: TypeIP, Array: true}}
	ev := &fakeEvent{typ: "dns", at: t0, vals: map[string][]Value{
		"dns.resolved": append(ip("10.0.0.1"), ip("192.168.1.1")...),
	}}
	empty := &fakeEvent{typ: "dns", at: t0, vals: map[string][]Value{}}
	for _, tt := range []struct {
		expr string
		ev   Event
		want bool
	}{
		{`dns.resolved allin [10.0.0.0/8, 192.168.0.0/16]`, ev, true},
		{`dns.resolved allin [10.0.0.0/8]`, ev, false},
		{`dns.resolved in [10.0.0.0/8]`, ev, true},
		{`dns.resolved not in [10.0.0.0/8]`, ev, false},
		{`dns.resolved allin 10.0.0.0/8`, ev, false},
		{`dns.resolved allin [10.0.0.0/8]`, empty, true},
	} {
		p, err := Compile("--expr", tt.expr, fields, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Eval(tt.ev, nil); got != tt.want {
			t.Errorf("%s = %v, want %v", tt.expr, got, tt.want)
		}
	}
}
