package cmd

import (
	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/timeline"
)

// TimelineOptions are the inputs of `csmctl timeline`.
type TimelineOptions struct {
	IO *iostreams.IOStreams
	EventInputs
	Output string // text, json or csv
	// Window is how many events each input holds to re-order them, and
	// the sorter before sorted runs go to disk.
	Window int
	// Exact orders every event exactly, whatever the disorder, printing
	// once the last input is read.
	Exact bool
}

func newTimelineCmd(io *iostreams.IOStreams, reading *input.Options, runF func(*TimelineOptions) error) *cobra.Command {
	opts := &TimelineOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "timeline [FILE...]",
		Short: "List every event in time order across all inputs",
		Long: `List every selected event (every selector applies), one line each, in time
order across all inputs: by instant, whatever UTC offset each host wrote,
ties in the order they were read. Events without a valid date come last,
in the order they were read, and are counted on standard error.

Columns: date (the instant in UTC, RFC 3339), host (the Datadog envelope's),
os, rule, event, outcome, pid, process (the executable's path), user,
detail (what the event was about: a file and where it went, a registry
key, a dns name, a destination ip:port, an exit code, a signal and its
target, a mount point…, as tree -v shows it), file and line where it was
read.

-o json prints one object per line with those keys (null for an empty value
or no valid date; the pid a number, or its ill-typed value as written).
-o csv prints a header row and one row per event (RFC 4180; cells as the
data has them, with no guard against spreadsheet formulas). -o text prints
aligned columns on a terminal, the rule coloured, and tab-separated lines
with no header into a pipe.

The timeline streams: each input (each file of a directory, standard input)
is re-ordered within a window of --sort-window events, and a merge across
the inputs prints an event as soon as no input can still give an earlier
one. An event earlier than one already printed (its input out of order by
more than the window) is listed after the timeline, in time order, and
counted on standard error. Late and undated events go through a sorter that
spills sorted runs to a temporary file in $TMPDIR (removed as soon as it is
made, so nothing is left behind however the run ends). With more than 32
inputs, or --limit, or --exact, the inputs are read one after another into
that sorter: the order is exact, printed once the last input is read.

Exit status: 0 when every event could be read, 1 when some line was not a
JSON object, 2 for usage errors and unreadable inputs.`,
		Example: `  csmctl timeline examples/timeline/
  csmctl timeline --rule registry_run_key_persistence examples/events.ndjson
  csmctl timeline -o csv examples/timeline/ > timeline.csv`,
		RunE: func(c *cobra.Command, args []string) error {
			applyReading(&opts.Reading, reading)
			opts.Files = args
			if _, err := pickOutput(timelineOutputs, opts.Output); err != nil {
				return &FlagError{Err: err}
			}
			if opts.Window < 0 {
				return flagErrorf("invalid --sort-window %d: want 1 or more", opts.Window)
			}
			if runF != nil {
				return runF(opts)
			}
			return runTimeline(opts)
		},
	}
	addOutputFlag(cmd.Flags(), &opts.Output, timelineOutputs)
	opts.Select.AddFlags(cmd.Flags())
	addWorkersFlag(cmd.Flags(), &opts.Workers)
	cmd.Flags().IntVar(&opts.Window, "sort-window", timeline.DefaultStreamWindow, "events each input holds to re-order them")
	cmd.Flags().BoolVar(&opts.Exact, "exact", false, "order every event exactly, however late, printing once the last input is read")
	return cmd
}

// timelineOutputs are timeline's -o formats, each a printer of events.
var timelineOutputs = []outputFormat[timeline.NewPrinter]{
	{Name: "text", Help: "aligned columns, tab-separated into a pipe", Printer: timeline.TextPrinter},
	{Name: "json", Help: "one object per event", Printer: timeline.JSONPrinter},
	{Name: "csv", Help: "a header and one row per event", Printer: timeline.CSVPrinter},
}

func runTimeline(opts *TimelineOptions) error {
	io := opts.IO
	newPrinter, p, err := startEvents(io, &opts.EventInputs, timelineOutputs, opts.Output)
	defer p.Close()
	if err != nil {
		return err
	}
	err = timeline.Run(p, timeline.Options{
		Print:  newPrinter(io.Out, timeline.Style{Palette: io.Palette(), TTY: io.IsStdoutTTY()}),
		Window: opts.Window,
		Exact:  opts.Exact,
		Limit:  opts.Select.Limit,
	})
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return p.Tally.Err()
}
