package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/selector"
)

// The tally ranks problems: an input not read whole makes the run exit 2,
// whatever else happened; an input with no events changes nothing.
func TestTallyExitCode(t *testing.T) {
	tests := []struct {
		name  string
		tally Tally
		want  int
	}{
		{"nothing wrong", Tally{}, ExitOK},
		{"empty input alone", Tally{Empty: 1}, ExitOK},
		{"data problems", Tally{Problems: 2}, ExitData},
		{"empty input keeps data problems", Tally{Problems: 1, Empty: 1}, ExitData},
		{"unreadable input", Tally{Unread: 1}, ExitInput},
		{"unreadable outranks data", Tally{Problems: 5, Unread: 1}, ExitInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.tally.ExitCode(); got != tt.want {
				t.Errorf("ExitCode() = %d, want %d", got, tt.want)
			}
			err := tt.tally.Err()
			if tt.want == ExitOK {
				if err != nil {
					t.Errorf("Err() = %v, want nil", err)
				}
				return
			}
			var coder interface{ ExitCode() int }
			if !errors.As(fmt.Errorf("wrapped: %w", err), &coder) || coder.ExitCode() != tt.want {
				t.Errorf("Err() = %v, want an error with exit code %d", err, tt.want)
			}
		})
	}
}

// events.ndjson: good events around bad ones, one per kind of problem.
const events = `{"evt":{"name":"exec"},"agent":{"rule_id":"a"}}
{"evt":{"name":"exec"}
[1,2]
{"evt":{"name":"open"},"agent":{"rule_id":"b"}}
{"evt":{"name":"exec"},"agent":{"rule_id":"a"},"n":"x"}
{"evt":{"name":"exec"},"agent":{"rule_id":"c"}}
`

// jsonDocs is a DocDecoder for tests (query's cannot be imported here: it
// imports this package).
type jsonDocs struct{}

func (jsonDocs) Decode(s string, pos int) (any, int, *jsonscan.SyntaxError) {
	d := json.NewDecoder(strings.NewReader(s[pos:]))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, pos, &jsonscan.SyntaxError{Offset: pos, Msg: err.Error()}
	}
	return v, pos + int(d.InputOffset()), nil
}

// run prints the raw events of the text in a file with PrintEvents, standard
// output and standard error into one buffer to see their order.
func run(t *testing.T, text string, sel selector.Options, need Need) (string, *Tally) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "events.ndjson")
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	var both bytes.Buffer
	p, err := New(Options{
		Files: []string{file}, Select: sel, Workers: 3, ErrOut: &both,
		NewDoc:  func() DocDecoder { return jsonDocs{} },
		Reading: input.Options{BlockSize: 16}, // a batch a line or so
	})
	defer p.Close()
	if err != nil {
		t.Fatal(err)
	}
	print := func(buf *bytes.Buffer, ev *Event) {
		mark := " "
		if ev.Selected {
			mark = "*"
		}
		fmt.Fprintf(buf, "%s%d %s\n", mark, ev.Pos.Line, ev.Raw)
	}
	if err := PrintEvents(p, &both, EventPrinter{Need: need, Print: print}); err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(both.String(), file, "FILE"), &p.Tally
}

