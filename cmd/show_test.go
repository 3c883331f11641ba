package cmd

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/selector"
)

const kindsFile = "../examples/kinds.ndjson"

// showNow is "now" in golden tests: a few hours after the example events.
var showNow = time.Date(2025, 11, 3, 12, 0, 0, 0, time.UTC)

// runShowAt runs `csmctl show args` with a fixed "now", on test streams
// that setup may turn into a terminal or colour, and returns stdout, stderr
// and the exit status.
func runShowAt(t *testing.T, setup func(*iostreams.IOStreams), stdin string, args ...string) (string, string, int) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	if setup != nil {
		setup(ios)
	}
	cmd := newShowCmd(ios, nil, func(opts *ShowOptions) error {
		opts.Now = func() time.Time { return showNow }
		return runShow(opts)
	})
	cmd.SetArgs(args)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	code := exitCode(ios, cmd.Execute())
	return out.String(), errOut.String(), code
}

func colour(ios *iostreams.IOStreams) { ios.SetColorMode(iostreams.ColorAlways) }

func terminal(width int, colour bool) func(*iostreams.IOStreams) {
	return func(ios *iostreams.IOStreams) {
		ios.SetStdoutTTY(true)
		ios.SetWidth(width)
		if !colour {
			ios.SetColorMode(iostreams.ColorNever)
		}
	}
}

// One golden file per event kind of examples/kinds.ndjson, with and
// without colour.
func TestShowKindsGolden(t *testing.T) {
	kinds := []struct {
		name string
		line int
	}{
		{"exec-deep-ancestors", 1},
		{"registry", 2},
		{"permission-change", 3},
		{"rename", 4},
		{"exit", 5},
		{"container", 6},
		{"truncated-ancestors", 7},
		{"matched-rules", 8},
		{"variables", 9},
		{"unknown-fields", 10},
	}
	for _, k := range kinds {
		for _, colourful := range []bool{false, true} {
			name := k.name
			var setup func(*iostreams.IOStreams)
			if colourful {
				name += "-color"
				setup = colour
			}
			t.Run(name, func(t *testing.T) {
				out, errOut, code := runShowAt(t, setup, "", "--line", strconv.Itoa(k.line), kindsFile)
				if code != 0 || errOut != "" {
					t.Errorf("exit status %d, stderr %q", code, errOut)
				}
				golden.Assert(t, filepath.Join("testdata", "show-"+name+".golden"), []byte(out))
			})
		}
	}
}

// linuxEvents are Linux events written by hand (TestShowLinuxFamiliesGolden
// shows them, and the generated ones covering every section, in full).
const linuxEvents = "../testdata/linux-events.ndjson"

func TestShowGolden(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(*iostreams.IOStreams)
		args     []string
		wantCode int
	}{
		{"all", nil, []string{kindsFile}, 0},
		{"all-json", nil, []string{"-o", "json", kindsFile}, 0},
		{"tty", terminal(100, false), []string{"--line", "1,3,7", kindsFile}, 0},
		{"tty-color", terminal(100, true), []string{"--line", "1,3,7", kindsFile}, 0},
		{"tty-narrow", terminal(60, false), []string{"--line", "4", kindsFile}, 0},
		{"other-fields", nil, []string{"testdata/show-other-fields.ndjson"}, 0},
		{"hostile", nil, []string{"testdata/show-hostile.ndjson"}, 1},
		{"hostile-color", colour, []string{"testdata/show-hostile.ndjson"}, 1},
		{"hostile-json", nil, []string{"-o", "json", "testdata/show-hostile.ndjson"}, 1},
		{"hostile-tty", terminal(100, true), []string{"testdata/show-hostile.ndjson"}, 1},
		{"linux-verbose", nil, []string{"-v", "--line", "2", linuxEvents}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runShowAt(t, tt.setup, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d; stderr: %s", code, tt.wantCode, errOut)
			}
			golden.Assert(t, filepath.Join("testdata", "show-"+tt.name+".golden"), []byte(out+"--- stderr ---\n"+errOut))
		})
	}
}

// Nothing from event data reaches the output raw, whatever the mode: no
// ESC (so no CSI, OSC title or OSC 8 hyperlink), BEL, DEL, C1 control,
// bidi override, line separator or invalid UTF-8. Only csmctl's own colour
// codes are escapes.
func TestShowSanitizes(t *testing.T) {
	modes := []struct {
		name  string
		setup func(*iostreams.IOStreams)
		args  []string
	}{
		{"pipe", nil, nil},
		{"pipe color", colour, nil},
		{"json", nil, []string{"-o", "json"}},
		{"json color", colour, []string{"-o", "json"}},
		{"terminal", terminal(80, false), nil},
		{"terminal color", terminal(80, true), nil},
		{"narrow terminal color", terminal(30, true), nil},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			out, errOut, _ := runShowAt(t, m.setup, "", append(m.args, "testdata/show-hostile.ndjson")...)
			flat := strings.NewReplacer("│", "", " ", "", "\n", "").Replace(stripSGR(out))
			if !strings.Contains(flat, "clickme") || !strings.Contains(flat, "pwned") {
				t.Fatalf("the hostile strings are not shown at all:\n%s", out)
			}
			for stream, text := range map[string]string{"stdout": stripSGR(out), "stderr": errOut} {
				for _, bad := range []string{"\x1b", "\x07", "\x7f", "\u009b", "\u0085", "\u202e", "\u2028", "\ufeff", "\xff", "\r"} {
					if strings.Contains(text, bad) {
						t.Errorf("%s contains %q:\n%s", stream, bad, text)
					}
				}
			}
		})
	}
}

