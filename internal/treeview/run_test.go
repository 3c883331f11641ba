package treeview

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/lineage"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/selector"
)

// Lines 1 and 2 disagree about the parent of pid 10; line 3 has no
// process; line 4's process is the fourth, past --max-processes 3; line 5
// is not JSON (cut short: the column is that of the line break after it).
const events = `{"evt":{"name":"exec"},"agent":{"rule_id":"a"},"process":{"pid":10,"exec_time":"2025-11-03T09:00:00Z","ancestors":[{"pid":1,"exec_time":"2025-11-03T08:00:00Z"}]}}
{"evt":{"name":"exec"},"agent":{"rule_id":"a"},"process":{"pid":10,"exec_time":"2025-11-03T09:00:00Z","ancestors":[{"pid":2,"exec_time":"2025-11-03T08:30:00Z"}]}}
{"evt":{"name":"open"},"agent":{"rule_id":"b"}}
{"evt":{"name":"exec"},"agent":{"rule_id":"a"},"process":{"pid":30,"exec_time":"2025-11-03T09:10:00Z"}}
{"evt":
`

// run runs a tree over events with a printer that says how many forests
// it drew; what the run says on standard error is marked where the
// pipeline's problem writer was called.
func run(t *testing.T, sel selector.Options, out io.Writer) (stdout, stderr string, tally pipeline.Tally, err error) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "events.ndjson")
	if err := os.WriteFile(file, []byte(events), 0o600); err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	p, perr := pipeline.New(pipeline.Options{
		Files: []string{file}, Select: sel, ErrOut: &errOut,
		BeforeReport: func() { errOut.WriteString("|") },
	})
	defer p.Close()
	if perr != nil {
		t.Fatal(perr)
	}
	var drawn bytes.Buffer
	if out == nil {
		out = &drawn
	}
	print := Printer{Write: func(w io.Writer, forests []*lineage.Forest) error {
		_, err := io.WriteString(w, "drawn\n")
		return err
	}}
	err = Run(p, out, Options{Print: print, Selecting: sel.Active(), MaxProcesses: 3})
	return drawn.String(), strings.ReplaceAll(errOut.String(), file, "FILE"), p.Tally, err
}

// Every line on standard error, the problems met reading and what the
// tree left out, goes through the one problem writer, after the drawing.
func TestRunReportsThroughThePipeline(t *testing.T) {
	tests := []struct {
		name string
		sel  selector.Options
		want string
	}{
		{
			name: "no selector",
			want: `|csmctl: FILE:5:8: invalid JSON: unexpected end of input
|csmctl: 1 sighting disagreed with earlier events, and the later won (1 about a parent, 0 about a fact)
|csmctl: 1 event without a process left out
|csmctl: 1 event named processes past the first 3, left out (--max-processes)
`,
		},
		{
			name: "a selector that matches nothing says so, last",
			sel:  selector.Options{Rules: []string{"none"}},
			want: `|csmctl: FILE:5:8: invalid JSON: unexpected end of input
|csmctl: 1 sighting disagreed with earlier events, and the later won (1 about a parent, 0 about a fact)
|csmctl: 1 event without a process left out
|csmctl: 1 event named processes past the first 3, left out (--max-processes)
|csmctl: no event matched the selectors
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			drawn, got, tally, err := run(t, tt.sel, nil)
			if err != nil {
				t.Fatal(err)
			}
			if drawn != "drawn\n" {
				t.Errorf("stdout %q, want the printer's", drawn)
			}
			if got != tt.want {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, tt.want)
			}
			// The line not JSON and the event left out.
			if tally.Problems != 2 {
				t.Errorf("tally %+v, want 2 problems", tally)
			}
		})
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// A drawing that cannot be written is the run's error, and nothing is said
// after it.
func TestRunWriteError(t *testing.T) {
	_, got, _, err := run(t, selector.Options{}, failingWriter{})
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("err = %v, want disk full", err)
	}
	if strings.Contains(got, "left out") {
		t.Errorf("stderr %q: messages after a failed drawing", got)
	}
}
