package cmd

import (
	"errors"
	"fmt"

	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/render"
)

// Exit statuses, like grep's and jq's.
const (
	ExitOK    = 0 // everything was fine
	ExitData  = 1 // the data had problems: invalid events, unparseable lines
	ExitUsage = 2 // bad flags or arguments, or an input that could not be read

	// jq's own statuses, which query keeps.
	ExitFalsy   = 1 // -e: the last output was false or null
	ExitCompile = 3 // the filter does not compile
	ExitNoValue = 4 // -e: there was no output
	ExitRuntime = 5 // the filter failed on some input
)

// ExitError ends the command with a status. A silent one has already told
// the user what went wrong; otherwise its message is printed.
type ExitError struct {
	Code   int
	Err    error
	Silent bool
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// errDataProblems ends a command whose problems were all reported already.
var errDataProblems = &ExitError{Code: ExitData, Silent: true}

// errReported ends a command after an input error that was reported already.
var errReported = &ExitError{Code: ExitUsage, Silent: true}

// FlagError is a usage mistake: the user gets the message and a pointer to --help.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

func flagErrorf(format string, a ...any) error {
	return &FlagError{Err: fmt.Errorf(format, a...)}
}

// exitCode reports err to the user, unless it is silent, and picks the status.
func exitCode(io *iostreams.IOStreams, err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if !ee.Silent {
			fmt.Fprintf(io.ErrOut, "csmctl: %s\n", render.Sanitize(ee.Error()))
		}
		return ee.Code
	}
	fmt.Fprintf(io.ErrOut, "csmctl: %s\n", render.Sanitize(err.Error()))
	var fe *FlagError
	if errors.As(err, &fe) {
		fmt.Fprintln(io.ErrOut, "Run 'csmctl --help' for usage.")
	}
	return ExitUsage
}
