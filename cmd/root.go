// Package cmd wires csmctl's subcommands: each file holds one command's
// options, its cobra constructor (which only parses flags) and its run
// function (which calls into internal/).
package cmd

import (
	"errors"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// Main runs csmctl with args and returns the process exit status.
func Main(io *iostreams.IOStreams, args []string) int {
	if io.IsStdinTTY() {
		io.In = &stdinNote{r: io.In, errOut: io.ErrOut}
	}
	root := newRootCmd(io, args)
	root.SetArgs(args)
	c, err := root.ExecuteC()
	var fe *FlagError
	if errors.As(err, &fe) && fe.Command == "" && c != nil {
		fe.Command = c.CommandPath() // the help that explains the mistake
	}
	return exitCode(io, err)
}

// NewRootCmd builds the command tree.
func NewRootCmd(io *iostreams.IOStreams) *cobra.Command { return newRootCmd(io, nil) }

// commands builds csmctl's subcommands, in the order help lists them; name
// is the first word of each one's Use (TestCommandTable holds them to it).
// wholeTree marks a command that reads its siblings.
var commands = []struct {
	name      string
	wholeTree bool
	build     func(commandEnv) *cobra.Command
}{
	{name: "validate", build: func(e commandEnv) *cobra.Command { return newValidateCmd(e.io, e.reading, nil) }},
	{name: "show", build: func(e commandEnv) *cobra.Command { return newShowCmd(e.io, e.reading, nil) }},
	{name: "tree", build: func(e commandEnv) *cobra.Command { return newTreeCmd(e.io, e.reading, nil) }},
	{name: "query", build: func(e commandEnv) *cobra.Command { return newQueryCmd(e.io, e.reading, nil) }},
	{name: "stats", build: func(e commandEnv) *cobra.Command { return newStatsCmd(e.io, e.reading, nil) }},
	{name: "timeline", build: func(e commandEnv) *cobra.Command { return newTimelineCmd(e.io, e.reading, nil) }},
	{name: "export", build: func(e commandEnv) *cobra.Command { return newExportCmd(e.io, e.reading, nil) }},
	{name: "hunt", build: func(e commandEnv) *cobra.Command { return newHuntCmd(e.io, e.reading, nil) }},
	{name: "version", build: func(e commandEnv) *cobra.Command { return newVersionCmd(e.io, e.version()) }},
	{name: "man", wholeTree: true, build: func(e commandEnv) *cobra.Command { return newManCmd(e.io, nil) }},
}

// commandEnv is what the root hands its subcommands' constructors.
type commandEnv struct {
	io      *iostreams.IOStreams
	reading *input.Options // the root's input flags
	version func() string  // read from the build info on first use
}

// commandWord returns the subcommand that args name, if their first word
// after the root's flags (root, whose flags say which take a value) is one
// whose command can run without its siblings; otherwise "" (help,
// completion, man, a mistake).
func commandWord(root *pflag.FlagSet, args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "--") || a == "--" {
			for _, c := range commands {
				if c.name == a && !c.wholeTree {
					return a
				}
			}
			return ""
		}
		name, _, hasValue := strings.Cut(a[2:], "=")
		f := root.Lookup(name)
		if f == nil {
			return "" // --help, --version, or a mistake: the whole tree answers
		}
		if !hasValue && f.NoOptDefVal == "" {
			i++ // its value
		}
	}
	return ""
}

// newRootCmd builds the root command with only the subcommand args run
// (see commandWord), or with all of them. Defining every command's flags
// was 4 % of a one-event run (perf), so Main builds the one that runs;
// help, completion, man and unknown words see the whole tree.
func newRootCmd(io *iostreams.IOStreams, args []string) *cobra.Command {
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
	// Declared here so that cobra does not give it -v, which tree uses.
	root.Flags().Bool("version", false, "print csmctl's version, the commit it was built from, and the Go version")

	// How every command reads its inputs: root flags, shared.
	reading := &input.Options{MaxRecord: input.DefaultMaxRecord, ReportEmpty: true}
	root.PersistentFlags().Var(byteSize{&reading.MaxRecord}, "max-record-size",
		"longest line (or array element) read; longer ones are reported and skipped")

	env := commandEnv{io: io, reading: reading,
		version: sync.OnceValue(func() string { return buildVersion(debug.ReadBuildInfo()) })}
	only := commandWord(root.PersistentFlags(), args)
	if only == "" {
		root.Version = env.version() // for --version
	} else {
		root.CompletionOptions.DisableDefaultCmd = true // only "completion" runs it
	}
	for _, c := range commands {
		if only == "" || c.name == only {
			root.AddCommand(c.build(env))
		}
	}
	return root
}
