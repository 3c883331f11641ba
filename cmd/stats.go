package cmd

import (
	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/stats"
)

// StatsOptions are the inputs of `csmctl stats`.
type StatsOptions struct {
	IO *iostreams.IOStreams
	EventInputs
	Output string // text, json or csv
	By     string // --by, as given
	Keys   []stats.Key
}

func newStatsCmd(io *iostreams.IOStreams, reading *input.Options, runF func(*StatsOptions) error) *cobra.Command {
	opts := &StatsOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "stats [FILE...]",
		Short: "Count the events: by rule, event, host, process, user, day, hour…",
		Long: `Count the selected events (every selector applies), grouped by --by's
keys, comma-separated:

  rule       agent.rule_id
  event      evt.name
  category   evt.category
  outcome    evt.outcome
  os         agent.os
  host       the Datadog envelope's host
  process    process.executable.path
  user       process.user, else usr.name, else process.credentials.user
  container  container.id, else process.container.id
  day, hour  the UTC day (2025-11-03) or hour (2025-11-03T09:00:00Z) of date

A key that is absent, empty or not a string in an event has no value: null
in JSON, an empty cell in CSV and in text into a pipe, (none) on a terminal.

-o json prints one object per group, one per line: the keys, "events", and
"first" and "last", the instants (RFC 3339, in UTC) of the group's earliest
and latest event with a valid date, or null when none had one. Groups come
by events, most first, then by their values (no value first). -o csv prints
the same with a header row (RFC 4180; cells as the data has them, with no
guard against spreadsheet formulas). -o text prints a table on a terminal,
and one tab-separated line per group, with no header, into a pipe.

Without --by, -o text prints the overview: the number of events, the first
and last date and the span, the events without a valid date and the
problems with the input, the events over time (a histogram in UTC, its
bucket chosen so that it takes at most 24 lines), and the top 10 rules,
events, hosts, processes and users. It is the same into a pipe, without
colours, 80 columns wide. Without --by, -o json and -o csv print one group:
all the events.

Exit status: 0 when every event could be read, 1 when some line was not a
JSON object, 2 for usage errors and unreadable inputs.`,
		Example: `  csmctl stats examples/events.ndjson
  csmctl stats --by rule -o json examples/events.ndjson
  csmctl stats --by host,hour -o csv examples/archive_20251103_0900.json.gz`,
		RunE: func(c *cobra.Command, args []string) error {
			applyReading(&opts.Reading, reading)
			opts.Files = args
			if _, err := pickOutput(statsOutputs, opts.Output); err != nil {
				return &FlagError{Err: err}
			}
			keys, err := stats.ParseKeys(opts.By)
			if err != nil {
				return &FlagError{Err: err}
			}
			opts.Keys = keys
			if runF != nil {
				return runF(opts)
			}
			return runStats(opts)
		},
	}
	addOutputFlag(cmd.Flags(), &opts.Output, statsOutputs)
	cmd.Flags().StringVar(&opts.By, "by", "", "group by these keys, comma-separated: "+orList(stats.KeyNames()))
	opts.Select.AddFlags(cmd.Flags())
	addWorkersFlag(cmd.Flags(), &opts.Workers)
	return cmd
}

// statsOutputs are stats' -o formats, each a printer of the counts.
var statsOutputs = []outputFormat[stats.Printer]{
	{Name: "text", Help: "the overview, or a table with --by", Printer: stats.WriteText},
	{Name: "json", Help: "one object per group", Printer: stats.WriteJSON},
	{Name: "csv", Help: "a header and one row per group", Printer: stats.WriteCSV},
}

func runStats(opts *StatsOptions) error {
	io := opts.IO
	print, p, err := startEvents(io, &opts.EventInputs, statsOutputs, opts.Output)
	defer p.Close()
	if err != nil {
		return err
	}
	res, err := stats.Run(p, io.Out, stats.Options{
		Keys:     opts.Keys,
		Overview: len(opts.Keys) == 0 && opts.Output == "text",
		Limit:    opts.Select.Limit,
	})
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	if res.Overview != nil {
		res.Overview.Problems = p.Tally.Problems + p.Tally.Unread
	}
	st := stats.Style{Palette: io.Palette(), TTY: io.IsStdoutTTY()}
	if st.TTY {
		st.Width = io.TerminalWidth()
	}
	if err := print(io.Out, opts.Keys, res, st); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return p.Tally.Err()
}
