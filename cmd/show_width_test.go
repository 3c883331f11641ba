package cmd

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/golden"
)

// On 80- and 60-column terminals every table of every event fits, and a
// table too wide to fit with its titles whole is laid out a row at a time.
func TestShowTableWidths(t *testing.T) {
	for _, width := range []int{80, 60} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			out, errOut, code := runShowAt(t, terminal(width, false), "", kindsFile)
			if code != 0 {
				t.Fatalf("exit status %d; stderr: %s", code, errOut)
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "  ") && len([]rune(line)) > width {
					t.Errorf("table line of %d columns on a %d-column terminal: %s", len([]rune(line)), width, line)
				}
				for _, cut := range []string{"│ executab │", "│ exec_tim │", "│ AUTHORIT │"} {
					if strings.Contains(line, cut) {
						t.Errorf("a title or word cut in two: %s", line)
					}
				}
			}
			golden.Assert(t, filepath.Join("testdata", fmt.Sprintf("show-tty%d.golden", width)), []byte(out))
		})
	}
}
