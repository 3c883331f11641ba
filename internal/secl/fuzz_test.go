package secl

import (
	"errors"
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	`exec.file.path == "/usr/bin/curl" && process.ancestors.file.name in ["bash", "sh"]`,
	`open.flags & (O_RDWR | O_CREAT) > 0 || !(process.pid in [1, 2])`,
	`connect.addr.ip in [10.0.0.0/8, ::1] && process.created_at < 5s`,
	`dns.question.name =~ r".*\.(xyz|top)$" && process.comm not in [~"*sh"]`,
	`open.file.path == "/proc/${process.pid}/maps" # comment`,
	`process.argv.length > 2 and not process.is_thread`,
	`(((a`, `"unterminated`, `~"`, `r"\`, `${`, `1.2.3.4/`, `-`, `[`, "\xff\xfe", "a\x00b",
}

// FuzzLexer: the lexer never panics, and its tokens cover the input in
// order.
func FuzzLexer(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lx := lexer{src: src, line: 1, col: 1}
		toks, err := lx.tokens()
		if err != nil {
			if err.off < 0 || err.off > len(src) || err.line < 1 || err.col < 1 {
				t.Fatalf("error position %+v out of %q", err, src)
			}
			return
		}
		prev := 0
		for _, tk := range toks {
			if tk.off < prev || tk.off+len(tk.text) > len(src) || src[tk.off:tk.off+len(tk.text)] != tk.text {
				t.Fatalf("token %+v does not sit in %q after %d", tk, src, prev)
			}
			prev = tk.off + len(tk.text)
		}
		if toks[len(toks)-1].kind != tokEOF {
			t.Fatal("no end token")
		}
	})
}

// FuzzCompile: parsing and compiling never panic or hang, errors carry a
// position inside the input, and a program that compiles evaluates and
// explains without panicking.
func FuzzCompile(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add(strings.Repeat("(", 3000) + "true")
	f.Add(strings.Repeat("true && ", 3000) + "true")
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Compile("--expr", src, testFields, nil)
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("error %T: %v", err, err)
			}
			if e.Offset < 0 || e.Offset > len(src) || e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Fatalf("error position %+v out of %q", e, src)
			}
			return
		}
		for _, ev := range []*fakeEvent{execEvent(), {typ: "open", at: t0, vals: map[string][]Value{}}} {
			p.Eval(ev, NewVariables())
			_, ms := p.Explain(ev, nil)
			for _, m := range ms {
				if m.Offset < 0 || m.Offset+m.Length > len(src) || m.ExprOffset < 0 || m.ExprOffset+m.ExprLength > len(src) {
					t.Fatalf("match %+v out of %q", m, src)
				}
			}
		}
	})
}

// FuzzParsePolicy: policy files never panic the parser or the compiler.
func FuzzParsePolicy(f *testing.F) {
	f.Add("rules:\n  - id: a\n    expression: exec.file.name == \"x\"\n")
	f.Add("macros:\n  - id: m\n    values: [a, b]\nrules:\n  - id: r\n    expression: process.comm in m\n    actions:\n      - set: {name: v, value: [1, 2], ttl: 5}\n")
	f.Add("rules: [{id: x, expression: '${v} == 1', actions: [{set: {name: v, field: process.pid, scope: process}}]}]")
	f.Add("rules:\n  - id: a\n    expression: \"exec.file.name == \\\"x\\\" &&\n      process.pid > \"\n")
	f.Add("rules:\n  - id: a\n    expression: >\n      exec.file.name == \"x\"\n\n      && process.nope == 1\n")
	f.Add("rules:\n  - id: a\n    expression: |\n      exec.file.name == \"\\u00e9\"\n      && process.pid >\n")
	f.Fuzz(func(t *testing.T, data string) {
		pol, err := ParsePolicy("p.yaml", []byte(data))
		if err != nil {
			return
		}
		rs, problems, err := pol.Compile(testFields)
		lines := 1 + strings.Count(data, "\n")
		for _, p := range problems {
			var e *Error
			if errors.As(p, &e) && e.Pos.Line != 0 && (e.Pos.Line > lines || e.Pos.Col < 0) {
				t.Fatalf("%v: placed out of the %d lines of the policy", p, lines)
			}
		}
		if err != nil {
			return
		}
		rs.Eval(execEvent(), NewVariables())
	})
}

// FuzzGlob: the glob and the pattern matcher never panic on any pattern
// and path, and a path always matches itself written as a pattern when it
// holds no *.
func FuzzGlob(f *testing.F) {
	f.Add("/usr/bin/*", "/usr/bin/ls")
	f.Add("/etc/**", "/etc/a/b/")
	f.Add("*/x", "/")
	f.Add("*", "")
	f.Fuzz(func(t *testing.T, pattern, path string) {
		if m, err := newGlob(pattern, false); err == nil {
			m.match(path)
			if !strings.Contains(path, "*") {
				if self, err := newGlob(path, true); err == nil && !self.match(path) {
					t.Fatalf("%q does not match itself", path)
				}
			}
		}
		wildcard(pattern, path)
		if !strings.Contains(path, "*") && !wildcard(path, path) {
			t.Fatalf("%q does not match itself as a pattern", path)
		}
	})
}
