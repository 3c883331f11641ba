package cmd

import (
	"os"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/manpage"
)

// ManOptions are the inputs of `csmctl man`.
type ManOptions struct {
	IO   *iostreams.IOStreams
	Dir  string
	Root *cobra.Command // the command tree to document
	// Date is the pages' date: nil for the built commit's, so that two
	// builds of one commit write the same pages, else SOURCE_DATE_EPOCH,
	// else now.
	Date *time.Time
}

func newManCmd(io *iostreams.IOStreams, runF func(*ManOptions) error) *cobra.Command {
	opts := &ManOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "man --dir DIR",
		Short: "Write man pages for csmctl and each of its commands",
		Long: `Write a man page (section 1) for csmctl and one for each of its commands
into DIR, created if need be: csmctl.1, csmctl-validate.1, csmctl-show.1, and
so on. Their text is the commands' --help.`,
		Example: `  csmctl man --dir man && man ./man/csmctl-show.1`,
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if opts.Dir == "" {
				return flagErrorf("--dir is required: the directory to write the pages into")
			}
			opts.Root = c.Root()
			if runF != nil {
				return runF(opts)
			}
			return runMan(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Dir, "dir", "", "write the pages into `DIR`")
	return cmd
}

func runMan(opts *ManOptions) error {
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	date := opts.Date
	if date == nil {
		date = commitTime(debug.ReadBuildInfo())
	}
	if date == nil {
		d := manpage.BuildDate()
		date = &d
	}
	header := manpage.Header{
		Section: "1",
		Date:    *date,
		Source:  "csmctl " + opts.Root.Version,
		Manual:  "csmctl manual",
	}
	if err := manpage.WriteTree(opts.Root, header, opts.Dir); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return nil
}

// commitTime is when the commit this binary was built from was made, if
// Go stamped it (a build from a git checkout); nil otherwise.
func commitTime(info *debug.BuildInfo, ok bool) *time.Time {
	if !ok {
		return nil
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.time" {
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				return &t
			}
		}
	}
	return nil
}
