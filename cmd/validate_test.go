package cmd

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// run executes csmctl with args on test streams and returns stdout, stderr
// and the exit status.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	io, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	code := Main(io, args)
	return out.String(), errOut.String(), code
}

func TestValidateGolden(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
	}{
		{"valid", []string{"validate", "../examples/events.ndjson"}, 0},
		{"violations", []string{"validate", "../examples/violations.ndjson"}, 1},
		{"violations-json", []string{"validate", "-o", "json", "../examples/violations.ndjson"}, 1},
		{"violations-color", []string{"--color", "always", "validate", "../examples/violations.ndjson"}, 1},
		{"hostile", []string{"validate", "testdata/hostile.ndjson"}, 1},
		{"hostile-json", []string{"validate", "-o", "json", "testdata/hostile.ndjson"}, 1},
		{"hostile-color", []string{"--color=always", "validate", "testdata/hostile.ndjson"}, 1},
		{"linux-schema", []string{"validate", "--schema", "linux", "testdata/linux.ndjson"}, 1},
		{"auto-schema", []string{"validate", "testdata/linux.ndjson", "../examples/violations.ndjson"}, 1},
		{"allow-unknown", []string{"validate", "--allow-unknown", "../examples/violations.ndjson"}, 1},
		{"hints-json", []string{"validate", "-o", "json", "testdata/deviations.ndjson"}, 1},
		{"schema-by-shape", []string{"validate", "../testdata/linux-events.ndjson", "../testdata/linux-events-no-os.ndjson", "../testdata/windows-events-no-os.ndjson"}, 0},
		{"one-schema", []string{"validate", "../testdata/linux-events.ndjson"}, 0},
		{"linux-deviations", []string{"validate", "testdata/linux-deviations.ndjson"}, 1},
		{"linux-deviations-json", []string{"validate", "-o", "json", "testdata/linux-deviations.ndjson"}, 1},
		{"schema-file-json", []string{"validate", "-o", "json", "--schema", "testdata/title.schema.json", "testdata/hostile.ndjson"}, 1},
		{"hostile-os-shape-json", []string{"validate", "-o", "json", "../testdata/hostile/os-shape.ndjson"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d; stderr: %s", code, tt.wantCode, errOut)
			}
			golden.Assert(t, filepath.Join("testdata", "validate-"+tt.name+".golden"), []byte(out+"--- stderr ---\n"+errOut))
		})
	}
}

// Nothing from event data may reach the terminal raw: no ESC, BEL or
// bidi override, whatever the output mode.
func TestValidateSanitizes(t *testing.T) {
	for _, args := range [][]string{
		{"validate", "testdata/hostile.ndjson"},
		{"--color=always", "validate", "testdata/hostile.ndjson"},
		{"validate", "-o", "json", "testdata/hostile.ndjson"},
	} {
		out, _, _ := run(t, "", args...)
		if args[0] == "--color=always" {
			// Our own colour codes are the only escapes allowed: drop them.
			out = stripSGR(out)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\xff"} {
			if strings.Contains(out, bad) {
				t.Errorf("%v: output contains %q:\n%s", args, bad, out)
			}
		}
	}
}

// stripSGR removes ANSI colour sequences (ESC [ digits ; m).
func stripSGR(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				i = j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestValidateExitStatus(t *testing.T) {
	dir := t.TempDir()
	gz := filepath.Join(dir, "events.gz") // no .gz-only detection: magic bytes decide
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	events, err := os.ReadFile("../examples/events.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(events)
	zw.Close()
	if err := os.WriteFile(gz, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	badSchema := filepath.Join(dir, "bad.json")
	os.WriteFile(badSchema, []byte(`{"type": 12}`), 0o644)
	enumSchema := filepath.Join(dir, "enum.json")
	os.WriteFile(enumSchema, []byte(`{"properties": {"title": {"enum": ["a"]}}}`), 0o644)
	unevaluatedSchema := filepath.Join(dir, "unevaluated.json")
	os.WriteFile(unevaluatedSchema, []byte(`{"properties": {"process": {"unevaluatedProperties": false}}}`), 0o644)

	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantCode   int
		wantStderr string
		wantStdout string
	}{
		{"all valid", "", []string{"validate", "../examples/events.ndjson"}, 0, "40 events: 40 valid, 0 invalid", ""},
		{"gzip by magic", "", []string{"validate", gz}, 0, "40 events: 40 valid, 0 invalid", ""},
		{"stdin default", `{"agent":{"rule_id":"r"},"title":"t"}` + "\n", []string{"validate"}, 0, "1 event: 1 valid, 0 invalid", ""},
		{"stdin dash", `{"agent":{"rule_id":"r"}}`, []string{"validate", "-"}, 1, "1 event: 0 valid, 1 invalid", `<stdin>:1: (root): missing required property "title"`},
		{"not json", "{\"agent\":\n", []string{"validate"}, 1, "(1 not JSON)", "<stdin>:1:10: invalid JSON: unexpected end of input"},
		{"missing file still validates the others", "", []string{"validate", "nope.ndjson", "../examples/events.ndjson"}, 2, "nope.ndjson: no such file or directory", ""},
		{"missing file and invalid data", "", []string{"validate", "../examples/violations.ndjson", "nope.ndjson"}, 2, "17 events", "violations.ndjson:3:"},
		{"bad output flag", "", []string{"validate", "-o", "yaml"}, 2, `invalid output format "yaml"`, ""},
		{"bad color flag", "", []string{"--color", "sometimes", "validate"}, 2, "invalid color mode", ""},
		{"unknown flag", "", []string{"validate", "--frobnicate"}, 2, "unknown flag", ""},
		{"schema not valid", "", []string{"validate", "--schema", badSchema}, 2, "--schema", ""},
		{"schema missing", "", []string{"validate", "--schema", filepath.Join(dir, "none.json")}, 2, "no such file", ""},
		{"schema with enum", `{"title":"b"}`, []string{"validate", "--schema", enumSchema}, 1, "1 invalid", `<stdin>:1: /title: value must be one of "a"`},
		{"schema with a keyword csmctl does not implement", `{}`, []string{"validate", "--schema", unevaluatedSchema}, 2,
			"does not implement keyword unevaluatedProperties (at /properties/process/unevaluatedProperties in the schema)", ""},
		{"quiet", "", []string{"validate", "-q", "../examples/events.ndjson"}, 0, "", ""},
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
			if !strings.Contains(out, tt.wantStdout) {
				t.Errorf("stdout %q, want it to contain %q", out, tt.wantStdout)
			}
		})
	}
}

