package cmd

import (
	"errors"
	"fmt"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/pipeline"
)

// statusError is an error from elsewhere that carries its exit status.
type statusError struct{ code int }

func (e *statusError) Error() string { return fmt.Sprintf("status %d", e.code) }
func (e *statusError) ExitCode() int { return e.code }

// exitCode takes the status an error carries, wrapped or not, and prints
// the message unless the error was reported already.
func TestExitCode(t *testing.T) {
	tally := &pipeline.Tally{Problems: 3}
	unread := &pipeline.Tally{Problems: 3, Unread: 1}
	tests := []struct {
		name    string
		err     error
		want    int
		wantErr string // what standard error shows
	}{
		{"nil", nil, ExitOK, ""},
		{"plain error", errors.New("boom"), ExitUsage, "csmctl: boom\n"},
		{"data problems reported", tally.Err(), ExitData, ""},
		{"wrapped data problems", fmt.Errorf("show: %w", tally.Err()), ExitData, ""},
		{"unread input outranks data", unread.Err(), ExitUsage, ""},
		{"input error", &input.Error{File: "f", Err: errors.New("permission denied")}, ExitUsage, "csmctl: f: permission denied\n"},
		{"wrapped status of another package", fmt.Errorf("running: %w", &statusError{code: 5}), 5, "csmctl: running: status 5\n"},
		{"silent exit error", &ExitError{Code: ExitNoValue, Silent: true}, ExitNoValue, ""},
		{"exit error with a message", &ExitError{Code: ExitData, Err: errors.New("bad \x1b data")}, ExitData, "csmctl: bad \\x1b data\n"},
		{"usage error from the pipeline", &pipeline.UsageError{Err: errors.New("bad --line")}, ExitUsage, "csmctl: bad --line\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, stderr := iostreams.Test()
			if got := exitCode(ios, tt.err); got != tt.want {
				t.Errorf("exitCode = %d, want %d", got, tt.want)
			}
			if got := stderr.String(); got != tt.wantErr {
				t.Errorf("stderr = %q, want %q", got, tt.wantErr)
			}
		})
	}
}
