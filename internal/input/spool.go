package input

import (
	"io"
	"os"
)

// Spool copies r (standard input, say) to a temporary file, for commands
// that must read their input twice: pass the file as Open's stdin, and Seek
// it back to the start before the second Open. cleanup closes and removes it.
func Spool(r io.Reader) (f *os.File, cleanup func(), err error) {
	f, err = os.CreateTemp("", "csmctl-stdin-*")
	if err != nil {
		return nil, nil, err
	}
	cleanup = func() {
		f.Close()
		os.Remove(f.Name())
	}
	if _, err := io.Copy(f, r); err != nil {
		cleanup()
		return nil, nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		cleanup()
		return nil, nil, err
	}
	return f, cleanup, nil
}
