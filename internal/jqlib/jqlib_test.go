package jqlib

import (
	"encoding/json"
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
