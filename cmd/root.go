// Package cmd wires csmctl's subcommands: each file holds one command's
// options, its cobra constructor (which only parses flags) and its run
// function (which calls into internal/).
package cmd

import (
	"errors"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// Main runs csmctl with args and returns the process exit status.
func Main(io *iostreams.IOStreams, args []string) int {
	if io.IsStdinTTY() {
		io.In = &stdinNote{r: io.In, errOut: io.ErrOut}
	}
	root := NewRootCmd(io)
	root.SetArgs(args)
	c, err := root.ExecuteC()
	var fe *FlagError
	if errors.As(err, &fe) && fe.Command == "" && c != nil {
		fe.Command = c.CommandPath() // the help that explains the mistake
	}
	return exitCode(io, err)
}

// NewRootCmd builds the command tree.
func NewRootCmd(io *iostreams.IOStreams) *cobra.Command {
	var colorFlag string
	root := &cobra.Command{
		Use:   "csmctl",
		Short: "Inspect Datadog CSM Threats (Workload Protection) events",
		Long: `csmctl reads CSM Threats agent events — NDJSON logs, JSON arrays, gzip or
zstd compressed — from files or standard input, and validates them against the
backend event schema, shows them, draws their process lineage, queries them,
counts them, lists them in time order, exports them for columnar engines, or
hunts them with the agent's own rules.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// Runnable, so that Args, not cobra, words an unknown command.
		Args:                       rejectUnknownCommand,
		RunE:                       func(c *cobra.Command, _ []string) error { return c.Help() },
		SuggestionsMinimumDistance: 2,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			mode, err := iostreams.ParseColorMode(colorFlag)
			if err != nil {
				return &FlagError{Err: err}
			}
			io.SetColorMode(mode)
			return nil
		},
	}
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.PersistentFlags().StringVar(&colorFlag, "color", "auto", "colorize output: auto, always or never (auto honours NO_COLOR)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{Err: err} })
	version := buildVersion(debug.ReadBuildInfo())
	root.Version = version
	// Declared here so that cobra does not give it -v, which tree uses.
	root.Flags().Bool("version", false, "print csmctl's version, the commit it was built from, and the Go version")

	// How every command reads its inputs: root flags, shared.
	reading := &input.Options{MaxRecord: input.DefaultMaxRecord, ReportEmpty: true}
	root.PersistentFlags().Var(byteSize{&reading.MaxRecord}, "max-record-size",
		"longest line (or array element) read; longer ones are reported and skipped")

	root.AddCommand(newValidateCmd(io, reading, nil))
	root.AddCommand(newShowCmd(io, reading, nil))
	root.AddCommand(newTreeCmd(io, reading, nil))
	root.AddCommand(newQueryCmd(io, reading, nil))
	root.AddCommand(newStatsCmd(io, reading, nil))
	root.AddCommand(newTimelineCmd(io, reading, nil))
	root.AddCommand(newExportCmd(io, reading, nil))
	root.AddCommand(newHuntCmd(io, reading, nil))
	root.AddCommand(newVersionCmd(io, version))
	root.AddCommand(newManCmd(io, nil))
	return root
}
