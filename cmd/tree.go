package cmd

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/render"
	"github.com/csmctl/csmctl/internal/selector"
	"github.com/csmctl/csmctl/internal/treeview"
)

// TreeOptions are the inputs of `csmctl tree`.
type TreeOptions struct {
	IO *iostreams.IOStreams
	EventInputs
	Output   string // text, json, dot or mermaid
	ASCII    bool
	Verbose  bool
	HitsOnly bool
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
event. So --limit limits the hits, not the reading: every line is still read,
and a bad line after the limit still sets the exit status to 1 (show and query
stop reading there). The tree then shows only the processes with hits, their
ancestors and their descendants; --hits-only also drops the descendants
without hits.

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
			if _, err := pickOutput(treeOutputs, opts.Output); err != nil {
				return &FlagError{Err: err}
			}
			// Check the selectors now; durations are resolved once the
			// input has been read for its last date.
			if _, err := selector.New(opts.Select, time.Time{}); err != nil {
				return &FlagError{Err: err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runTree(opts)
		},
	}
	addOutputFlag(cmd.Flags(), &opts.Output, treeOutputs)
	cmd.Flags().BoolVar(&opts.ASCII, "ascii", false, "draw the tree with ASCII characters instead of box drawing")
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "add command lines, and list each event under its process instead of counts by rule")
	cmd.Flags().BoolVar(&opts.HitsOnly, "hits-only", false, "drop the processes with no hit and no hit below them")
	cmd.Flags().IntVar(&opts.MaxProcesses, "max-processes", defaultMaxProcesses, "keep at most this many distinct processes (0: no bound); past it, events of new processes are left out")
	opts.Select.AddFlags(cmd.Flags())
	addWorkersFlag(cmd.Flags(), &opts.Workers)
	return cmd
}

// treeOutputs are tree's -o formats, each a printer of the forests.
var treeOutputs = []outputFormat[func(render.TreeStyle) treeview.Printer]{
	{Name: "text", Printer: treeview.TextPrinter},
	{Name: "json", Printer: treeview.JSONPrinter},
	{Name: "dot", Help: "Graphviz", Printer: treeview.DOTPrinter},
	{Name: "mermaid", Printer: treeview.MermaidPrinter},
}

func runTree(opts *TreeOptions) error {
	io := opts.IO
	newPrinter, p, err := startEvents(io, &opts.EventInputs, treeOutputs, opts.Output)
	defer p.Close()
	if err != nil {
		return err
	}
	err = treeview.Run(p, io.Out, treeview.Options{
		Print:        newPrinter(treeview.Style(io, opts.ASCII, opts.Verbose)),
		Selecting:    opts.Select.Active(),
		HitsOnly:     opts.HitsOnly,
		MaxProcesses: opts.MaxProcesses,
	})
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return p.Tally.Err()
}
