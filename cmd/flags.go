package cmd

import (
	"runtime"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/csmctl/csmctl/internal/input"
)

// noArgs is the argument check of the commands that take none; cobra's
// own words the mistake as an unknown command.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return flagErrorf("%s takes no arguments, got %q", c.CommandPath(), args[0])
	}
	return nil
}

// applyReading copies the root's reading options (--max-record-size, and
// naming empty inputs) into a command's once flags are parsed; root is nil
// when a test builds the command alone.
func applyReading(dst *input.Options, root *input.Options) {
	if root != nil {
		dst.MaxRecord = root.MaxRecord
		dst.ReportEmpty = root.ReportEmpty
	}
}

// addWorkersFlag registers the hidden --workers: how many batches of events
// are worked on at once (tests and benchmarks set it).
func addWorkersFlag(fs *pflag.FlagSet, workers *int) {
	fs.IntVar(workers, "workers", runtime.GOMAXPROCS(0), "batches of events worked on in parallel by this many workers")
	_ = fs.MarkHidden("workers")
}
