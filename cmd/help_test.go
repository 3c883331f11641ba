package cmd

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/golden"
)

// helpCommands are the commands whose --help is pinned by a golden file.
var helpCommands = [][]string{{}, {"validate"}, {"show"}, {"tree"}, {"query"}}

// TestHelpGolden pins every command's --help: what it says is read by
// people, and must stay true (checked by hand on each -update).
func TestHelpGolden(t *testing.T) {
	for _, path := range helpCommands {
		name := strings.Join(append([]string{"csmctl"}, path...), "-")
		t.Run(name, func(t *testing.T) {
			out, errOut, code := run(t, "", append(path, "--help")...)
			if code != ExitOK || errOut != "" {
				t.Fatalf("exit status %d, stderr %q", code, errOut)
			}
			golden.Assert(t, filepath.Join("testdata", "help", name+".golden"), []byte(out))
		})
	}
}
