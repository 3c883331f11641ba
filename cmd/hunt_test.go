package cmd

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
)

const (
	huntPolicy   = "../examples/hunt-policy.yaml"
	huntContexts = "../internal/hunt/testdata/linux-contexts.ndjson.gz"

	huntWindowsPolicy = "../examples/hunt-windows-policy.yaml"
	windowsEvents     = "../examples/events.ndjson"
)

func TestHuntGolden(t *testing.T) {
	curl := `exec.file.path == "/usr/bin/curl" || exec.file.name == "bash"`
	keys := `open.file.name == "authorized_keys" && process.ancestors.file.name in ["systemd", "bash"]`
	tests := []struct {
		name     string
		args     []string
		wantCode int
	}{
		{"expr", []string{"hunt", "--expr", curl, linuxExamples}, 0},
		{"expr-json", []string{"hunt", "-o", "json", "--expr", curl, linuxExamples}, 0},
		{"policy", []string{"hunt", "--policy", huntPolicy, linuxExamples}, 0},
		{"policy-json", []string{"hunt", "-o", "json", "--policy", huntPolicy, linuxExamples}, 0},
		{"explain", []string{"hunt", "--explain", "--expr", keys, linuxExamples}, 0},
		{"explain-json", []string{"hunt", "--explain", "-o", "json", "--expr", keys, linuxExamples}, 0},
		// Every selector applies: the events of one type, the first match.
		{"selectors", []string{"hunt", "--event", "open", "--expr", `open.file.path != ""`, linuxExamples}, 0},
		// A variable is read by the events after the one that set it only,
		// in time order: the rename, written first but 17 s after the open,
		// sees the variable the open set.
		{"variables-order", []string{"hunt", "--policy", huntPolicy, "testdata/hunt-rename-before-open.ndjson"}, 0},
		{"limit", []string{"hunt", "--limit", "1", "--policy", huntPolicy, linuxExamples}, 0},
		{"no-match", []string{"hunt", "--expr", `exec.file.path == "/nowhere"`, linuxExamples}, 1},
		// Broken lines are reported, and the events around them evaluated.
		{"broken-lines", []string{"hunt", "--expr", `process.pid > 0`, "../testdata/hostile/garbage.ndjson"}, 0},
		{"syntax", []string{"hunt", "--expr", `exec.file.path == "/bin/sh" &&`, linuxExamples}, 2},
		{"unavailable", []string{"hunt", "--expr", `packet.filter == "icmp"`, linuxExamples}, 2},
		{"unknown-field", []string{"hunt", "--expr", `exec.file.nosuch == "x"`, linuxExamples}, 2},
		{"missing-policy", []string{"hunt", "--policy", "testdata/no-such-policy.yaml", linuxExamples}, 2},
		{"unreadable", []string{"hunt", "--expr", `exec.file.path != ""`, "testdata/no-such-file.ndjson"}, 2},
		{"no-mode", []string{"hunt", linuxExamples}, 2},
		{"two-modes", []string{"hunt", "--verify", "--expr", `exec.file.path != ""`, linuxExamples}, 2},
		{"verify", []string{"hunt", "--verify", huntContexts}, 1},
		{"verify-examples", []string{"hunt", "--verify", linuxExamples}, 1},
		{"fields", []string{"hunt", "--fields"}, 0},
		{"fields-windows", []string{"hunt", "--fields", "--os", "windows"}, 0},
		// Windows events, read with the Windows agent's fields.
		{"windows-registry", []string{"hunt", "--expr", `create_key.registry.key_path =~ "*\CurrentVersion\Run"`, windowsEvents}, 0},
		{"windows-file", []string{"hunt", "--expr", `exec.file.name in ["CERTUTIL.EXE", "schtasks.exe"]`, windowsEvents}, 0},
		{"windows-policy-json", []string{"hunt", "-o", "json", "--policy", huntWindowsPolicy, windowsEvents, "../examples/kinds.ndjson"}, 0},
		// One expression over both OSes' events, each read with its fields.
		{"both-os", []string{"hunt", "--expr", `exec.file.path == "/usr/bin/bash" || exec.cmdline =~ "* -urlcache *"`, linuxExamples, windowsEvents}, 0},
		{"os-linux-windows-field", []string{"hunt", "--os", "linux", "--expr", `create_key.registry.key_path != ""`, windowsEvents}, 2},
		{"os-invalid", []string{"hunt", "--os", "macos", "--expr", `exec.file.path != ""`, windowsEvents}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d; stderr: %s", code, tt.wantCode, errOut)
			}
			golden.Assert(t, filepath.Join("testdata", "hunt-"+tt.name+".golden"), []byte(out+"--- stderr ---\n"+errOut))
		})
	}
	// On a terminal a match is timeline's aligned line, the rule id first.
	runGoldenCases(t, "hunt-", 100, []goldenCase{
		{"policy-tty", true, []string{"--color", "always", "hunt", "--policy", huntPolicy, linuxExamples}, 0},
		{"explain-tty", true, []string{"hunt", "--explain", "--expr", keys, linuxExamples}, 0},
	})
}

// Nothing from event data reaches the terminal raw, in any of hunt's
// outputs.
func TestHuntSanitizes(t *testing.T) {
	const file = "../testdata/hostile/linux-families.ndjson"
	for _, args := range [][]string{
		{"hunt", "--explain", "--expr", `process.file.path != "x"`, file},
		{"hunt", "--explain", "-o", "json", "--expr", `process.file.path != "x"`, file},
		{"hunt", "--verify", "../testdata/hostile/linux-show-sections.ndjson"},
	} {
		out, errOut, _ := run(t, "", args...)
		if !strings.Contains(out, ".ndjson") {
			t.Errorf("%v: nothing matched, the test checks nothing:\n%s%s", args, out, errOut)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u009b"} {
			if strings.Contains(out+errOut, bad) {
				t.Errorf("%v: output holds %q raw", args, bad)
			}
		}
	}
}

// TestHuntHelpExamplesMatch: each example of hunt's help finds something
// in the shipped files (exit status 0), so that a user who tries one sees
// what it prints, not "0 matches".
func TestHuntHelpExamplesMatch(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	hunt := newHuntCmd(ios, &input.Options{}, nil)
	r := newExampleRunner(t)
	for _, line := range strings.Split(hunt.Example, "\n") {
		words, err := shellWords(strings.TrimSpace(line))
		if err != nil || len(words) < 2 {
			t.Fatalf("example %q: %v", line, err)
		}
		if code, errOut := r.run(words); code != ExitOK && !slices.Contains(words, "--verify") {
			t.Errorf("example %s: exit status %d; stderr:\n%s", line, code, errOut)
		}
	}
}
