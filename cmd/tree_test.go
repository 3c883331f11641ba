package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/jqlib"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/lineage"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/selector"
)

const attack = "../examples/attack.ndjson"

func TestTreeGolden(t *testing.T) {
	type treeCase struct {
		name     string
		args     []string
		wantCode int
	}
	tests := []treeCase{
		{"attack", []string{"tree", attack}, 0},
		{"attack-verbose", []string{"tree", "-v", attack}, 0},
		{"attack-ascii", []string{"tree", "--ascii", attack}, 0},
		{"attack-color", []string{"--color", "always", "tree", "-v", attack}, 0},
		{"attack-json", []string{"tree", "-o", "json", attack}, 0},
		{"attack-dot", []string{"tree", "-o", "dot", attack}, 0},
		{"attack-mermaid", []string{"tree", "-o", "mermaid", attack}, 0},
		// Selectors pick the hits; the tree shows them with their ancestors
		// and descendants.
		{"attack-pid", []string{"tree", "--pid", "7040", attack}, 0},
		{"attack-rule-hits-only", []string{"tree", "--rule", "registry_run_key_persistence", "--rule", "windows_account_discovery", "--hits-only", "-v", attack}, 0},
		{"attack-since", []string{"tree", "--since", "2025-11-03T09:14:10Z", attack}, 0},
		{"attack-where-json", []string{"tree", "--where", ".exit.code == 1", "-o", "json", attack}, 0},
		{"attack-no-match", []string{"tree", "--pid", "99999", attack}, 0},
		{"roots-hits-only", []string{"tree", "--hits-only", "testdata/tree-roots.ndjson"}, 1},
		// Linux command lines label the processes, cut short without -v.
		{"linux-plain", []string{"tree", "testdata/tree-linux.ndjson"}, 0},
	}
	// Each lineage fixture, in every format.
	for _, fixture := range []string{"pidreuse", "cycle", "noexec", "truncated", "roots", "hostile", "linux"} {
		code := 0
		if fixture == "roots" {
			code = 1 // it has a broken line and a value that is not an object
		}
		file := "testdata/tree-" + fixture + ".ndjson"
		tests = append(tests,
			treeCase{fixture, []string{"tree", "-v", file}, code},
			treeCase{fixture + "-json", []string{"tree", "-o", "json", file}, code},
			treeCase{fixture + "-dot", []string{"tree", "-o", "dot", file}, code},
			treeCase{fixture + "-mermaid", []string{"tree", "-o", "mermaid", file}, code},
		)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d; stderr: %s", code, tt.wantCode, errOut)
			}
			golden.Assert(t, filepath.Join("testdata", "tree-"+tt.name+".golden"), []byte(out+"--- stderr ---\n"+errOut))
		})
	}
}

// On a terminal, lines are cut to its width; in a pipe they never are.
func TestTreeTerminalWidth(t *testing.T) {
	io, _, out, _ := iostreams.Test()
	io.SetStdoutTTY(true)
	io.SetWidth(60)
	if code := Main(io, []string{"--color", "never", "tree", "-v", attack}); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	for _, line := range strings.Split(strings.TrimSuffix(stripSGR(out.String()), "\n"), "\n") {
		if n := len([]rune(line)); n > 60 {
			t.Errorf("line of %d columns on a 60-column terminal: %s", n, line)
		}
	}
	golden.Assert(t, "testdata/tree-attack-tty60.golden", out.Bytes())

	piped, _, _ := run(t, "", "tree", "-v", attack)
	if !strings.Contains(piped, "-enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8AMgAwADMALgAwAC4AMQAxADMALgA3AC8AYQAnACkA") {
		t.Errorf("piped output cut the command line:\n%s", piped)
	}
}

// Nothing from event data may reach the terminal raw, whatever the format.
func TestTreeSanitizes(t *testing.T) {
	for _, args := range [][]string{
		{"tree", "-v", "testdata/tree-hostile.ndjson"},
		{"--color=always", "tree", "-v", "testdata/tree-hostile.ndjson"},
		{"tree", "-o", "json", "testdata/tree-hostile.ndjson"},
		{"tree", "-o", "dot", "testdata/tree-hostile.ndjson"},
		{"tree", "-o", "mermaid", "testdata/tree-hostile.ndjson"},
	} {
		out, errOut, _ := run(t, "", args...)
		if args[0] == "--color=always" {
			out = stripSGR(out)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u200f", "\xff"} {
			if strings.Contains(out+errOut, bad) {
				t.Errorf("%v: output contains %q:\n%s", args, bad, out)
			}
		}
	}
	// The DOT label must not be broken out of by the hostile command line.
	dot, _, _ := run(t, "", "tree", "-o", "dot", "testdata/tree-hostile.ndjson")
	if strings.Contains(dot, `x" ]`) || strings.Count(dot, " -> ") != 1 {
		t.Errorf("hostile strings escaped DOT quoting:\n%s", dot)
	}
	mermaid, _, _ := run(t, "", "tree", "-o", "mermaid", "testdata/tree-hostile.ndjson")
	if strings.Contains(mermaid, "<b>") || strings.Count(mermaid, `"]`) != 2 {
		t.Errorf("hostile strings escaped Mermaid quoting:\n%s", mermaid)
	}
}

