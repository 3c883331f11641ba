package cmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/csmctl/csmctl/internal/input"
)

// checkOutput checks an -o value against the formats a command writes.
func checkOutput(got string, formats ...string) error {
	if slices.Contains(formats, got) {
		return nil
	}
	want := formats[len(formats)-1]
	if len(formats) > 1 {
		want = strings.Join(formats[:len(formats)-1], ", ") + " or " + want
	}
	return fmt.Errorf("invalid output format %q: want %s", got, want)
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
