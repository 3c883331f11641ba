package input

import (
	"errors"
	"fmt"
	"testing"
)

// An input not read whole ends the run with status 2; one that held no
// event is said but is no failure.
func TestErrorExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want int
	}{
		{"unreadable", &Error{File: "f", Err: errors.New("permission denied")}, 2},
		{"truncated", &Error{File: "f.gz", Err: errors.New("truncated gzip stream after 12 bytes")}, 2},
		{"no events", &Error{File: "f", Err: ErrNoEvents}, 0},
		{"no events, wrapped", &Error{File: "d", Err: fmt.Errorf("no files to read: %w", ErrNoEvents)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.ExitCode(); got != tt.want {
				t.Errorf("ExitCode() = %d, want %d", got, tt.want)
			}
		})
	}
}
