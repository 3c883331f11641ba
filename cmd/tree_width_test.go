package cmd

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// hitLocation is how a hit line of tree -v ends: where the event was read.
var hitLocation = regexp.MustCompile(`\.ndjson:[0-9]+$`)

// tree -v on a terminal cuts a hit's line before its FILE:LINE, never the
// FILE:LINE itself; dates are printed as the events wrote them.
func TestTreeVerboseWidths(t *testing.T) {
	const kinds = "../examples/kinds.ndjson"
	tests := []struct {
		name  string
		width int // 0: a pipe
		file  string
	}{
		{"kinds-verbose", 0, kinds},
		{"kinds-tty80", 80, kinds},
		{"kinds-tty60", 60, kinds},
		{"attack-tty80", 80, attack},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, out, _ := iostreams.Test()
			if tt.width > 0 {
				io.SetStdoutTTY(true)
				io.SetWidth(tt.width)
			}
			Main(io, []string{"--color", "never", "tree", "-v", tt.file})
			for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
				if n := len([]rune(line)); tt.width > 0 && n > tt.width {
					t.Errorf("line of %d columns on a %d-column terminal: %s", n, tt.width, line)
				}
				if strings.Contains(line, "● ") && !hitLocation.MatchString(line) {
					t.Errorf("hit line without its FILE:LINE: %s", line)
				}
			}
			golden.Assert(t, filepath.Join("testdata", "tree-"+tt.name+".golden"), out.Bytes())
		})
	}
}
