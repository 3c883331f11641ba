package cmd

import (
	"errors"
	"fmt"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
)

// mergeInputErr keeps the worst input error, whatever wraps the first.
func TestMergeInputErr(t *testing.T) {
	system := &input.Error{File: "f", Err: errors.New("permission denied")}
	corrupt := &input.Error{File: "f", Err: errors.New("gzip: invalid header"), Data: true}
	tests := []struct {
		name string
		prev error
		err  error
		want int
	}{
		{"first, the system's", nil, system, ExitUsage},
		{"first, corrupt data", nil, corrupt, ExitData},
		{"the system's outranks data", &ExitError{Code: ExitData}, system, ExitUsage},
		{"data does not lower it", &ExitError{Code: ExitUsage}, corrupt, ExitUsage},
		{"wrapped", fmt.Errorf("reading: %w", &ExitError{Code: ExitUsage}), corrupt, ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ee *ExitError
			if got := mergeInputErr(tt.prev, tt.err); !errors.As(got, &ee) || ee.Code != tt.want {
				t.Errorf("mergeInputErr = %v, want exit status %d", got, tt.want)
			}
		})
	}
}
