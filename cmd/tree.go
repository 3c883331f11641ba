package cmd

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/lineage"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/render"
	"github.com/csmctl/csmctl/internal/selector"
)

// TreeOptions are the inputs of `csmctl tree`.
type TreeOptions struct {
	IO       *iostreams.IOStreams
	Reading  input.Options // how inputs are read: the root's --max-record-size
	Files    []string
	Output   string // text, json, dot or mermaid
	ASCII    bool
	Verbose  bool
	HitsOnly bool
	Selector selector.Options
	Workers  int
	// MaxProcesses bounds the processes kept, so that a hostile input cannot
	// take all the memory; 0 means no bound.
	MaxProcesses int
}

// defaultMaxProcesses keeps tree's peak memory under 4 GiB on the worst
// input, every process new (650 to 850 bytes of peak RSS a process, see
// BENCHMARKS.md), and is 50 times the processes of a 1 GB corpus of
// real-looking events.
const defaultMaxProcesses = 5_000_000

func newTreeCmd(io *iostreams.IOStreams, reading *input.Options, runF func(*TreeOptions) error) *cobra.Command {
	opts := &TreeOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "tree [FILE...]",
		Short: "Draw the process lineage of the events, with the rules each process hit",
		Long: `Rebuild which process spawned which from the ancestor chains the events
carry, and draw it like pstree: one line per process (name, pid, user,
container, exec time as the event wrote it, and for Linux its argv0 and args
quoted as a shell reads them, cut at 60 columns), and under it the rules its
events matched, with counts (-v gives whole command lines, Windows ones too,
and lists each event: rule, event, detail, date, FILE:LINE). Processes with
hits are highlighted.

A process is its pid and exec time, so a reused pid is another process. A
process without exec_time is told apart by its pid, its parent in the chain
and its executable's path: a pid reused under one parent for another program
is another process. An exec in place (same pid, a new exec time) is drawn as
the agent's chain carries it, a child with the same pid. A pid that is not
an integer is shown as written, marked (invalid), and identifies by its
text: "123" is not 123. When events disagree about a parent or a fact, the
later event wins and the disagreement is counted on standard error. A cycle
of parents in bad data is cut, and marked ↺ where it closes.

The selectors (--rule, --pid, --event, --since, --until, --where, --line,
--limit) pick the events that count as hits; the lineage is built from every
event. The tree then shows only the processes with hits, their ancestors and
their descendants; --hits-only also drops the descendants without hits.

-o json prints an array of root processes with their children nested (Linux
ones with argv0, args, comm, tid, uid and fork_time as written); -o dot
(Graphviz) and -o mermaid draw the lineage as a picture, processes with hits
in red.

Memory grows with the distinct processes, up to about 850 bytes each at the
peak: --max-processes bounds them (5 000 000 by default, about 4 GiB; 0 for
no bound). Past it, new processes are left out, with the events that name
them, and counted on standard error.

Exit status: 0 when every event could be read, 1 when some line was not a
JSON object or processes were left out, 2 for usage errors and unreadable
inputs.`,
		Example: `  csmctl tree examples/attack.ndjson
  csmctl tree --rule registry_run_key_persistence --hits-only -v examples/attack.ndjson
  csmctl tree --pid 7040 -o json examples/attack.ndjson | jq '.[].children'
  csmctl tree -o dot examples/attack.ndjson | dot -Tsvg > tree.svg`,
		RunE: func(c *cobra.Command, args []string) error {
			applyReading(&opts.Reading, reading)
			opts.Files = args
			if opts.MaxProcesses < 0 {
				return flagErrorf("invalid --max-processes %d: want 0 (no bound) or more", opts.MaxProcesses)
			}
			if err := checkOutput(opts.Output, "text", "json", "dot", "mermaid"); err != nil {
				return &FlagError{Err: err}
			}
			// Check the selectors now; durations are resolved once the
			// input has been read for its last date.
			if _, err := selector.New(opts.Selector, time.Time{}); err != nil {
				return &FlagError{Err: err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runTree(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "text", "output format: text, json, dot (Graphviz) or mermaid")
	cmd.Flags().BoolVar(&opts.ASCII, "ascii", false, "draw the tree with ASCII characters instead of box drawing")
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "add command lines, and list each event under its process instead of counts by rule")
	cmd.Flags().BoolVar(&opts.HitsOnly, "hits-only", false, "drop the processes with no hit and no hit below them")
	cmd.Flags().IntVar(&opts.MaxProcesses, "max-processes", defaultMaxProcesses, "keep at most this many distinct processes (0: no bound); past it, events of new processes are left out")
	opts.Selector.AddFlags(cmd.Flags())
	cmd.Flags().IntVar(&opts.Workers, "workers", runtime.GOMAXPROCS(0), "events decoded in parallel by this many workers")
	_ = cmd.Flags().MarkHidden("workers")
	return cmd
}

// treeEvent is one decoded event, on its way from a worker to the builder.
type treeEvent struct {
	file string
	line int
	host string // from a Datadog envelope, "" for plain events
	ev   model.Event
	doc  any // the event as a JSON value, for --where
}

// treeBatch is one batch's decoded events and the problems met decoding it.
type treeBatch struct {
	events   []treeEvent
	problems []byte // messages for standard error
	bad      int    // values that were not JSON objects
}

func runTree(opts *TreeOptions) error {
	io := opts.IO
	sel, stdin, cleanup, err := selector.Prepare(opts.Selector, opts.Files, io.In, opts.Reading)
	defer cleanup()
	if err != nil {
		return selectorErr(err)
	}
	selecting := opts.Selector.Active()
	needsDoc := sel.NeedsDoc()

	work := func(b *input.Batch) treeBatch {
		defer b.Release()
		var res treeBatch
		for i := range b.Records {
			res.decode(&b.Records[i], needsDoc)
		}
		return res
	}

	builder := lineage.NewBuilder()
	// Only these outputs list every event; the others count them by rule.
	builder.KeepHits = opts.Verbose || opts.Output == "json"
	builder.KeepArgs = opts.Output == "json"
	builder.MaxProcesses = opts.MaxProcesses
	var bad, read int
	var inputErr error
	emit := func(res treeBatch) error {
		bad += res.bad
		read += len(res.events)
		if len(res.problems) > 0 {
			if _, err := io.ErrOut.Write(res.problems); err != nil {
				return err
			}
		}
		for i := range res.events {
			te := &res.events[i]
			n := builder.Add(te.host, &te.ev) // one forest per host: pids of two hosts never merge
			if n == nil {
				continue
			}
			if selecting {
				// Match reads agent.rule_id, evt.name, process.pid and
				// date, which lineage.Decode fills, and doc for --where.
				ok, err := sel.Match(te.line, &te.ev, te.doc)
				if err != nil {
					// As show: a data problem on this event, named, exit 1.
					if _, err := io.ErrOut.Write(appendDiagnostic(nil, fmt.Sprintf("%s:%d: %s", te.file, te.line, err))); err != nil {
						return err
					}
					bad++
				}
				if !ok {
					continue
				}
			}
			builder.Attach(n, te.file, te.line, &te.ev)
		}
		return nil
	}
	onErr := func(err error) {
		fmt.Fprintf(io.ErrOut, "csmctl: %s\n", render.Sanitize(err.Error()))
		inputErr = mergeInputErr(inputErr, err)
	}
	r := input.Open(opts.Files, stdin, opts.Reading)
	if err := input.Parallel(r, opts.Workers, work, emit, onErr); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}

	forests := builder.Forests()
	var conflicts lineage.Conflicts
	noProcess, dropped, shown := 0, 0, 0
	for _, f := range forests {
		if selecting {
			f.FocusHits()
		}
		if opts.HitsOnly {
			f.HitsOnly()
		}
		conflicts.Parent += f.Conflicts.Parent
		conflicts.Facts += f.Conflicts.Facts
		noProcess += f.NoProcess
		dropped += f.Dropped
		shown += len(f.Roots)
	}
	if err := writeTree(opts, forests); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	if c := conflicts.Total(); c > 0 {
		fmt.Fprintf(io.ErrOut, "csmctl: %d %s disagreed with earlier events, and the later won (%d about a parent, %d about a fact)\n",
			c, plural(c, "sighting", "sightings"), conflicts.Parent, conflicts.Facts)
	}
	if noProcess > 0 {
		fmt.Fprintf(io.ErrOut, "csmctl: %d %s without a process left out\n", noProcess, plural(noProcess, "event", "events"))
	}
	if dropped > 0 {
		fmt.Fprintf(io.ErrOut, "csmctl: %d %s named processes past the first %d, left out (--max-processes)\n",
			dropped, plural(dropped, "event", "events"), opts.MaxProcesses)
	}
	// With no event read (a missing file, only bad lines), the problems
	// said why already; "no match" would blame the selectors.
	if selecting && shown == 0 && read > 0 {
		fmt.Fprintln(io.ErrOut, "csmctl: no event matched the selectors")
	}
	if inputErr != nil {
		return inputErr
	}
	if bad > 0 || dropped > 0 {
		return errDataProblems
	}
	return nil
}

// decode decodes the values of one record, reporting those that cannot be.
func (res *treeBatch) decode(rec *input.Record, needsDoc bool) {
	var notEvent error // why the value just decoded is not an event
	decode := func(data []byte, pos int) (int, *jsonscan.SyntaxError) {
		res.events = append(res.events, treeEvent{file: rec.File, line: rec.Line, host: rec.Host})
		end, err := lineage.Decode(data, pos, &res.events[len(res.events)-1].ev)
		var se *jsonscan.SyntaxError
		if errors.As(err, &se) {
			res.events = res.events[:len(res.events)-1]
			return end, se
		}
		notEvent = err
		return end, nil
	}
	for val := range rec.ScanValues(decode) {
		switch {
		case val.Err != nil:
			res.bad++ // worded as every command words it
			res.problems = appendDiagnostic(res.problems, val.Err.Error())
		case notEvent != nil:
			res.events = res.events[:len(res.events)-1]
			// FILE:LINE, as show and validate name an event; a column
			// only points into a syntax error.
			res.bad++
			res.problems = appendDiagnostic(res.problems, fmt.Sprintf("%s:%d: %s", rec.File, val.Line, notEvent))
		case needsDoc:
			res.events[len(res.events)-1].doc, _ = selector.Doc(val.Data) // Decode checked the syntax
		}
	}
}

// writeTree writes the forests in the output format asked for.
func writeTree(opts *TreeOptions, forests []*lineage.Forest) error {
	io := opts.IO
	switch opts.Output {
	case "json":
		return render.WriteTreeJSON(io.Out, forests)
	case "dot":
		return render.WriteTreeDOT(io.Out, forests)
	case "mermaid":
		return render.WriteTreeMermaid(io.Out, forests)
	}
	st := render.TreeStyle{
		Palette: render.NewPalette(io.ColorEnabled()),
		ASCII:   opts.ASCII,
		Verbose: opts.Verbose,
	}
	if io.IsStdoutTTY() {
		st.Width = io.TerminalWidth()
	}
	return render.WriteTree(io.Out, forests, st)
}
