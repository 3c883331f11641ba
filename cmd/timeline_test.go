package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const timelineDir = "../examples/timeline"

func TestTimelineGolden(t *testing.T) {
	runGoldenCases(t, "timeline-", 100, []goldenCase{
		{"dir", false, []string{"timeline", timelineDir}, 0},
		{"dir-json", false, []string{"timeline", "-o", "json", timelineDir}, 0},
		{"dir-csv", false, []string{"timeline", "-o", "csv", timelineDir}, 0},
		{"dir-tty", true, []string{"--color", "always", "timeline", timelineDir}, 0},
		// The same order whatever the order the files are named in.
		{"files-reversed-json", false, []string{"timeline", "-o", "json", timelineDir + "/web-01_1000.json", timelineDir + "/web-01_0900.json", timelineDir + "/db-01_0900.json"}, 0},
		{"spilled-json", false, []string{"timeline", "--sort-window", "2", "-o", "json", timelineDir}, 0},
		{"rule", false, []string{"timeline", "--rule", "unsigned_binary_powershell", timelineDir, "../examples/kinds.ndjson"}, 0},
		{"limit", false, []string{"timeline", "--limit", "3", timelineDir}, 0},
		{"broken", false, []string{"timeline", "-o", "csv", "../examples/violations.ndjson", "nonexistent.ndjson"}, 2},
		{"linux-detail", false, []string{"timeline", "-o", "csv", "../examples/linux.ndjson"}, 0},
		{"escapes-tty", true, []string{"timeline", "testdata/stats-escapes.ndjson"}, 0},
		{"escapes-json", false, []string{"timeline", "-o", "json", "testdata/stats-escapes.ndjson", "../testdata/hostile/ill-typed-pids.ndjson"}, 0},
		{"empty-csv", false, []string{"timeline", "-o", "csv", "--rule", "nope", timelineDir}, 0},
	})
}

type timelineLine struct {
	Date *string `json:"date"`
	File string  `json:"file"`
	Line int     `json:"line"`
}