// headerLine matches show's header lines and captures the event's line.
var headerLine = regexp.MustCompile(`(?m)kinds\.ndjson:(\d+)$`)

// shownLines returns the lines of the events show printed.
func shownLines(out string) []int {
	var lines []int
	for _, m := range headerLine.FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[1])
		lines = append(lines, n)
	}
	return lines
}

func TestShowSelectors(t *testing.T) {
	kinds, err := os.ReadFile(kindsFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		stdin bool // read the events from standard input
		args  []string
		want  []int
	}{
		{"none", false, nil, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{"line", false, []string{"--line", "3"}, []int{3}},
		{"line range", false, []string{"--line", "2-4"}, []int{2, 3, 4}},
		{"lines repeated and listed", false, []string{"--line", "9,1", "--line", "5"}, []int{1, 5, 9}},
		{"line past the end", false, []string{"--line", "11-20"}, nil},
		{"rule", false, []string{"--rule", "windows_defender_registry_tampering"}, []int{2, 8, 10}},
		{"event", false, []string{"--event", "exec"}, []int{1, 6, 7}},
		{"events", false, []string{"--event", "exec", "--event", "exit"}, []int{1, 5, 6, 7}},
		{"pid", false, []string{"--pid", "33048"}, []int{5}},
		{"pids", false, []string{"--pid", "33048,976"}, []int{5, 8}},
		{"since RFC 3339", false, []string{"--since", "2025-11-03T09:40:00Z"}, []int{7, 8, 9, 10}},
		{"until RFC 3339 with offset", false, []string{"--until", "2025-11-03T10:10:00+01:00"}, []int{1, 2}},
		{"since and until", false, []string{"--since", "2025-11-03T09:20:00Z", "--until", "2025-11-03T09:40:00Z"}, []int{4, 5, 6}},
		{"since duration", false, []string{"--since", "30m"}, []int{6, 7, 8, 9, 10}},
		{"until duration", false, []string{"--until", "1h"}, []int{1}},
		{"since duration on stdin", true, []string{"--since", "30m"}, []int{6, 7, 8, 9, 10}},
		{"since duration on stdin dash", true, []string{"--since", "30m", "-"}, []int{6, 7, 8, 9, 10}},
		{"where", false, []string{"--where", ".exit.code != null"}, []int{5}},
		{"where on ancestors", false, []string{"--where", ".process.ancestors | length > 4"}, []int{1, 2, 4}},
		{"where on unknown field", false, []string{"--where", `has("hostname")`}, []int{10}},
		{"limit", false, []string{"--limit", "2"}, []int{1, 2}},
		{"limit after selection", false, []string{"--event", "exec", "--limit", "2"}, []int{1, 6}},
		{"all combined", false, []string{"--rule", "windows_defender_registry_tampering", "--line", "5-10", "--since", "2025-11-03T09:00:00Z", "--where", ".evt.name != \"open_key\""}, []int{8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args, stdin := tt.args, ""
			if tt.stdin {
				stdin = string(kinds)
			} else {
				args = append(slices.Clone(args), kindsFile)
			}
			out, errOut, code := runShowAt(t, nil, stdin, args...)
			if code != 0 {
				t.Fatalf("exit status %d; stderr: %s", code, errOut)
			}
			got := shownLines(strings.ReplaceAll(out, "<stdin>:", "kinds.ndjson:"))
			if !slices.Equal(got, tt.want) {
				t.Errorf("shown lines %v, want %v", got, tt.want)
			}
		})
	}
}

// -o json passes the selected events through as they were written (here
// already compact), not re-encoded from the model.
func TestShowJSONKeepsEvents(t *testing.T) {
	kinds, err := os.ReadFile(kindsFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(kinds), "\n")
	out, errOut, code := runShowAt(t, nil, "", "-o", "json", "--event", "exec", kindsFile)
	if code != 0 {
		t.Fatalf("exit status %d; stderr: %s", code, errOut)
	}
	if want := lines[0] + lines[5] + lines[6]; out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	pretty := "{\n  \"agent\": {\"rule_id\": \"r\"},\n  \"title\": \"t\"\n}\n"
	out, _, _ = runShowAt(t, nil, pretty, "-o", "json")
	if want := `{"agent":{"rule_id":"r"},"title":"t"}` + "\n"; out != want {
		t.Errorf("pretty input: got %q, want %q", out, want)
	}
}

func TestShowExitStatus(t *testing.T) {
	dir := t.TempDir()
	gz := filepath.Join(dir, "kinds")
	kinds, err := os.ReadFile(kindsFile)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(kinds)
	zw.Close()
	if err := os.WriteFile(gz, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"ok", "", []string{"show", kindsFile}, 0, "kinds.ndjson:10\n", ""},
		{"gzip", "", []string{"show", "--line", "5", gz}, 0, "0xC000013A", ""},
		{"stdin", `{"agent":{"rule_id":"r"},"title":"t"}`, []string{"show"}, 0, `r  "t"  <stdin>:1`, ""},
		{"not JSON, then more events", "{\"agent\":\n{\"agent\":{\"rule_id\":\"after\"}}\n", []string{"show"}, 1, "after  <stdin>:2", "<stdin>:1:10: invalid JSON: unexpected end of input"},
		{"not an object", "[1]\n", []string{"show"}, 1, "", "<stdin>:1: event is not a JSON object"},
		{"not JSON in json mode", "nope\n{}\n", []string{"show", "-o", "json"}, 1, "{}\n", "<stdin>:1:2: invalid JSON: invalid character 'o' in literal null"},
		{"where fails", `{"title":"t"}`, []string{"show", "--where", `error("boom")`}, 1, "", "<stdin>:1: --where: error: boom"},
		{"limit stops before later problems", "{}\n{}\nnope\n", []string{"show", "--limit", "2"}, 0, "<stdin>:2", ""},
		{"missing file", "", []string{"show", "nope.ndjson", kindsFile}, 2, "kinds.ndjson:1\n", "nope.ndjson: no such file or directory"},
		{"bad output", "", []string{"show", "-o", "yaml"}, 2, "", `invalid output format "yaml"`},
		{"bad line", "", []string{"show", "--line", "5-2"}, 2, "", `--line "5-2": want N or N-M`},
		{"bad since", "", []string{"show", "--since", "yesterday"}, 2, "", "--since \"yesterday\": want an RFC 3339 time"},
		{"duration without dates selects nothing", `{"title":"t"}`, []string{"show", "--since", "2h"}, 0, "", ""},
		{"duration and a missing file", "", []string{"show", "--since", "2h", "nope.ndjson"}, 2, "", "nope.ndjson: no such file or directory"},
		{"bad where", "", []string{"show", "--where", ".["}, 2, "", "--where"},
		{"bad limit", "", []string{"show", "--limit", "-1"}, 2, "", "--limit must not be negative"},
		{"bad pid", "", []string{"show", "--pid", "x"}, 2, "", "invalid argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errOut)
			}
			if !strings.Contains(out, tt.wantStdout) {
				t.Errorf("stdout %q, want it to contain %q", out, tt.wantStdout)
			}
			if !strings.Contains(errOut, tt.wantStderr) || tt.wantStderr == "" && errOut != "" {
				t.Errorf("stderr %q, want it to contain %q", errOut, tt.wantStderr)
			}
		})
	}
}

