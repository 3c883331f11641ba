package cmd

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/progress"
	"github.com/csmctl/csmctl/internal/schema"
	"github.com/csmctl/csmctl/internal/validation"
)

// ValidateOptions are the inputs of `csmctl validate`.
type ValidateOptions struct {
	IO      *iostreams.IOStreams
	Reading input.Options // how inputs are read: the root's --max-record-size
	Files   []string
	Schema  string // a built-in schema name or a file
	Output  string // text or json
	Quiet   bool   // no summary
	Workers int
	// AllowUnknown reports unknown properties as warnings, not errors.
	AllowUnknown bool
	// ProgressAfter is how long a run goes before a progress bar shows (on
	// a terminal only); tests make it zero.
	ProgressAfter time.Duration
}

func newValidateCmd(io *iostreams.IOStreams, reading *input.Options, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{IO: io, ProgressAfter: time.Second}
	cmd := &cobra.Command{
		Use:   "validate [FILE...]",
		Short: "Check events against the CSM Threats backend event schema",
		Long: `Validate every event against the backend event JSON schema (draft 2020-12,
format "date-time" asserted) and print each problem as

  FILE:LINE: /json/pointer: message

A line that is not JSON is reported as FILE:LINE:COLUMN: invalid JSON: …, and
validation goes on with the next line. A summary goes to standard error,
with a second line counting the events by the schema that judged them when
more than one did, or when an event did not say its OS.

Each event is held to the schema of its agent.os ("linux" or "windows"); an
event without one, to the schema of the OS whose keys it has
(process.credentials, process.comm, dns… for Linux; registry,
permission_change, process.cmdline for Windows); with neither, to the Windows
schema, as a guess.

Exit status: 0 when every event is valid, 1 when any is invalid or not JSON,
2 for usage errors and unreadable inputs.`,
		Example: `  csmctl validate examples/events.ndjson
  csmctl validate -o json examples/violations.ndjson | jq -r '.errors[].path' | sort | uniq -c
  csmctl validate --allow-unknown examples/archive_20251103_0900.json.gz examples/api-export.json
  csmctl validate --schema windows examples/kinds.ndjson`,
		RunE: func(c *cobra.Command, args []string) error {
			applyReading(&opts.Reading, reading)
			opts.Files = args
			if _, err := pickOutput(validateOutputs, opts.Output); err != nil {
				return &FlagError{Err: err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runValidate(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Schema, "schema", schema.Auto, "schema: auto (by each event's agent.os, else its keys), windows, linux, or a draft 2020-12 schema `FILE`")
	cmd.Flags().BoolVar(&opts.AllowUnknown, "allow-unknown", false, "report unknown properties as warnings, not errors")
	addOutputFlag(cmd.Flags(), &opts.Output, validateOutputs)
	cmd.Flags().BoolVarP(&opts.Quiet, "quiet", "q", false, "do not print the summary")
	addWorkersFlag(cmd.Flags(), &opts.Workers)
	return cmd
}

// validateOutputs are validate's -o formats, each a printer of verdicts.
var validateOutputs = []outputFormat[func(*iostreams.Palette) validation.Printer]{
	{Name: "text", Printer: validation.TextPrinter},
	{Name: "json", Help: "one object per invalid event", Printer: validation.JSONPrinter},
}

func runValidate(opts *ValidateOptions) error {
	newPrinter, err := pickOutput(validateOutputs, opts.Output)
	if err != nil {
		return &FlagError{Err: err}
	}
	v, err := schema.Load(opts.Schema)
	if err != nil {
		return flagErrorf("--schema %s: %w", opts.Schema, err)
	}
	io := opts.IO
	bar := progress.New(io.ErrOut, io.IsStderrTTY(), io.TerminalWidth, "validating", opts.ProgressAfter)
	p, err := startPipeline(io, pipeline.Options{
		Files: opts.Files, Reading: opts.Reading,
		Workers:      opts.Workers,
		BeforeReport: bar.Clear,
	})
	defer p.Close()
	if err != nil {
		return err
	}
	err = validation.Run(p, io.Out, io.IsStdoutTTY(), validation.Options{
		Validator: v,
		Policy:    schema.Policy{AllowUnknown: opts.AllowUnknown},
		Print:     newPrinter(io.Palette()),
		Quiet:     opts.Quiet,
		Progress:  bar,
	})
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return p.Tally.Err()
}
