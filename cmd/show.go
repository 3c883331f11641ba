package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/jqlib"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/query"
	"github.com/csmctl/csmctl/internal/render"
	"github.com/csmctl/csmctl/internal/selector"
)

// ShowOptions are the inputs of `csmctl show`.
type ShowOptions struct {
	IO      *iostreams.IOStreams
	Reading input.Options // how inputs are read: the root's --max-record-size
	Files   []string
	Output  string // text or json
	Select  selector.Options
	Workers int
	// Now is the time event ages are counted from.
	Now func() time.Time
}

func newShowCmd(io *iostreams.IOStreams, reading *input.Options, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{IO: io, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "show [FILE...]",
		Short: "Show events as readable tables: rule, process lineage, file, registry, permissions, exit",
		Long: `Show each event, in file order, as a header line (date, rule, title, event
kind, FILE:LINE) followed by one table for each part the event has: the rule
and agent, matched rules, the process and its ancestor chain (nearest first),
file, registry key, permission change (old and new security descriptors as a
line diff), exit, container, user, rule variables, and any field the schema
does not know or whose type is wrong ("other fields").

On a terminal tables have borders and long values wrap to its width; a
table too wide to keep its titles and words whole is shown one row at a
time. Into a pipe, columns are aligned with spaces and values are never
wrapped or cut.
Every string from an event is escaped (\x1b, \u202e, ...) before it is
printed, in every mode.

-o json prints the selected events instead, one compact JSON object a line,
so that show's selectors can feed other tools. An event that came in a Datadog
envelope (log archive, Logs API) is printed with its envelope, so that csmctl
reading the output keeps its host.

A line that is not JSON is reported on standard error as
"csmctl: FILE:LINE:COLUMN: ..." and the events after it are still shown.

Exit status: 0 when every line was read, 1 when some were not JSON, 2 for
usage errors and unreadable inputs.`,
		Example: `  csmctl show examples/kinds.ndjson
  csmctl show --rule registry_run_key_persistence --since 2h examples/attack.ndjson
  csmctl show --line 10-12 --event exec examples/archive_20251103_0900.json.gz | less -R
  csmctl show --event exit --where '.exit.code != 0' -o json examples/attack.ndjson | jq .process.cmdline`,
		RunE: func(c *cobra.Command, args []string) error {
			applyReading(&opts.Reading, reading)
			opts.Files = args
			if err := checkOutput(opts.Output, "text", "json"); err != nil {
				return &FlagError{Err: err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runShow(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "text", "output format: text, or json (the selected events, one per line)")
	opts.Select.AddFlags(cmd.Flags())
	cmd.Flags().IntVar(&opts.Workers, "workers", runtime.GOMAXPROCS(0), "events rendered in parallel by this many workers")
	_ = cmd.Flags().MarkHidden("workers")
	return cmd
}

func runShow(opts *ShowOptions) error {
	io := opts.IO
	sel, stdin, cleanup, err := selector.Prepare(opts.Select, opts.Files, io.In, opts.Reading)
	defer cleanup()
	if err != nil {
		return selectorErr(err)
	}
	renderer := newShowRenderer(opts, sel.Anchor())
	out := &showWriter{io: io, limit: opts.Select.Limit}
	onErr := func(err error) {
		fmt.Fprintf(io.ErrOut, "csmctl: %s\n", escape.Text(err.Error()))
		out.inputErr = mergeInputErr(out.inputErr, err)
	}
	r := input.Open(opts.Files, stdin, opts.Reading)
	if err := input.Parallel(r, opts.Workers, renderer.batch, out.write, onErr); err != nil && err != errShowLimit {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	if out.inputErr != nil {
		return out.inputErr
	}
	if out.problems > 0 {
		return errDataProblems
	}
	return nil
}

// shownBatch is a batch's output, produced by a worker: the selected events
// rendered back to back, and the problems met between them.
type shownBatch struct {
	out   []byte
	items []shownItem
}

// shownItem is, in input order, a selected event (the end of its output in
// shownBatch.out) or a problem to report on stderr.
type shownItem struct {
	end     int
	problem string
}

// showRenderer decodes, selects and renders the events of batches; its
// batch method runs in several workers at once.
type showRenderer struct {
	layout render.ShowLayout
	asJSON bool
	// decode is false when the events can go out as they came in: -o json
	// with no selector that looks inside them.
	decode bool
	// filters holds selectors without --limit, one per worker at a time;
	// --limit, which counts, is applied in order by showWriter.
	filters sync.Pool
}

func newShowRenderer(opts *ShowOptions, anchor time.Time) *showRenderer {
	io, s := opts.IO, opts.Select
	asJSON := opts.Output == "json"
	r := &showRenderer{
		layout: render.ShowLayout{
			Table: render.TableOptions{
				TTY:     io.IsStdoutTTY(),
				Width:   io.TerminalWidth(),
				Palette: io.Palette(),
			},
			Now: opts.Now(),
		},
		asJSON: asJSON,
		decode: !asJSON || len(s.Rules) > 0 || len(s.Events) > 0 || len(s.PIDs) > 0 || s.Since != "" || s.Until != "",
	}
	s.Limit = 0
	r.filters.New = func() any {
		sel, _ := selector.New(s, anchor) // the options were checked by runShow
		return sel
	}
	return r
}

func (r *showRenderer) batch(b *input.Batch) shownBatch {
	defer b.Release()
	sel := r.filters.Get().(*selector.Selector)
	defer r.filters.Put(sel)
	var buf bytes.Buffer
	var items []shownItem
	var dec query.Decoder // --where's values
	problem := func(msg string) {
		items = append(items, shownItem{end: buf.Len(), problem: msg})
	}
	for i := range b.Records {
		rec := &b.Records[i]
		// Reading a record stops at its first syntax error, as validate's does.
		for val := range rec.Values() {
			if val.Err != nil {
				problem(escape.Text(val.Err.Error()))
				break
			}
			src := render.Source{File: rec.File, Line: val.Line, Host: rec.Host, LogID: rec.LogID}
			if msg, ok := r.event(&buf, sel, &dec, val.Data, rec.Envelope, src); msg != "" {
				problem(msg)
			} else if ok {
				items = append(items, shownItem{end: buf.Len()})
			}
		}
	}
	return shownBatch{out: buf.Bytes(), items: items}
}

// event renders one event to buf if sel selects it, and reports whether it
// did; or returns what was wrong with it. envelope is the Datadog envelope
// the event came in, nil for a plain event; dec decodes the event for
// --where.
func (r *showRenderer) event(buf *bytes.Buffer, sel *selector.Selector, dec *query.Decoder, value, envelope []byte, src render.Source) (problem string, shown bool) {
	file, line := src.File, src.Line
	if !sel.MatchLine(line) {
		return "", false
	}
	at := escape.Text(file) + ":" + strconv.Itoa(line) + ": "
	ev := &model.Event{}
	switch {
	case r.decode:
		text := value
		if !r.asJSON {
			text = escape.InvalidUTF8InJSON(value) // shown as \xNN, not U+FFFD
		}
		var err error
		if ev, err = model.Decode(text); err != nil {
			return at + escape.Text(err.Error()), false
		}
	case value[0] != '{':
		return at + model.ErrNotObject.Error(), false
	}
	var doc any
	if sel.NeedsDoc() {
		// The bytes as read, not as escaped for display: --where sees what
		// query's filters see, invalid UTF-8 as U+FFFD.
		doc, _, _ = dec.Decode(string(value), 0) // valid JSON: Values checked it
	}
	ok, err := sel.Match(jqlib.Location{File: file, Line: line, Host: src.Host}, ev, doc)
	if err != nil {
		return at + escape.Text(err.Error()), false
	}
	if !ok {
		return "", false
	}
	if r.asJSON {
		// With its envelope, if it had one: the host and log id it keeps
		// are what csmctl, reading the output again, needs to keep the
		// hosts' processes apart.
		if envelope != nil {
			value = envelope
		}
		buf.Write(escape.AppendCompactJSON(buf.AvailableBuffer(), value, escape.Terminal))
		buf.WriteByte('\n')
	} else {
		render.ShowEvent(buf, ev, src, r.layout)
	}
	return "", true
}

// showWriter writes the workers' results in input order: events to stdout
// until --limit is reached, problems to stderr.
type showWriter struct {
	io       *iostreams.IOStreams
	limit    int
	shown    int
	problems int
	inputErr error
}

// errShowLimit stops reading once --limit events have been shown.
var errShowLimit = errors.New("limit reached")

func (w *showWriter) write(res shownBatch) error {
	start := 0 // res.out[start:] is not written yet
	flush := func(end int) error {
		_, err := w.io.Out.Write(res.out[start:end])
		start = end
		return err
	}
	for _, it := range res.items {
		if it.problem != "" {
			if err := flush(it.end); err != nil {
				return err
			}
			if _, err := w.io.ErrOut.Write(appendDiagnostic(nil, it.problem)); err != nil {
				return err
			}
			w.problems++
			continue
		}
		w.shown++
		if w.limit > 0 && w.shown >= w.limit {
			if err := flush(it.end); err != nil {
				return err
			}
			return errShowLimit
		}
	}
	return flush(len(res.out))
}