func TestEventsReportProblemsInOrder(t *testing.T) {
	tests := []struct {
		name    string
		sel     selector.Options
		need    Need
		want    string
		wantErr int
	}{
		{
			name: "every event, bad ones named where they are",
			want: `*1 {"evt":{"name":"exec"},"agent":{"rule_id":"a"}}
csmctl: FILE:2:23: invalid JSON: unexpected end of input
csmctl: FILE:3: event is not a JSON object
*4 {"evt":{"name":"open"},"agent":{"rule_id":"b"}}
*5 {"evt":{"name":"exec"},"agent":{"rule_id":"a"},"n":"x"}
*6 {"evt":{"name":"exec"},"agent":{"rule_id":"c"}}
`,
			wantErr: ExitData,
		},
		{
			name: "a selector that fails on an event drops that event only",
			sel:  selector.Options{Where: `.n + 1 > 0`},
			// null + 1 is 1 in jq: only line 5, with a string n, fails.
			want: `*1 {"evt":{"name":"exec"},"agent":{"rule_id":"a"}}
csmctl: FILE:2:23: invalid JSON: unexpected end of input
csmctl: FILE:3: event is not a JSON object
*4 {"evt":{"name":"open"},"agent":{"rule_id":"b"}}
csmctl: FILE:5: --where: cannot add: string ("x") and number (1)
*6 {"evt":{"name":"exec"},"agent":{"rule_id":"c"}}
`,
			wantErr: ExitData,
		},
		{
			name: "--limit stops after the last event taken, in input order",
			sel:  selector.Options{Rules: []string{"a", "c"}, Limit: 2},
			want: `*1 {"evt":{"name":"exec"},"agent":{"rule_id":"a"}}
csmctl: FILE:2:23: invalid JSON: unexpected end of input
csmctl: FILE:3: event is not a JSON object
*5 {"evt":{"name":"exec"},"agent":{"rule_id":"a"},"n":"x"}
`,
			wantErr: ExitData,
		},
		{
			name: "unselected events too, marked",
			sel:  selector.Options{Rules: []string{"b"}, Lines: []string{"1-4"}},
			need: Need{Unselected: true},
			want: ` 1 {"evt":{"name":"exec"},"agent":{"rule_id":"a"}}
csmctl: FILE:2:23: invalid JSON: unexpected end of input
csmctl: FILE:3: event is not a JSON object
*4 {"evt":{"name":"open"},"agent":{"rule_id":"b"}}
 5 {"evt":{"name":"exec"},"agent":{"rule_id":"a"},"n":"x"}
 6 {"evt":{"name":"exec"},"agent":{"rule_id":"c"}}
`,
			wantErr: ExitData,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, tally := run(t, events, tt.sel, tt.need)
			if got != tt.want {
				t.Errorf("output:\n%s\nwant:\n%s", got, tt.want)
			}
			if code := tally.ExitCode(); code != tt.wantErr {
				t.Errorf("exit code %d, want %d", code, tt.wantErr)
			}
		})
	}
}

