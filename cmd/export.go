package cmd

import (
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/export"
	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/selector"
)

// ExportOptions are the inputs of `csmctl export`.
type ExportOptions struct {
	IO *iostreams.IOStreams
	EventInputs
	Format    string // parquet, csv or jsonl
	Out       string // the output directory
	Partition string // none, day or hour
	Overwrite bool
	Quiet     bool // no summary
}

func newExportCmd(io *iostreams.IOStreams, reading *input.Options, runF func(*ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "export --out DIR [FILE...]",
		Short: "Write the events as Parquet, CSV or JSON lines files for DuckDB, Spark or Athena",
		Long: `Write every selected event as one flat row (date, host, rule, event,
process, user, the family's path, key, name or destination, the ancestors,
where it was read, and the event as written) into files under DIR: Parquet
compressed with zstd (the default), CSV, or JSON lines.

--partition day or hour splits the rows by their date, in UTC, into the
hive layout Spark, Trino, Athena and DuckDB read as columns:
DIR/dt=YYYYMMDD/hour=HH/part-N.parquet. Events with no valid date go to
dt=__HIVE_DEFAULT_PARTITION__, which those engines read as NULL.

Each file is written under a hidden temporary name and renamed once
complete, so that a reader never sees half a file; an interrupted or failed
run leaves only complete files. DIR is made if missing, and refused if it
holds anything, unless --overwrite: then the part files a previous export
wrote there are removed first.

A value of the wrong type (a pid that is a string, a date that is not one)
is NULL in its column, and the event is exported all the same, whole in
event_json; the summary on standard error counts such events. export does
not check the events against the schema: csmctl validate does.

Exit status: 0 when every line was read, 1 when some were not JSON or not
events, 2 for usage errors, unreadable inputs and files that could not be
written.`,
		Example: `  csmctl export --out events examples/attack.ndjson
  csmctl export --partition hour --out archive examples/archive_20251103_0900.json.gz
  csmctl export --format csv --event exec --out execs examples/attack.ndjson`,
		RunE: func(c *cobra.Command, args []string) error {
			applyReading(&opts.Reading, reading)
			opts.Files = args
			if opts.Out == "" {
				return flagErrorf("export needs --out DIR")
			}
			if _, err := pickNamed("--format", exportFormats, opts.Format); err != nil {
				return &FlagError{Err: err}
			}
			if _, err := pickNamed("--partition", exportPartitions, opts.Partition); err != nil {
				return &FlagError{Err: err}
			}
			if _, err := selector.New(opts.Select, time.Time{}); err != nil {
				return &FlagError{Err: err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runExport(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", exportFormats[0].Name, "file `FORMAT`: "+namesOf(exportFormats))
	cmd.Flags().StringVar(&opts.Out, "out", "", "write the files into `DIR` (made if missing)")
	cmd.Flags().StringVar(&opts.Partition, "partition", exportPartitions[0].Name, "split the files into directories by date (UTC): `BY` is "+namesOf(exportPartitions))
	cmd.Flags().BoolVar(&opts.Overwrite, "overwrite", false, "write into a directory that is not empty, replacing the part files of a previous export")
	cmd.Flags().BoolVarP(&opts.Quiet, "quiet", "q", false, "do not print the summary")
	opts.Select.AddFlags(cmd.Flags())
	addWorkersFlag(cmd.Flags(), &opts.Workers)
	return cmd
}

// exportFormats are export's --format values.
var exportFormats = []outputFormat[export.Format]{
	{Name: "parquet", Help: "zstd", Printer: export.Parquet},
	{Name: "csv", Printer: export.CSV},
	{Name: "jsonl", Help: "one object a row", Printer: export.JSONL},
}

// exportPartitions are export's --partition values.
var exportPartitions = []outputFormat[export.Partitioning]{
	{Name: "none", Printer: export.NoPartition},
	{Name: "day", Help: "dt=YYYYMMDD", Printer: export.ByDay},
	{Name: "hour", Help: "dt=YYYYMMDD/hour=HH", Printer: export.ByHour},
}

func runExport(opts *ExportOptions) error {
	io := opts.IO
	format, err := pickNamed("--format", exportFormats, opts.Format)
	if err != nil {
		return &FlagError{Err: err}
	}
	partition, err := pickNamed("--partition", exportPartitions, opts.Partition)
	if err != nil {
		return &FlagError{Err: err}
	}
	p, err := startPipeline(io, opts.pipelineOptions())
	defer p.Close()
	if err != nil {
		return err
	}
	sum, err := export.Run(p, export.Options{
		Dir: opts.Out, Format: format, Partition: partition, Overwrite: opts.Overwrite,
	})
	if err != nil {
		var ne *export.DirNotEmptyError
		if errors.As(err, &ne) {
			return &FlagError{Err: err}
		}
		return &ExitError{Code: ExitUsage, Err: err}
	}
	if !opts.Quiet {
		p.Say(sum.Lines()...)
	}
	return p.Tally.Err()
}
