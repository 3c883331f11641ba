package cmd

import (
	"fmt"
	"io"
	"sync"
)

// stdinNote is standard input on a terminal: the first time a command reads
// it, it says so on standard error, as a bare `csmctl validate` would
// otherwise seem to hang.
type stdinNote struct {
	r      io.Reader
	errOut io.Writer
	once   sync.Once
}

func (s *stdinNote) Read(p []byte) (int, error) {
	s.once.Do(func() {
		fmt.Fprintln(s.errOut, "csmctl: reading events from standard input (Ctrl-D to end)")
	})
	return s.r.Read(p)
}