// --since with a duration counts back from the last event, and so reads
// the input twice: standard input is spooled for that.
func TestTreeSinceDurationOnStdin(t *testing.T) {
	data, err := os.ReadFile(attack)
	if err != nil {
		t.Fatal(err)
	}
	fromFile, _, code := run(t, "", "tree", "--since", "20s", attack)
	if code != 0 {
		t.Fatalf("exit status %d", code)
	}
	fromStdin, errOut, code := run(t, string(data), "tree", "--since", "20s")
	if code != 0 || fromStdin != fromFile {
		t.Errorf("stdin: exit status %d, stderr %q, output\n%s\nwant\n%s", code, errOut, fromStdin, fromFile)
	}
	// The last event is upd.exe's exit at 09:14:31.9: 20 s back keeps the
	// hits from 09:14:11.9 on, upd.exe's.
	if !strings.Contains(fromFile, "windows_process_exit_nonzero") || strings.Contains(fromFile, "registry_run_key_persistence") {
		t.Errorf("--since 20s picked the wrong hits:\n%s", fromFile)
	}
}

func TestTreeExitStatus(t *testing.T) {
	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"ok", "", []string{"tree", attack}, 0, ""},
		{"stdin", `{"agent":{"rule_id":"r"},"process":{"pid":1}}`, []string{"tree"}, 0, ""},
		{"bad output", "", []string{"tree", "-o", "yaml", attack}, 2, `invalid output format "yaml"`},
		{"bad since", "", []string{"tree", "--since", "yesterday", attack}, 2, "--since"},
		{"bad where", "", []string{"tree", "--where", ".[", attack}, 2, "--where"},
		{"missing file", "", []string{"tree", "nope.ndjson", attack}, 2, "nope.ndjson: no such file"},
		{"not json", "{\"process\":\n", []string{"tree"}, 1, "<stdin>:1:12: invalid JSON: unexpected end of input"},
		{"where fails on an event", `{"process":{"pid":1}}`, []string{"tree", "--where", ".process.pid | ascii_downcase"}, 1, "<stdin>:1: --where"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errOut)
			}
			if !strings.Contains(errOut, tt.wantStderr) || tt.wantStderr == "" && errOut != "" {
				t.Errorf("stderr %q, want it to contain %q", errOut, tt.wantStderr)
			}
		})
	}
}

func TestTreeFlags(t *testing.T) {
	io, _, _, _ := iostreams.Test()
	var got *TreeOptions
	cmd := newTreeCmd(io, nil, func(o *TreeOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"-o", "dot", "--ascii", "-v", "--hits-only", "--pid", "7040,12", "--rule", "r1", "--since", "2h", "a.ndjson", "b.gz"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Output != "dot" || !got.ASCII || !got.Verbose || !got.HitsOnly ||
		len(got.Select.PIDs) != 2 || got.Select.PIDs[1] != 12 || got.Select.Rules[0] != "r1" || got.Select.Since != "2h" ||
		strings.Join(got.Files, ",") != "a.ndjson,b.gz" {
		t.Errorf("parsed options %+v", got)
	}
}

// tree runs the selectors on the events lineage.Decode fills partly: they
// must select exactly what they select on fully decoded events.
func TestTreeSelectorsSeeDecodedFields(t *testing.T) {
	anchor := time.Date(2025, 11, 3, 9, 30, 0, 0, time.UTC)
	options := []selector.Options{
		{Rules: []string{"registry_run_key_persistence", "windows_process_exit_nonzero"}},
		{Events: []string{"exec", "set_key_value"}},
		{PIDs: []int64{4, 7040}},
		{Since: "2025-11-03T09:00:01Z", Until: "2025-11-03T10:14:05+01:00"},
		{Since: "25m"},
		{Lines: []string{"2-5"}},
	}
	files := []string{attack, "../examples/events.ndjson", "../internal/lineage/testdata/corpus.ndjson", "../internal/lineage/testdata/invalid.ndjson"}
	for _, o := range options {
		for _, file := range files {
			full, err := selector.New(o, anchor)
			if err != nil {
				t.Fatal(err)
			}
			part, _ := selector.New(o, anchor)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			matched := 0
			for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
				want, err := model.Decode([]byte(line))
				if err != nil {
					continue
				}
				var got model.Event
				if _, err := lineage.Decode([]byte(line), jsonscan.SkipSpace([]byte(line), 0), &got); err != nil {
					t.Fatalf("%s:%d: %v", file, i+1, err)
				}
				w, _ := full.Match(jqlib.Location{Line: i + 1}, want, nil)
				g, _ := part.Match(jqlib.Location{Line: i + 1}, &got, nil)
				if w != g {
					t.Errorf("%+v, %s:%d: selected %v on the decoded fields, %v on the full event", o, file, i+1, g, w)
				}
				if w {
					matched++
				}
			}
			if matched == 0 && file == attack {
				t.Errorf("%+v matched nothing in %s: a useless case", o, file)
			}
		}
	}
}

// TestTreeLimitReadsEveryLine pins what tree's help says of --limit: it
// limits the hits, not the reading, so a bad line past the limit still
// makes tree's exit status 1, where show and query stop at the limit.
func TestTreeLimitReadsEveryLine(t *testing.T) {
	const event = `{"agent":{"rule_id":"r","os":"linux"},"title":"t","date":"2025-01-01T00:00:00Z","process":{"pid":%d}}` + "\n"
	stdin := fmt.Sprintf(event, 1) + fmt.Sprintf(event, 2) + "not json\n"
	tests := []struct {
		args     []string
		wantCode int
	}{
		{[]string{"tree", "--limit", "1"}, ExitData},
		{[]string{"show", "--limit", "1"}, ExitOK},
		{[]string{"query", "--limit", "1", "."}, ExitOK},
	}
	for _, tt := range tests {
		_, errOut, code := run(t, stdin, tt.args...)
		if code != tt.wantCode {
			t.Errorf("%v: exit status %d, want %d (stderr %q)", tt.args, code, tt.wantCode, errOut)
		}
		if wantErr := tt.wantCode != ExitOK; wantErr != strings.Contains(errOut, "<stdin>:3:") {
			t.Errorf("%v: stderr %q, want it to name <stdin>:3 only when the status is 1", tt.args, errOut)
		}
	}
}
