package cmd

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/render"
)

// ShowOptions are the inputs of `csmctl show`.
type ShowOptions struct {
	IO *iostreams.IOStreams
	EventInputs
	Output string // text or json
	// Verbose adds each ancestor's full details under the lineage table.
	Verbose bool
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
and agent (on Linux, the rule's expression with what it matched marked
[[so]]), matched rules, a Linux event's family (network, dns, signal,
ptrace, mount, ...: what happened on one line, then every field as written,
signal names, modes and protections decoded beside them), the process and
its ancestor chain (nearest first; -v adds each ancestor's details), file,
registry key, permission change (old and new security descriptors as a line
diff), exit, container, user, rule variables, and any field the schema does
not know or whose type is wrong ("other fields"). A part with rows of its
own also shows every other property it has, with its dotted key: nothing in
an event is hidden.

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
			if _, err := pickOutput(showOutputs, opts.Output); err != nil {
				return &FlagError{Err: err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runShow(opts)
		},
	}
	addOutputFlag(cmd.Flags(), &opts.Output, showOutputs)
	opts.Select.AddFlags(cmd.Flags())
	addWorkersFlag(cmd.Flags(), &opts.Workers)
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "add every property of each ancestor under the lineage table")
	return cmd
}

// showOutputs are show's -o formats, each a printer of events.
var showOutputs = []outputFormat[func(render.ShowLayout) pipeline.EventPrinter]{
	{Name: "text", Help: "tables", Printer: render.ShowTextPrinter},
	{Name: "json", Help: "the selected events, one per line", Printer: render.ShowJSONPrinter},
}

func runShow(opts *ShowOptions) error {
	io := opts.IO
	newPrinter, p, err := startEvents(io, &opts.EventInputs, showOutputs, opts.Output)
	defer p.Close()
	if err != nil {
		return err
	}
	printer := newPrinter(render.ShowLayout{
		Table: render.TableOptions{
			TTY:     io.IsStdoutTTY(),
			Width:   io.TerminalWidth(),
			Palette: io.Palette(),
		},
		Now:     opts.Now(),
		Verbose: opts.Verbose,
	})
	if err := pipeline.PrintEvents(p, io.Out, printer); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return p.Tally.Err()
}
