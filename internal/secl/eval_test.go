package secl

import (
	"testing"
)

func TestEvalOperators(t *testing.T) {
	tests := []struct {
		expr string
		want bool
	}{
		// strings
		{`exec.file.path == "/usr/bin/curl"`, true},
		{`exec.file.path != "/usr/bin/curl"`, false},
		{`"/usr/bin/curl" == exec.file.path`, true},
		{`exec.file.name == "CURL"`, false},
		{`exec.file.path =~ "/usr/bin/*"`, true},
		{`exec.file.path =~ "/usr/*"`, false},
		{`exec.file.path =~ "/usr/**"`, true},
		{`exec.file.path !~ "/usr/bin/*"`, false},
		{`exec.file.path == ~"/usr/bin/c*"`, true},
		{`exec.file.path != ~"/usr/bin/c*"`, false},
		{`exec.file.name == ~"c*l"`, true},
		{`process.comm =~ "*url"`, true},
		{`exec.file.path =~ r"^/usr/bin/cu.l$"`, true},
		{`exec.file.path =~ r"bin"`, true},
		{`exec.file.path !~ r"^/sbin"`, true},
		// integers, bitwise, arithmetic
		{`process.pid == 4242`, true},
		{`process.pid != 4242`, false},
		{`process.pid > 4000`, true},
		{`process.pid >= 4242`, true},
		{`process.pid < 4242`, false},
		{`process.pid <= 4242`, true},
		{`process.uid & 255 == 232`, true},
		{`process.uid & 1000 == 1000`, true},
		{`process.uid | 24 == 1016`, true},
		{`process.uid ^ 1000 == 0`, true},
		{`process.pid + 8 == 4250`, true},
		{`process.pid - 42 == 4200`, true},
		{`-process.pid == -4242`, true},
		{`^0 == -1`, true},
		// booleans
		{`process.is_thread`, false},
		{`!process.is_thread`, true},
		{`not process.is_thread`, true},
		{`process.is_thread == false`, true},
		{`process.is_thread != true`, true},
		{`true`, true},
		{`(process.pid == 4242) == true`, true},
		// arrays: any element; != and not in: no element
		{`process.ancestors.file.name == "sshd"`, true},
		{`process.ancestors.file.name != "sshd"`, false},
		{`process.ancestors.file.name != "nginx"`, true},
		{`process.ancestors.file.name in ["nginx", "sshd"]`, true},
		{`process.ancestors.file.name not in ["nginx", "sshd"]`, false},
		{`process.ancestors.file.name not in ["nginx"]`, true},
		// allin means "every element" on IPs only; the agent reads it as in
		// on strings and integers
		{`process.ancestors.file.name allin ["bash", "sshd", "systemd", "init"]`, true},
		{`process.ancestors.file.name allin ["bash", "sshd"]`, true},
		{`process.ancestors.file.name allin ["init"]`, false},
		{`process.ancestors.pid allin [1]`, true},
		{`process.ancestors.file.name in [~"ss*"]`, true},
		{`process.ancestors.file.name in [r"^sys"]`, true},
		{`process.ancestors.pid in [1]`, true},
		{`process.ancestors.pid > 4000`, true},
		{`process.ancestors.pid < 1`, false},
		{`exec.args_flags == "L"`, true},
		// in / not in on scalars
		{`exec.file.name in ["wget", "curl"]`, true},
		{`exec.file.name not in ["wget", "curl"]`, false},
		{`exec.file.path in [~"/usr/bin/*", "/bin/sh"]`, true},
		{`exec.file.path in [~"/usr/*"]`, false},
		{`process.pid in [1, 4242]`, true},
		{`process.pid not in [1, 2]`, true},
		{`process.comm in [process.file.name]`, true},
		{`process.comm not in [process.file.name]`, false},
		// .length
		// on a string array, as in the agent: the length of each element
		// ("length of the corresponding element"); the number of ancestors
		// is process.ancestors.length
		{`process.argv.length == 2`, false},
		{`process.argv.length == 3`, true},
		{`process.ancestors.file.name.length == 3`, false},
		{`process.ancestors.file.name.length == 7`, true},
		{`process.ancestors.file.name.length != 4`, false},
		{`exec.file.path.length == 13`, true},
		{`syscalls.length > 3`, false},
		// durations: the age of a time at the event's time
		{`process.created_at < 5s`, true},
		{`process.created_at > 2s`, true},
		{`process.created_at < 2s`, false},
		{`process.created_at <= 3000ms`, true},
		{`process.created_at > 1m`, false},
		// boolean chains and grouping
		{`exec.file.name == "curl" && process.pid == 4242`, true},
		{`exec.file.name == "curl" and process.pid == 1`, false},
		{`exec.file.name == "wget" || process.pid == 4242`, true},
		{`exec.file.name == "wget" or process.pid == 1`, false},
		{`!(exec.file.name == "wget")`, true},
		{`not (exec.file.name == "curl")`, false},
		// the agent groups to the right, with no precedence: a && b || c is a && (b || c)
		{`process.pid == 1 && process.pid == 2 || true`, false},
		{`true || process.pid == 1 && false`, true},
		{`(process.pid == 1 && process.pid == 2) || true`, true},
		// escapes are kept as written, as the agent's unquoting does
		{`process.argv == "http://x.example/a.sh"`, true},
		{`process.comm != "cu\"rl"`, true},
		// constants
		{`process.uid != SIGKILL`, true},
		{`9 == SIGKILL`, true},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			p, err := Compile("--expr", tt.expr, testFields, nil)
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			if got := p.Eval(execEvent(), nil); got != tt.want {
				t.Errorf("Eval = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestStringEscapesKept: a backslash keeps the next character in the
// literal, and stays in the value, as in the agent.
func TestStringEscapesKept(t *testing.T) {
	ev := execEvent()
	ev.vals["process.comm"] = str(`cu\"rl`)
	if !evalOn(t, `process.comm == "cu\"rl"`, ev, nil) {
		t.Error(`"cu\"rl" is not the six characters cu\"rl`)
	}
}
