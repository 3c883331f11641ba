package secl

import (
	"errors"
	"strings"
	"testing"
)

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		expr, want string
	}{
		{`process.file.name == "bash" &&`, `--expr:1:31: expected a value after &&`},
		{`process.file.name == "bash" || `, `--expr:1:32: expected a value after ||`},
		{`process.file.name ==`, `--expr:1:21: expected a value after ==`},
		{`(process.pid == 1`, `--expr:1:18: expected ) to close the ( at column 1, found end of expression`},
		{`process.pid == 1)`, `--expr:1:17: unexpected operator ")"`},
		{`process.pid in []`, `--expr:1:17: empty array`},
		{`process.pid in [1, ]`, `--expr:1:20: expected an array member, found operator "]"`},
		{`process.pid in 1`, `--expr:1:16: expected an array after in, found integer "1"`},
		{`process.file.name == "bash`, `--expr:1:22: unterminated string`},
		{`process.file.name == ~"bash`, `--expr:1:22: unterminated pattern`},
		{"process.pid == 1 @", `--expr:1:18: unexpected character '@'`},
		{"process.pid == 1 \x01", `--expr:1:18: unexpected character (control character)`},
		{"process.pid == \xff", `--expr:1:16: unexpected character (invalid UTF-8)`},
		{`process.pid == 99999999999999999999`, `--expr:1:16: integer out of range: 99999999999999999999`},
		// type errors, with the position of the offending side
		{`process.pid == "1"`, `--expr:1:16: cannot compare process.pid (integer) with "1" (a string)`},
		{`process.file.name == 1`, `--expr:1:22: cannot compare process.file.name (string) with 1 (integer)`},
		{`process.file.name > "a"`, `--expr:1:1: > does not apply to string values`},
		{`process.pid =~ "1*"`, `--expr:1:16: cannot compare process.pid (integer) with "1*" (a string)`},
		{`process.file.name =~ process.comm`, `--expr:1:22: =~ needs a pattern, a regular expression or a string literal on its right`},
		{`process.is_thread == 1`, `--expr:1:22: cannot compare process.is_thread (boolean) with 1 (integer)`},
		{`process.pid`, `--expr:1:1: process.pid is an integer, not a boolean: compare it with something`},
		{`process.pid == 5s`, `--expr:1:16: a duration is compared with < <= > >=, not ==`},
		{`process.pid in ["a"]`, `--expr:1:17: process.pid is an integer, the array holds strings`},
		{`process.file.name in [1]`, `--expr:1:23: process.file.name is a string, the array holds integers`},
		{`process.pid & "a" == 1`, `--expr:1:15: & applies to integers, "a" is a string`},
		{`!process.pid`, `--expr:1:2: process.pid is an integer, not a boolean: compare it with something`},
		// characters that could act on a terminal are escaped
		{"process.pid == \"\x1b[31m\"", `--expr:1:16: cannot compare process.pid (integer) with "\x1b[31m" (a string)`},
		{"process.\u202enope == 1", `--expr:1:9: unexpected character '\u202e'`},
		// fields
		{`process.ancestors[_].file.name == "bash"`, `--expr:1:1: registers such as process.ancestors[_] are not supported: without one, process.ancestors.file.name reads any element`},
		{`process.nope == 1`, `--expr:1:1: unknown field process.nope`},
		{`exec.file.path == "/bin/ls" && open.file.path == "/etc/passwd"`, `--expr:1:32: open.file.path is a field of open events, exec.file.path of exec events: an expression applies to one event type`},
		// patterns and regexps
		{`exec.file.path =~ "/usr/**/bin"`, "--expr:1:19: `**` is allowed only at the end of patterns"},
		{`process.comm =~ "*x**"`, "--expr:1:17: `**` is not allowed in patterns"},
		{`exec.file.path in [~"/a**"]`, "--expr:1:20: `**` is allowed only at the end of patterns"},
		{`exec.file.path =~ r"("`, `--expr:1:19: invalid regular expression: error parsing regexp: missing closing ): ` + "`(`"},
		{`~"a*" == ~"b*"`, `--expr:1:1: a pattern is compared with a string field, with == != =~ !~ or in an array`},
		// variables and macros
		{`${foo} == 1`, `--expr:1:1: variable foo is not defined: no set action of the policy defines it`},
		{`process.pid in nomacro`, `--expr:1:16: unknown field nomacro`},
		// nesting is bounded
		{strings.Repeat("(", 500) + "true" + strings.Repeat(")", 500), `--expr:1:251: expression nested too deeply`},
		{strings.Repeat("!", 2000) + "true", `--expr:1:998: expression nested too deeply`},
		{strings.Repeat("true && ", 1200) + "true", `--expr:1:7977: expression nested too deeply`},
		// multi-line expressions count lines and columns
		{"process.pid == 1 &&\n  process.pid ==", `--expr:2:17: expected a value after ==`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := Compile("--expr", tt.expr, testFields, nil)
			if err == nil {
				t.Fatalf("Compile(%q) succeeded, want %s", tt.expr, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Compile(%q)\n got %s\nwant %s", tt.expr, err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.ExitCode() != 2 {
				t.Errorf("error %T is not a *secl.Error with exit code 2", err)
			}
		})
	}
}

func TestEventType(t *testing.T) {
	for expr, want := range map[string]string{
		`exec.file.path == "/bin/ls"`:                       "exec",
		`process.pid == 1`:                                  "",
		`process.pid == 1 && open.file.name == "passwd"`:    "open",
		`dns.question.name == "x" || container.id == "abc"`: "dns",
	} {
		p, err := Compile("--expr", expr, testFields, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.EventType() != want {
			t.Errorf("EventType(%s) = %q, want %q", expr, p.EventType(), want)
		}
	}
	// an expression of one event type is false on events of another
	p, _ := Compile("--expr", `open.file.name != "x"`, testFields, nil)
	if p.Eval(execEvent(), nil) {
		t.Error("an open expression matched an exec event")
	}
	if ok, m := p.Explain(execEvent(), nil); ok || m != nil {
		t.Error("Explain of an open expression on an exec event")
	}
}
