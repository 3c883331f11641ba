package cmd

import (
	"path/filepath"
	"testing"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// Each Linux event family in its own section, in a pipe and on a
// terminal: the 49 events that cover every section, the Linux sample, and
// hostile values in every family.
func TestShowLinuxFamiliesGolden(t *testing.T) {
	files := map[string]string{
		"linux-sections": "../internal/model/testdata/linux-sections.ndjson.gz",
		"linux-events":   "../testdata/linux-events.ndjson",
		// ill-typed values as written, never a number; escapes in every family
		"linux-families-hostile": "../testdata/hostile/linux-families.ndjson",
	}
	for name, file := range files {
		for _, mode := range []struct {
			suffix string
			setup  func(*iostreams.IOStreams)
		}{{"", nil}, {"-tty", terminal(100, false)}} {
			t.Run(name+mode.suffix, func(t *testing.T) {
				out, errOut, code := runShowAt(t, mode.setup, "", file)
				if code != 0 || errOut != "" {
					t.Errorf("exit status %d, stderr %q", code, errOut)
				}
				golden.Assert(t, filepath.Join("testdata", "show-"+name+mode.suffix+".golden"), []byte(out))
			})
		}
	}
}