// timelineJSON runs timeline -o json and returns its lines.
func timelineJSON(t *testing.T, args ...string) []timelineLine {
	t.Helper()
	out, errOut, code := run(t, "", append([]string{"timeline", "-o", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	return timelineLines(t, out)
}

// timelineLines decodes timeline -o json's lines.
func timelineLines(t *testing.T, out string) []timelineLine {
	t.Helper()
	var lines []timelineLine
	for l := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
		var tl timelineLine
		if err := json.Unmarshal([]byte(l), &tl); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, tl)
	}
	return lines
}

// The three example files overlap in time and were written with two UTC
// offsets: every event comes once, in the order of its instant, ties in
// input order, the undated last, whatever the re-ordering window as long as
// it covers each file's disorder (web-01_0900.json's lines 2 and 3 are one
// apart): 2 holds them. A window of 1 cannot: line 3 comes later than
// line 2, already printed, and is listed after the timeline and counted.
// The sorter spills with such tiny windows, and leaves no file behind.
func TestTimelineOrder(t *testing.T) {
	want := []string{ // file:line, in time order, read from the files
		"web-01_0900.json:1", // 09:05:00.1Z (10:05+01:00)
		"db-01_0900.json:1",  // 09:12:00.000000001Z (04:12-05:00)
		"web-01_0900.json:3", // 09:20:00.2Z
		"web-01_0900.json:2", // 09:35:00.3Z
		"db-01_0900.json:2",  // 09:50Z, read before web-01's
		"web-01_0900.json:4", // 09:50Z
		"web-01_1000.json:1", // 10:00:00.5Z
		"db-01_0900.json:4",  // 10:15Z, read before web-01's
		"web-01_1000.json:2", // 10:15Z
		"db-01_0900.json:5",  // 10:20:30.75Z
		"web-01_1000.json:3", // 10:40:00.25Z
		"db-01_0900.json:3",  // no date: last
	}
	windowOne := append(append(append([]string{}, want[:2]...), want[3:11]...), want[2], want[11])
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, window := range []string{"65536", "1", "2", "3", "5"} {
		want, late := want, ""
		if window == "1" {
			want, late = windowOne, "csmctl: 1 event came later than a window of 1 events per input can re-order: listed after the timeline, in time order\n"
		}
		out, errOut, code := run(t, "", "timeline", "-o", "json", "--sort-window", window, timelineDir)
		if code != 0 {
			t.Fatalf("window %s: exit %d: %s", window, code, errOut)
		}
		if wantErr := late + "csmctl: 1 event without a valid date, listed last\n"; errOut != wantErr {
			t.Errorf("window %s: standard error %q, want %q", window, errOut, wantErr)
		}
		got := timelineLines(t, out)
		if len(got) != len(want) {
			t.Fatalf("window %s: %d events, want %d", window, len(got), len(want))
		}
		for i, g := range got {
			if name := filepath.Base(g.File) + ":" + strconv.Itoa(g.Line); name != want[i] {
				t.Errorf("window %s: event %d is %s, want %s", window, i, name, want[i])
			}
			if g.Date == nil {
				continue
			}
			if _, err := time.Parse(time.RFC3339Nano, *g.Date); err != nil || !strings.HasSuffix(*g.Date, "Z") {
				t.Errorf("window %s: event %d date %s: not UTC (%v)", window, i, *g.Date, err)
			}
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// A larger input in reverse order (the worst case) with a window of 7:
// the first 7 lines are held and printed in order, every later line comes
// too late and goes through the sorter, which spills (one run per window)
// and lists them after, in order. Every event is printed once. With
// --limit the inputs are sorted whole, and the order is exact.
func TestTimelineSpillReverse(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var b strings.Builder
	start := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	const n = 500
	for i := range n {
		d := start.Add(time.Duration(n-i) * time.Second).Format(time.RFC3339)
		b.WriteString(`{"agent":{"rule_id":"r"},"date":"` + d + `"}` + "\n")
	}
	file := filepath.Join(t.TempDir(), "reverse.ndjson")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var want []int // lines
	for l := 7; l >= 1; l-- {
		want = append(want, l)
	}
	for l := n; l >= 8; l-- {
		want = append(want, l)
	}
	var sorted []int
	for l := n; l >= 1; l-- {
		sorted = append(sorted, l)
	}
	for _, c := range []struct {
		args []string
		want []int
	}{
		{[]string{"--sort-window", "7", "--workers", "3", file}, want},
		{[]string{"--sort-window", "7", "--limit", "1000", file}, sorted},
		{[]string{"--sort-window", "7", "--exact", file}, sorted},
	} {
		got := timelineJSON(t, c.args...)
		if len(got) != n {
			t.Fatalf("%v: %d events, want %d", c.args, len(got), n)
		}
		for i, g := range got {
			if g.Line != c.want[i] {
				t.Fatalf("%v: event %d is line %d, want %d", c.args, i, g.Line, c.want[i])
			}
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// More inputs than are merged as streams at once are read one after
// another into the sorter: never more than one file open, and the order
// exact however far back in time each file goes, with no event late.
func TestTimelineManyInputs(t *testing.T) {
	dir := t.TempDir()
	const files = 40 // more than timeline.MaxStreams
	start := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	for i := range files {
		// each file later in name order holds earlier events, two of them
		// out of order
		var b strings.Builder
		for _, s := range []int{1, 0} {
			d := start.Add(time.Duration(2*(files-i)+s) * time.Second).Format(time.RFC3339)
			b.WriteString(`{"agent":{"rule_id":"r"},"date":"` + d + `"}` + "\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%02d.ndjson", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := run(t, "", "timeline", "-o", "json", "--sort-window", "1", dir)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := timelineLines(t, out)
	if len(got) != 2*files {
		t.Fatalf("%d events, want %d", len(got), 2*files)
	}
	for i, g := range got {
		// the last file's second line first, then its first line, …
		want := fmt.Sprintf("f%02d.ndjson:%d", files-1-i/2, 2-i%2)
		if name := filepath.Base(g.File) + ":" + strconv.Itoa(g.Line); name != want {
			t.Fatalf("event %d is %s, want %s", i, name, want)
		}
	}
}
