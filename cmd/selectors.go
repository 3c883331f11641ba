package cmd

import (
	"errors"

	"github.com/csmctl/csmctl/internal/selector"
)

// selectorErr maps selector.Prepare's errors: a selector flag that makes no
// sense is a usage mistake; anything else failed to read standard input.
func selectorErr(err error) error {
	var oe *selector.OptionsError
	if errors.As(err, &oe) {
		return &FlagError{Err: oe.Err}
	}
	return &ExitError{Code: ExitUsage, Err: err}
}