func TestValidateFlags(t *testing.T) {
	io, _, _, _ := iostreams.Test()
	var got *ValidateOptions
	cmd := newValidateCmd(io, nil, func(o *ValidateOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"-o", "json", "--schema", "linux", "-q", "a.ndjson", "b.json.gz"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Output != "json" || got.Schema != "linux" || !got.Quiet || got.AllowUnknown || strings.Join(got.Files, ",") != "a.ndjson,b.json.gz" {
		t.Errorf("parsed options %+v", got)
	}
}

// The progress bar goes to stderr on a terminal only, never into a pipe.
func TestValidateProgress(t *testing.T) {
	for _, tty := range []bool{true, false} {
		io, _, out, errOut := iostreams.Test()
		io.SetStderrTTY(tty)
		opts := &ValidateOptions{IO: io, Files: []string{"../examples/events.ndjson"}, Schema: "auto",
			Output: "text", Workers: 1, Quiet: true}
		opts.Reading.BlockSize = 4096 // several batches: the bar moves before it ends
		if err := runValidate(opts); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(errOut.String(), "validating"); got != tty {
			t.Errorf("stderr a terminal: %v; progress shown: %v (%q)", tty, got, errOut.String())
		}
		if out.Len() != 0 {
			t.Errorf("stdout %q, want nothing", out.String())
		}
	}
}

// slowReader hands out data in chunks, pausing before each, as a pipe from
// a slow producer does.
type slowReader struct {
	data  []byte
	chunk int
	pause time.Duration
}

func (s *slowReader) Read(p []byte) (int, error) {
	if len(s.data) == 0 {
		return 0, io.EOF
	}
	time.Sleep(s.pause)
	n := copy(p[:min(len(p), s.chunk)], s.data)
	s.data = s.data[n:]
	return n, nil
}

// On standard input the bar shows the bytes read and the rate, with no
// total; the rate is the run's, never the burst of a bar started late.
func TestValidateProgressStdin(t *testing.T) {
	events, err := os.ReadFile("../examples/events.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat(events, (2<<20)/len(events)+1) // 2 MiB in 32 KiB every 15 ms: about 2 MB/s
	in := &slowReader{data: data, chunk: 32 << 10, pause: 15 * time.Millisecond}
	io, _, _, errOut := iostreams.Test()
	io.In = in
	io.SetStderrTTY(true)
	opts := &ValidateOptions{IO: io, Schema: "auto", Output: "text", Workers: 1, Quiet: true,
		ProgressAfter: 300 * time.Millisecond}
	start := time.Now()
	if err := runValidate(opts); err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	shown := errOut.String()
	if !strings.Contains(shown, "validating") {
		t.Fatalf("no progress on standard input: %q", shown)
	}
	if strings.Contains(shown, "%") {
		t.Errorf("a percentage with no total: %q", shown)
	}
	rates := regexp.MustCompile(`([0-9.]+) (B|kB|MB|GB|TB)/s`).FindAllStringSubmatch(shown, -1)
	if len(rates) == 0 {
		t.Fatalf("no rate shown: %q", shown)
	}
	unit := map[string]float64{"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}
	// The fastest it could have gone: every byte in the time since the
	// bar could first show.
	ceiling := float64(len(data)) / (elapsed - opts.ProgressAfter).Seconds()
	for _, r := range rates {
		v, _ := strconv.ParseFloat(r[1], 64)
		if rate := v * unit[r[2]]; rate > 2*ceiling {
			t.Errorf("rate %s %s/s, more than twice the %.0f B/s the input could have come at", r[1], r[2], ceiling)
		}
	}
	if !regexp.MustCompile(`[0-9.]+ [kM]?B`).MatchString(shown) {
		t.Errorf("no byte count shown: %q", shown)
	}
}
