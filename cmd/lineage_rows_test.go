package cmd

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A process an event acts on (a ptrace tracee) and the same process in the
// acting process's lineage get the same row: executable else comm, the
// credentials' user, the command line with its truncation marker.
func TestTraceeRowMatchesParentRow(t *testing.T) {
	const bash = `{"pid":7,"ppid":1,"comm":"bash","argv0":"bash","args":["-c","x"],"args_truncated":true,"credentials":{"user":"root"}}`
	file := filepath.Join(t.TempDir(), "tracee.ndjson")
	event := `{"agent":{"rule_id":"r","os":"linux"},"title":"t","evt":{"name":"ptrace"},"process":{"pid":9,"parent":` + bash +
		`},"ptrace":{"request":"PTRACE_ATTACH","tracee":` + bash + "}}\n"
	if err := os.WriteFile(file, []byte(event), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := runWithin(t, 10*time.Second, false, "show", file)
	if code != 0 {
		t.Fatalf("exit status %d, want 0:\n%s", code, out)
	}
	wantHeader := []string{"depth", "pid", "ppid", "executable", "cmdline", "user", "exec_time"}
	wantRow := []string{"7", "1", "bash", "bash -c x [args truncated]", "root"} // no exec_time
	for _, title := range []string{"ptrace.tracee", "process.parent"} {
		header, row := tableAfter(t, out, title)
		if strings.Join(header, "|") != strings.Join(wantHeader, "|") {
			t.Errorf("%s header %q, want %q", title, header, wantHeader)
		}
		if len(row) < 1 || strings.Join(row[1:], "|") != strings.Join(wantRow, "|") {
			t.Errorf("%s row %q, want depth then %q", title, row, wantRow)
		}
	}
}

// tableAfter returns the cells of the header and first row of the table
// under the section titled title.
func tableAfter(t *testing.T, out, title string) (header, row []string) {
	t.Helper()
	_, rest, ok := strings.Cut(out, "\n"+title+"\n")
	if !ok {
		t.Fatalf("no section %s in:\n%s", title, out)
	}
	lines := strings.SplitN(rest, "\n", 3)
	if len(lines) < 3 {
		t.Fatalf("section %s has no row:\n%s", title, out)
	}
	cells := regexp.MustCompile(`\s{2,}`)
	return cells.Split(strings.TrimSpace(lines[0]), -1), cells.Split(strings.TrimSpace(lines[1]), -1)
}
