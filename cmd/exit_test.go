package cmd

import (
	"errors"
	"fmt"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
)

// mergeInputErr: an input not read whole makes the run exit 2, whatever came
// before; an input with no events changes nothing.
func TestMergeInputErr(t *testing.T) {
	unreadable := &input.Error{File: "f", Err: errors.New("permission denied")}
	truncated := &input.Error{File: "f.gz", Err: errors.New("truncated gzip stream after 12 bytes")}
	empty := fmt.Errorf("wrapped: %w", input.ErrNoEvents)
	tests := []struct {
		name string
		prev error
		err  error
		want int // -1: no error
	}{
		{"first, unreadable", nil, unreadable, ExitUsage},
		{"first, truncated", nil, truncated, ExitUsage},
		{"unreadable outranks data", &ExitError{Code: ExitData}, unreadable, ExitUsage},
		{"wrapped previous", fmt.Errorf("reading: %w", &ExitError{Code: ExitUsage}), truncated, ExitUsage},
		{"empty input alone", nil, empty, -1},
		{"empty input keeps data problems", &ExitError{Code: ExitData}, empty, ExitData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mergeInputErr(tt.prev, tt.err)
			if tt.want < 0 {
				if got != nil {
					t.Errorf("mergeInputErr = %v, want nil", got)
				}
				return
			}
			var ee *ExitError
			if !errors.As(got, &ee) || ee.Code != tt.want {
				t.Errorf("mergeInputErr = %v, want exit status %d", got, tt.want)
			}
		})
	}
}
