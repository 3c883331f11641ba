package cmd

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// selectingCommands are the ways to select events, each with how to find
// in its output which lines of file were selected.
var selectingCommands = []struct {
	name     string
	args     []string
	selected func(t *testing.T, file, out string) []int
}{
	{"show", []string{"show", "--color", "never"}, linesNamed},
	{"show -o json", []string{"show", "-o", "json"}, linesPrinted},
	{"tree", []string{"tree", "-v", "--color", "never"}, linesNamed},
	{"query", []string{"query", "-r", "input_line.line"}, linesListed},
}

// linesNamed finds the lines of file that show's headers and tree -v's
// events name as FILE:LINE.
func linesNamed(t *testing.T, file, out string) []int {
	named := regexp.MustCompile(regexp.QuoteMeta(file) + `:(\d+)$`)
	var lines []int
	for _, l := range strings.Split(out, "\n") {
		if m := named.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			n, _ := strconv.Atoi(m[1])
			lines = append(lines, n)
		}
	}
	return lines
}

// linesPrinted finds the lines of file that show -o json printed: the
// events as written, but for invalid UTF-8, written \ufffd.
func linesPrinted(t *testing.T, file, out string) []int {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var written []any
	for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		var v any
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatal(err)
		}
		written = append(written, v)
	}
	var lines []int
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if l == "" {
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("show -o json printed %q: %v", l, err)
		}
		i := slices.IndexFunc(written, func(w any) bool { return reflect.DeepEqual(w, v) })
		if i < 0 {
			t.Fatalf("show -o json printed %q, which is no line of %s", l, file)
		}
		lines = append(lines, i+1)
	}
	return lines
}

// linesListed reads query's output of input_line.line.
func linesListed(t *testing.T, file, out string) []int {
	var lines []int
	for _, l := range strings.Fields(out) {
		n, err := strconv.Atoi(l)
		if err != nil {
			t.Errorf("query printed %q, not a line number", l)
		}
		lines = append(lines, n)
	}
	return lines
}

// TestSelectionSameInEveryCommand runs the same selectors through show,
// show -o json, tree and query: each must select the same events, the
// ones worked out by reading the file.
func TestSelectionSameInEveryCommand(t *testing.T) {
	const (
		dupDate = "../testdata/hostile/duplicate-date.ndjson"
		badUTF8 = "../testdata/hostile/invalid-utf8-title.ndjson"
		attack  = "../examples/attack.ndjson"
	)
	tests := []struct {
		name     string
		selector []string
		file     string
		want     []int
	}{
		// The last event has "date" twice, 2030 then 10:00: the last key
		// wins, so the input ends at 10:00 and 1h goes back to 09:00.
		{"since after a duplicate date", []string{"--since", "1h"}, dupDate, []int{2, 3}},
		{"until after a duplicate date", []string{"--until", "30m"}, dupDate, []int{1, 2}},
		// Line 2's title has a \xff byte: --where sees U+FFFD, as jq does,
		// never the \xff that show prints for it.
		{"where on U+FFFD", []string{"--where", `.title | contains("\ufffd")`}, badUTF8, []int{2}},
		{"where on the escaped byte", []string{"--where", `.title | test("xff")`}, badUTF8, []int{3}},
		// csmctl's jq helpers: line 5 writes a Run key (line 1 opens
		// Windows Defender's policies key); lines 5 to 8 are done by
		// reg.exe and upd.exe, with 7 ancestors, under powershell.exe.
		{"where is_run_key", []string{"--where", "is_run_key"}, attack, []int{5}},
		{"where is_registry", []string{"--where", "is_registry"}, attack, []int{1, 5}},
		{"where lineage", []string{"--where", "lineage | length > 7"}, attack, []int{5, 6, 7, 8}},
		{"where ancestor_names", []string{"--where", `ancestor_names[0] == "powershell.exe"`}, attack, []int{5, 6, 7, 8}},
		{"where ancestors", []string{"--where", `[ancestors | .pid] | index(6236) == 0`}, attack, []int{2, 3, 4}},
		{"where input_line", []string{"--where", `input_line | .line > 6 and (.file | endswith("attack.ndjson"))`}, attack, []int{7, 8}},
		{"where input_host", []string{"--where", "input_host == null"}, attack, []int{1, 2, 3, 4, 5, 6, 7, 8}},
		{"where redefines a helper", []string{"--where", "def is_run_key: .exit; is_run_key"}, attack, []int{8}},
	}
	for _, tt := range tests {
		for _, c := range selectingCommands {
			t.Run(tt.name+"/"+c.name, func(t *testing.T) {
				args := append(append(slices.Clone(c.args), tt.selector...), tt.file)
				out, errOut, code := runWithin(t, 30*time.Second, false, args...)
				if code != 0 {
					t.Fatalf("csmctl %s: exit status %d; stderr: %s", strings.Join(args, " "), code, errOut)
				}
				if got := c.selected(t, tt.file, out); !slices.Equal(got, tt.want) {
					t.Errorf("csmctl %s selected lines %v, want %v", strings.Join(args, " "), got, tt.want)
				}
			})
		}
	}
}
