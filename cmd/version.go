package cmd

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/iostreams"
)

func newVersionCmd(io *iostreams.IOStreams, version string) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print csmctl's version, the commit it was built from, and the Go version",
		Long: `Print csmctl's module version, the commit it was built from (with
"modified" when the checkout had changes not committed) and the Go version
that built it, as csmctl --version does. Go records the commit when it builds
inside a git clone; otherwise the version is "(devel)" and there is no commit.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(io.Out, "csmctl version %s\n", version)
			return err
		},
	}
}

// buildVersion words how this binary was built, from its build info: the
// module version, the VCS revision (short) and whether the checkout was
// modified, and the Go version. Go stamps the revision when it builds from
// a git checkout (go build, go install .); a test binary has none.
func buildVersion(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil {
		return "unknown (no build information)"
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	var details []string
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		details = append(details, "rev "+rev[:min(7, len(rev))])
		if settings["vcs.modified"] == "true" {
			details = append(details, "modified")
		}
	}
	if info.GoVersion != "" {
		details = append(details, info.GoVersion)
	}
	if len(details) == 0 {
		return version
	}
	return version + " (" + strings.Join(details, ", ") + ")"
}