func TestShowFlags(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *ShowOptions
	cmd := newShowCmd(ios, nil, func(o *ShowOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"-o", "json", "--line", "1-3", "--line", "7", "--rule", "a,b", "--event", "exec",
		"--pid", "4", "--since", "2h", "--until", "2025-11-03T10:00:00Z", "--where", ".x", "--limit", "5", "-v", "f1", "f2"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := selector.Options{Lines: []string{"1-3", "7"}, Rules: []string{"a", "b"}, Events: []string{"exec"},
		PIDs: []int64{4}, Since: "2h", Until: "2025-11-03T10:00:00Z", Where: ".x", Limit: 5}
	if got.Output != "json" || !slices.Equal(got.Files, []string{"f1", "f2"}) ||
		!slices.Equal(got.Select.Lines, want.Lines) || !slices.Equal(got.Select.Rules, want.Rules) ||
		!slices.Equal(got.Select.Events, want.Events) || !slices.Equal(got.Select.PIDs, want.PIDs) ||
		got.Select.Since != want.Since || got.Select.Until != want.Until || got.Select.Where != want.Where ||
		got.Select.Limit != want.Limit || got.Now == nil || !got.Verbose {
		t.Errorf("options %+v", got)
	}
}

// Ages are counted from now, and only shown when the event is recent.
func TestShowAges(t *testing.T) {
	out, _, _ := runShowAt(t, nil, "", "--line", "1,2", kindsFile)
	for _, want := range []string{"2025-11-03T09:01:00.1234560Z (2h58m ago)", "2025-11-03T10:08:00.1245670+01:00 (2h51m ago)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = run(t, `{"date":"2001-01-01T00:00:00Z","agent":{"rule_id":"r"}}`, "show")
	if strings.Contains(out, "ago") {
		t.Errorf("an old event shows its age:\n%s", out)
	}
}
