package hunt

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/secl"
)

// verifyFile runs Verify on file, and returns what it printed on standard
// output and on standard error, and its counts.
func verifyFile(t *testing.T, file string) (out, errOut *bytes.Buffer, v Verified) {
	t.Helper()
	out, errOut = &bytes.Buffer{}, &bytes.Buffer{}
	p, err := pipeline.New(pipeline.Options{Files: []string{file}, ErrOut: errOut, Workers: 2})
	defer p.Close()
	if err != nil {
		t.Fatal(err)
	}
	if v, err = Verify(p, out, AgentConstant); err != nil {
		t.Fatal(err)
	}
	return out, errOut, v
}

// TestVerifyGeneratedCorpus re-evaluates the rule contexts of a generated
// Linux corpus (gencorpus -os linux -n 200 -seed 1). Every difference left
// is the generator's, not the mapping's: it attaches a rule's expression to
// events that do not satisfy it, and writes rules with fields the agent
// does not have. Each is listed here with why; a new one fails the test.
func TestVerifyGeneratedCorpus(t *testing.T) {
	const file = "testdata/linux-contexts.ndjson.gz"
	out, errOut, v := verifyFile(t, file)
	want := []string{
		// "/tmp/.ICE-unix/.x" is two segments below /tmp: ~"/tmp/.*" holds
		// one (* stays within a segment, as the agent's path patterns do).
		file + `:6: verdict differs: the agent matched, csmctl does not: rmdir.file.path ["/tmp/.ICE-unix/.x"] is false`,
		// A pcap filter: no backend event says which it passed.
		file + `:22: not evaluable: rule_context:1:1: packet.filter: not available in backend events: a pcap filter the agent compiles into the kernel; events do not say which filter they passed`,
		// The generator's rules name a field the agent spells
		// setxattr.file.destination.namespace.
		file + `:30: not evaluable: rule_context:1:1: setxattr.file.namespace: not available in backend events: not an agent field: the agent names it setxattr.file.destination.namespace`,
		file + `:34: not evaluable: rule_context:1:1: setxattr.file.namespace: not available in backend events: not an agent field: the agent names it setxattr.file.destination.namespace`,
		// connect events of processes in no container, under a rule that
		// wants one.
		file + `:56: verdict differs: the agent matched, csmctl does not: container.id [""] is false`,
		file + `:61: not evaluable: rule_context:1:1: setxattr.file.namespace: not available in backend events: not an agent field: the agent names it setxattr.file.destination.namespace`,
		file + `:103: verdict differs: the agent matched, csmctl does not: container.id [""] is false`,
	}
	if got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("differences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if v != (Verified{Contexts: 199, Agree: 192, Differ: 3, NotCompile: 4}) {
		t.Errorf("counts %+v", v)
	}
	if got, want := errOut.String(), "199 events with a rule context: 192 agree, 3 differ, 4 not evaluable\n"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

// TestCompare checks how a rule context's matched values are compared with
// what csmctl reads: as the field's type, constant names as their values
// (the agent names the flags of a set it matched), dns names in any case.
func TestCompare(t *testing.T) {
	tests := []struct {
		name, event, want string
	}{
		{"same path",
			`{"evt":{"name":"open","rule_context":{"expression":"open.file.path == \"/etc/shadow\"","matching_subexprs":[{"field":"open.file.path","value":"/etc/shadow","offset":0,"length":14}]}},"file":{"path":"/etc/shadow"}}`,
			""},
		{"other value",
			`{"evt":{"name":"open","rule_context":{"expression":"open.file.path != \"\"","matching_subexprs":[{"field":"open.file.path","value":"/etc/passwd","offset":0,"length":14}]}},"file":{"path":"/etc/shadow"}}`,
			`open.file.path: the agent matched "/etc/passwd", csmctl read ["/etc/shadow"]`},
		{"verdict",
			`{"evt":{"name":"open","rule_context":{"expression":"open.file.path == \"/etc/passwd\""}},"file":{"path":"/etc/shadow"}}`,
			`verdict differs: the agent matched, csmctl does not: open.file.path ["/etc/shadow"] is false`},
		{"a flag of a set",
			`{"evt":{"name":"capabilities","rule_context":{"expression":"capabilities.used & CAP_BPF > 0","matching_subexprs":[{"field":"capabilities.used","value":"CAP_BPF","offset":0,"length":17}]}},"capabilities":{"caps_used":["CAP_BPF","CAP_SYS_ADMIN"]}}`,
			""},
		{"a flag not in the set",
			`{"evt":{"name":"capabilities","rule_context":{"expression":"capabilities.used & CAP_BPF > 0","matching_subexprs":[{"field":"capabilities.used","value":"CAP_SYS_PTRACE","offset":0,"length":17}]}},"capabilities":{"caps_used":["CAP_BPF"]}}`,
			`capabilities.used: the agent matched "CAP_SYS_PTRACE", csmctl read [549755813888]`},
		{"an integer",
			`{"evt":{"name":"exit","rule_context":{"expression":"exit.code != 0","matching_subexprs":[{"field":"exit.code","value":"2","offset":0,"length":9}]}},"exit":{"code":1}}`,
			`exit.code: the agent matched "2", csmctl read [1]`},
		{"dns names in any case",
			`{"evt":{"name":"dns","rule_context":{"expression":"dns.question.name == \"example.com\"","matching_subexprs":[{"field":"dns.question.name","value":"EXAMPLE.com","offset":0,"length":17}]}},"dns":{"question":{"name":"Example.COM"}}}`,
			""},
	}
	ev := NewEvent(Linux(), AgentConstant)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := []byte(tt.event)
			ctx := jsonscan.Member(raw, 0, "evt", "rule_context")
			prog, err := secl.Compile("rule_context", jsonscan.Unquote(jsonscan.Member(ctx, 0, "expression")), Linux(), nil)
			if err != nil {
				t.Fatal(err)
			}
			ev.Reset(raw)
			ok, matches := prog.Explain(ev, nil)
			got := strings.Join(compare(ok, matches, subexprs(ctx), ev), "\n")
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestVerifyUnreadableContexts: a rule context csmctl cannot read is said
// and counted as not evaluable, never skipped in silence; an event with no
// context, or a null one, is not a context.
func TestVerifyUnreadableContexts(t *testing.T) {
	in := `{"evt":{"name":"exec"}}
{"evt":{"name":"exec","rule_context":null}}
{"evt":{"name":"exec","rule_context":{"expression":42}}}
{"evt":{"name":"exec","rule_context":{"matching_subexprs":[]}}}
{"evt":{"name":"exec","rule_context":"exec.file.name == \"x\""}}
{"evt":{"name":"exec","rule_context":{"expression":"exec.file.name == \"sh\""}},"process":{"executable":{"name":"sh"}}}
`
	var out, errOut bytes.Buffer
	p, err := pipeline.New(pipeline.Options{Stdin: strings.NewReader(in), ErrOut: &errOut})
	defer p.Close()
	if err != nil {
		t.Fatal(err)
	}
	v, err := Verify(p, &out, AgentConstant)
	if err != nil {
		t.Fatal(err)
	}
	want := `<stdin>:3: not evaluable: evt.rule_context.expression is not a string: 42
<stdin>:4: not evaluable: evt.rule_context has no expression
<stdin>:5: not evaluable: evt.rule_context is not an object
`
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
	if v != (Verified{Contexts: 4, Agree: 1, NotCompile: 3}) {
		t.Errorf("counts %+v", v)
	}
}

// TestVerifyWindows re-evaluates rule contexts of Windows events with the
// Windows agent's fields: a registry field is known there, and a path
// compares in any case, as the Windows agent compares it.
func TestVerifyWindows(t *testing.T) {
	const events = `{"agent":{"os":"windows"},"evt":{"name":"set_key_value","rule_context":{"expression":"set_key_value.registry.value_name == \"Updater\"","matching_subexprs":[{"field":"set_key_value.registry.value_name","value":"Updater","offset":0,"length":47}]}},"registry":{"key_path":"HKLM\\x","value_name":"Updater"}}
{"agent":{"os":"windows"},"evt":{"name":"exec","rule_context":{"expression":"exec.file.path == \"c:\\windows\\system32\\CERTUTIL.exe\""}},"process":{"pid":1,"executable":{"path":"C:\\Windows\\System32\\certutil.exe"}}}
{"agent":{"os":"windows"},"evt":{"name":"exec","rule_context":{"expression":"exec.file.path == \"C:\\nowhere.exe\""}},"process":{"pid":1,"executable":{"path":"C:\\Windows\\System32\\certutil.exe"}}}
{"agent":{"os":"linux"},"evt":{"name":"set_key_value","rule_context":{"expression":"set_key_value.registry.value_name == \"Updater\""}},"registry":{"value_name":"Updater"}}
`
	dir := t.TempDir()
	file := dir + "/windows.ndjson"
	if err := os.WriteFile(file, []byte(events), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, v := verifyFile(t, file)
	want := file + `:3: verdict differs: the agent matched, csmctl does not: exec.file.path ["C:\\Windows\\System32\\certutil.exe"] is false` + "\n" +
		file + `:4: not evaluable: rule_context:1:1: set_key_value.registry.value_name: unknown field (csmctl hunt --fields lists them)` + "\n"
	if out.String() != want {
		t.Errorf("differences:\n%s\nwant:\n%s", out.String(), want)
	}
	if v != (Verified{Contexts: 4, Agree: 2, Differ: 1, NotCompile: 1}) {
		t.Errorf("counts %+v", v)
	}
}
