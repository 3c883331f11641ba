package jqlib

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/itchyny/gojq"

	"github.com/csmctl/csmctl/internal/model"
)

// runCmdline runs the jq program cmdline on the event JSON text.
func runCmdline(t *testing.T, event string) any {
	t.Helper()
	q, err := gojq.Parse("cmdline")
	if err != nil {
		t.Fatal(err)
	}
	Define(q)
	code, err := gojq.Compile(q, Functions(&Location{})...)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal([]byte(event), &v); err != nil {
		t.Fatal(err)
	}
	iter := code.Run(v)
	out, ok := iter.Next()
	if !ok {
		t.Fatalf("cmdline on %s: no output", event)
	}
	if err, ok := out.(error); ok {
		t.Fatalf("cmdline on %s: %v", event, err)
	}
	return out
}

// The expected lines are Python's shlex.quote of each word, joined with
// spaces, worked out by hand; a word that is not a string is its JSON text.
func TestCmdline(t *testing.T) {
	tests := []struct {
		name, event string
		want        any
	}{
		{"empty argv0 is left out, as show leaves it out", `{"process":{"argv0":"","args":["x","y z"]}}`, "x 'y z'"},
		{"words that are not strings are their JSON text", `{"process":{"argv0":"sh","args":[1,"b c",null,true,{"a":1}]}}`, `sh 1 'b c' null true '{"a":1}'`},
		{"args that is not an array is one word", `{"process":{"argv0":"sh","args":"-c x"}}`, "sh '-c x'"},
		{"argv0 that is not a string", `{"process":{"argv0":7,"args":["a"]}}`, "7 a"},
		{"null argv0 and args", `{"process":{"argv0":null,"args":null}}`, nil},
		{"an empty word is quoted", `{"process":{"argv0":"sh","args":[""]}}`, "sh ''"},
		{"Windows cmdline as written", `{"process":{"cmdline":"\"C:\\a b.exe\" -k","argv0":"y"}}`, `"C:\a b.exe" -k`},
		{"Windows cmdline of another type as written", `{"process":{"cmdline":5}}`, 5.0},
		{"no words", `{"process":{}}`, nil},
		{"no process", `{"process":"x"}`, nil},
		{"not an object", `[1]`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runCmdline(t, tt.event); got != tt.want {
				t.Errorf("cmdline = %#v, want %#v", got, tt.want)
			}
		})
	}
}

// TestCmdlineMatchesShow is the differential test: on well-typed Linux
// processes, query's cmdline is the command line show and tree print.
func TestCmdlineMatchesShow(t *testing.T) {
	tests := []struct {
		argv0 string
		args  []string
	}{
		{"", []string{"x", "y z"}},
		{"ls", []string{"", "a b", "é", "x$y", "--opt=val", "a,b:c@d%e+f_g"}},
		{"bash", []string{"-c", "echo 'hi' && rm -rf /tmp/x y"}},
		{"a\nb", []string{"\t", "it's"}},
		{"sh", nil},
		{"", []string{""}},
	}
	for _, tt := range tests {
		process := map[string]any{"argv0": tt.argv0}
		if tt.args != nil {
			process["args"] = tt.args
		}
		event, err := json.Marshal(map[string]any{"process": process})
		if err != nil {
			t.Fatal(err)
		}
		got := runCmdline(t, string(event))
		if want := model.ShellCommandLine(tt.argv0, tt.args); got != want {
			t.Errorf("cmdline on %s = %#v, show's command line %q", event, got, want)
		}
	}
}

// Every helper the parser finds in helpers.jq is one mentionsHelper looks
// for: a def it missed (indented, say) would be undefined in a filter that
// calls nothing else.
func TestMentionsEveryHelper(t *testing.T) {
	for _, fd := range helpers.Get() {
		for _, program := range []string{fd.Name, "[" + fd.Name + "]", ".a | " + fd.Name} {
			if !mentionsHelper(program) {
				t.Errorf("mentionsHelper(%q) = false; helpers.jq defines %s", program, fd.Name)
			}
		}
	}
}

func TestMentionsHelper(t *testing.T) {
	for _, tt := range []struct {
		program string
		want    bool
	}{
		{".", false},
		{`.process.ancestors[] | .executable.name`, false}, // a key
		{`. as $lineage | $lineage`, false},                // a variable
		{`select(.title | test("run"))`, false},
		{`ancestors_of`, false},
		{`my_lineage`, false},
		{`lineage`, true},
		{`[lineage, 1]`, true},
		{`select(is_run_key)`, true},
		{`def f: ancestor_names; f`, true},
		{`.x|container_id`, true},
		{`{lineage}`, true},               // a key in fact: only costs the compiling
		{`contains("is_registry")`, true}, // a string, the same
	} {
		q, err := gojq.Parse(tt.program)
		if err != nil {
			t.Fatal(err)
		}
		if got := mentionsHelper(q.String()); got != tt.want {
			t.Errorf("mentionsHelper(%q) = %v, want %v", q.String(), got, tt.want)
		}
	}
}

// A filter that calls a helper gets the helpers, those it calls included;
// one that does not gets nothing added; one that imports a module gets
// them all the same.
func TestDefine(t *testing.T) {
	run := func(program string, event any) []any {
		t.Helper()
		q, err := gojq.Parse(program)
		if err != nil {
			t.Fatal(err)
		}
		Define(q)
		code, err := gojq.Compile(q, Functions(&Location{})...)
		if err != nil {
			t.Fatalf("%s: %v", program, err)
		}
		var out []any
		for it := code.Run(event); ; {
			v, ok := it.Next()
			if !ok {
				return out
			}
			out = append(out, v)
		}
	}
	event := map[string]any{"process": map[string]any{
		"executable": map[string]any{"name": "cmd.exe"},
		"ancestors":  []any{map[string]any{"executable": map[string]any{"path": `C:\x\explorer.exe`}}},
	}}
	if got := run("lineage", event); len(got) != 1 || fmt.Sprint(got[0]) != `[cmd.exe C:\x\explorer.exe]` {
		t.Errorf("lineage = %v", got)
	}
	for _, program := range []string{".", ".process | keys"} {
		q, _ := gojq.Parse(program)
		Define(q)
		if len(q.FuncDefs) != 0 {
			t.Errorf("%s: Define added %d definitions to a filter that calls no helper", program, len(q.FuncDefs))
		}
	}
	q, _ := gojq.Parse(`import "m" as m; .`)
	Define(q)
	if len(q.FuncDefs) != len(helpers.Get()) {
		t.Errorf("a filter that imports a module got %d definitions, want the %d helpers", len(q.FuncDefs), len(helpers.Get()))
	}
}