// An input that cannot be read is named, counted, and the others are read.
func TestRunInputError(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.ndjson")
	if err := os.WriteFile(good, []byte(`{"a":1}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.ndjson")
	var out, errOut bytes.Buffer
	p, err := New(Options{Files: []string{missing, good}, ErrOut: &errOut})
	defer p.Close()
	if err != nil {
		t.Fatal(err)
	}
	work := func(b *Batch) *Output {
		for ev := range b.Events(Need{}) {
			b.Out = append(append(b.Out, ev.Raw...), '\n')
		}
		return &b.Output
	}
	if err := Run(p, work, func(o *Output) error { return p.Emit(&out, o) }); err != nil {
		t.Fatal(err)
	}
	if want := `{"a":1}` + "\n"; out.String() != want {
		t.Errorf("stdout = %q, want %q", out.String(), want)
	}
	if want := "csmctl: " + missing + ": no such file or directory\n"; errOut.String() != want {
		t.Errorf("stderr = %q, want %q", errOut.String(), want)
	}
	if p.Tally.ExitCode() != ExitInput {
		t.Errorf("exit code %d, want %d", p.Tally.ExitCode(), ExitInput)
	}
}

// --where without a way to decode its document is the caller's mistake,
// said before anything is read, not a nil function called in a worker.
func TestNewWhereNeedsDocDecoder(t *testing.T) {
	p, err := New(Options{Select: selector.Options{Where: ".a"}, Stdin: strings.NewReader("{}\n")})
	defer p.Close()
	if err == nil || !strings.Contains(err.Error(), "NewDoc") {
		t.Fatalf("New() error = %v, want one naming Options.NewDoc", err)
	}
}

// A selector flag that makes no sense is a usage error, before any reading.
func TestNewUsageError(t *testing.T) {
	p, err := New(Options{Select: selector.Options{Lines: []string{"x"}}, Stdin: strings.NewReader("")})
	defer p.Close()
	var ue *UsageError
	if !errors.As(err, &ue) || ue.ExitCode() != ExitInput {
		t.Fatalf("New() error = %v, want a *UsageError with exit code 2", err)
	}
}

// A duration selector on standard input reads it twice, through a file
// that is gone once the run is: the events are dated from the last one, and
// nothing is left in $TMPDIR.
func TestStdinAnchorLeavesNoFile(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	stdin := `{"date":"2025-11-03T08:00:00Z","n":1}
{"date":"2025-11-03T09:30:00Z","n":2}
{"date":"2025-11-03T10:00:00Z","n":3}
`
	var out, errOut bytes.Buffer
	p, err := New(Options{Stdin: strings.NewReader(stdin), Select: selector.Options{Since: "1h"}, ErrOut: &errOut})
	if err != nil {
		p.Close()
		t.Fatal(err)
	}
	work := func(b *Batch) *Output {
		for ev := range b.Events(Need{}) {
			b.Out = append(append(b.Out, ev.Raw...), '\n')
		}
		return &b.Output
	}
	err = Run(p, work, func(o *Output) error { return p.Emit(&out, o) })
	p.Close()
	if err != nil {
		t.Fatal(err)
	}
	// An hour back from 10:00: 09:30 and 10:00.
	want := `{"date":"2025-11-03T09:30:00Z","n":2}
{"date":"2025-11-03T10:00:00Z","n":3}
`
	if out.String() != want || errOut.String() != "" {
		t.Errorf("stdout %q, stderr %q; want %q and nothing", out.String(), errOut.String(), want)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) > 0 {
		t.Errorf("left in $TMPDIR: %v", left)
	}
}

// PrintEvents reuses the output buffers of batches already written: what a
// run allocates does not grow with the output of each batch.
func TestPrintEventsReusesOutputBuffers(t *testing.T) {
	const batches, printed = 200, 64 << 10
	file := filepath.Join(t.TempDir(), "events.ndjson")
	if err := os.WriteFile(file, []byte(strings.Repeat("{}\n", batches)), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{Files: []string{file}, Workers: 1, ErrOut: io.Discard,
		Reading: input.Options{BlockSize: 16}}) // a batch a line or so
	defer p.Close()
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte{'x'}, printed)
	print := func(buf *bytes.Buffer, _ *Event) { buf.Write(chunk) }
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := PrintEvents(p, io.Discard, EventPrinter{Print: print}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	// A new buffer for each batch would be batches×printed bytes at least.
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > batches*printed/2 {
		t.Errorf("PrintEvents allocated %d bytes for %d batches of %d bytes: buffers not reused", allocated, batches, printed)
	}
}

// With Need.Scan, each value is delimited and decoded in one pass: a value
// that is not JSON stops its record, one that is not an event is reported,
// and the selectors look at the events Scan decoded.
func TestEventsScan(t *testing.T) {
	scan := func(data []byte, pos int, ev *model.Event) (int, error) {
		end, se := jsonscan.Skip(data, pos, 0)
		if se != nil {
			return end, se
		}
		m, err := model.Decode(data[pos:end])
		if err != nil {
			return end, err
		}
		*ev = *m
		return end, nil
	}
	got, tally := run(t, events, selector.Options{Rules: []string{"a", "c"}}, Need{Scan: scan})
	want := `*1 {"evt":{"name":"exec"},"agent":{"rule_id":"a"}}
csmctl: FILE:2:23: invalid JSON: unexpected end of input
csmctl: FILE:3: event is not a JSON object
*5 {"evt":{"name":"exec"},"agent":{"rule_id":"a"},"n":"x"}
*6 {"evt":{"name":"exec"},"agent":{"rule_id":"c"}}
`
	if got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
	if code := tally.ExitCode(); code != ExitData {
		t.Errorf("exit code %d, want %d", code, ExitData)
	}
}

// refusingDocs is a DocDecoder that refuses a value holding "refused", as
// query's refuses a number too long, which delimiting lets through.
type refusingDocs struct{ jsonDocs }

func (d refusingDocs) Decode(s string, pos int) (any, int, *jsonscan.SyntaxError) {
	if i := strings.Index(s[pos:], "refused"); i >= 0 {
		return nil, pos, &jsonscan.SyntaxError{Offset: pos + i, Msg: "refused"}
	}
	return d.jsonDocs.Decode(s, pos)
}

// An event --where's decoder refuses is reported where the decoder stopped,
// and not matched as if it were null.
func TestEventsWhereDecodeError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "events.ndjson")
	text := "{\"n\":1}\n{\"n\":\"refused\"}\n  {\"n\":2} {\"n\":\"refused\"}\n"
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	var both bytes.Buffer
	p, err := New(Options{
		Files: []string{file}, Select: selector.Options{Where: `. != null`}, ErrOut: &both,
		NewDoc: func() DocDecoder { return refusingDocs{} },
	})
	defer p.Close()
	if err != nil {
		t.Fatal(err)
	}
	print := func(buf *bytes.Buffer, ev *Event) { fmt.Fprintf(buf, "%d %s\n", ev.Pos.Line, ev.Raw) }
	if err := PrintEvents(p, &both, EventPrinter{Print: print}); err != nil {
		t.Fatal(err)
	}
	want := "1 {\"n\":1}\nFILE:2:7: invalid JSON: refused\n3 {\"n\":2}\nFILE:3:17: invalid JSON: refused\n"
	want = strings.ReplaceAll(want, "FILE", "csmctl: "+file)
	if got := both.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
	if code := p.Tally.ExitCode(); code != ExitData {
		t.Errorf("exit code %d, want %d", code, ExitData)
	}
}

// A command defers Close before it knows whether its pipeline started
// (cmd's startEvents returns none for an unknown -o): a nil one is closed
// without a panic.
func TestCloseNil(t *testing.T) {
	var p *Pipeline
	p.Close()
}
