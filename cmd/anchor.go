package cmd

import (
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/selector"
)

// anchorInput dates the last event of the input when --since or --until is a
// duration, which counts back from it: that takes a first reading of the
// input, so standard input is kept in a temporary file to be read again.
// It returns the standard input to read events from.
func anchorInput(sel selector.Options, files []string, in io.Reader, reading input.Options) (stdin io.Reader, anchor time.Time, cleanup func(), err error) {
	stdin, cleanup = in, func() {}
	if !sel.NeedsAnchor() {
		return stdin, time.Time{}, cleanup, nil
	}
	var spooled *os.File
	if len(files) == 0 || slices.Contains(files, "-") {
		f, done, err := input.Spool(in)
		if err != nil {
			return nil, time.Time{}, nil, &ExitError{Code: ExitUsage, Err: fmt.Errorf("reading standard input: %w", err)}
		}
		spooled, stdin, cleanup = f, f, done
	}
	anchor = selector.Anchor(input.Open(files, stdin, reading))
	if spooled != nil {
		if _, err := spooled.Seek(0, io.SeekStart); err != nil {
			cleanup()
			return nil, time.Time{}, nil, &ExitError{Code: ExitUsage, Err: fmt.Errorf("reading standard input: %w", err)}
		}
	}
	return stdin, anchor, cleanup, nil
}
