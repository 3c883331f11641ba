package cmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// framingErrors returns the lines of a command's output that report an
// unreadable record.
func framingErrors(out string) []string {
	var errs []string
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "invalid JSON") {
			errs = append(errs, line)
		}
	}
	return errs
}

// checkFraming runs every subcommand over path, which holds good events
// (good reads the same events without the framing problem) and one problem
// at wantErr ("FILE:LINE:COL:"): each subcommand must report that one error
// and process all the good events, as many as it does for good.
func checkFraming(t *testing.T, path, good string, events int, wantErr string) {
	t.Helper()
	out, errOut, code := runWithin(t, 30*time.Second, false, "validate", path)
	if code != 1 || !strings.Contains(errOut, fmt.Sprintf("%d events: %d valid, 1 invalid (1 not JSON)", events+1, events)) {
		t.Errorf("validate: exit %d, summary %q; want 1 and %d valid, 1 invalid", code, errOut, events)
	}
	if errs := framingErrors(out + errOut); len(errs) != 1 || !strings.HasPrefix(errs[0], wantErr) {
		t.Errorf("validate: %d errors %q, want one at %s", len(errs), errs[:min(3, len(errs))], wantErr)
	}

	for _, args := range [][]string{
		{"show", "-o", "json"},
		{"query", "-c", "input_line"},
		{"tree"},
		{"tree", "-o", "json"},
	} {
		name := strings.Join(args, " ")
		out, errOut, code := runWithin(t, 30*time.Second, false, append(args, path)...)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1", name, code)
		}
		if errs := framingErrors(errOut); len(errs) != 1 || !strings.Contains(errs[0], wantErr) {
			t.Errorf("%s: %d errors %q, want one at %s", name, len(errs), errs[:min(3, len(errs))], wantErr)
		}
		if name == "tree" {
			// The forest of the good events alone is the reference (its
			// JSON form names lines, which differ).
			want, _, _ := runWithin(t, 30*time.Second, false, append(args, good)...)
			if out != want {
				t.Errorf("%s: the forest differs from the good events' alone", name)
			}
			continue
		}
		if args[0] == "tree" {
			continue
		}
		if got := strings.Count(out, "\n"); got != events {
			t.Errorf("%s: %d events out, want %d", name, got, events)
		}
	}
}

// TestPrettyBrokenValue: eight events as `jq .` prints them, one made
// invalid by `sed '5s/$/ xx/'`, are one error and seven events, not an error
// for each of the broken value's lines.
func TestPrettyBrokenValue(t *testing.T) {
	path := filepath.Join("..", "testdata", "hostile", "pretty-broken.json")
	events, err := os.ReadFile("../examples/events.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(events, []byte("\n"))
	good := filepath.Join(t.TempDir(), "good.ndjson")
	if err := os.WriteFile(good, bytes.Join(lines[1:8], nil), 0o644); err != nil {
		t.Fatal(err)
	}
	checkFraming(t, path, good, 7, path+":5:38: invalid JSON: invalid character 'x'")
}

// TestStrayBracket: a "[" line before 1,000 NDJSON events is one error, and
// all 1,000 events are read (read as an array, every other one was lost).
func TestStrayBracket(t *testing.T) {
	events, err := os.ReadFile("../examples/events.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	n := bytes.Count(events, []byte("\n"))
	if 1000%n != 0 {
		t.Fatalf("%d example events do not make 1,000", n)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.ndjson")
	stray := filepath.Join(dir, "stray.ndjson")
	all := bytes.Repeat(events, 1000/n)
	if err := os.WriteFile(good, all, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stray, append([]byte("[\n"), all...), 0o644); err != nil {
		t.Fatal(err)
	}
	checkFraming(t, stray, good, 1000, stray+":1:1: invalid JSON: '[' opens no array")

	// Every event keeps its own line number.
	out, _, _ := runWithin(t, 30*time.Second, false, "query", "-r", "input_line.line", stray)
	want := make([]string, 1000)
	for i := range want {
		want[i] = strconv.Itoa(i + 2)
	}
	if got := strings.Fields(out); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("query input_line: %d lines, want 2 to 1001 in order", len(got))
	}
}
