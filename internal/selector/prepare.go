package selector

import (
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/csmctl/csmctl/internal/input"
)

// Prepare does what a command must before selecting: it checks the options,
// then, when --since or --until is a duration, reads the input once to date
// its last event (standard input is kept in a temporary file to be read
// again). It returns the selector, the standard input to read events from,
// and a cleanup to defer. A *OptionsError is a usage mistake; any other
// error, a failure to keep standard input.
func Prepare(opts Options, files []string, stdin io.Reader, reading input.Options) (*Selector, io.Reader, func(), error) {
	noop := func() {}
	// Check first: a bad --line must not wait for a gigabyte to be read.
	sel, err := New(opts, time.Time{})
	if err != nil {
		return nil, nil, noop, &OptionsError{err}
	}
	if !opts.NeedsAnchor() {
		return sel, stdin, noop, nil
	}
	cleanup := noop
	var spooled *os.File
	if len(files) == 0 || slices.Contains(files, "-") {
		f, done, err := input.Spool(stdin)
		if err != nil {
			return nil, nil, noop, fmt.Errorf("reading standard input: %w", err)
		}
		spooled, stdin, cleanup = f, f, done
	}
	anchor := Anchor(input.Open(files, stdin, reading))
	if spooled != nil {
		if _, err := spooled.Seek(0, io.SeekStart); err != nil {
			cleanup()
			return nil, nil, noop, fmt.Errorf("reading standard input: %w", err)
		}
	}
	// Checked again: a duration and a time are compared only now.
	if sel, err = New(opts, anchor); err != nil {
		cleanup()
		return nil, nil, noop, &OptionsError{err}
	}
	return sel, stdin, cleanup, nil
}

// OptionsError is a selector flag that does not make sense.
type OptionsError struct{ Err error }

func (e *OptionsError) Error() string { return e.Err.Error() }
func (e *OptionsError) Unwrap() error { return e.Err }
