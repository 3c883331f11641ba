package input

import (
	"io"
	"os"
)

// Spool copies r (standard input, say) to a temporary file, for commands
// that must read their input twice: pass the file as Open's stdin, and Seek
// it back to the start before the second Open. cleanup closes it.
//
// The file is removed from its directory as soon as it is made (where the
// system allows it, as every Unix does): the open file lives on until the
// process ends, however it ends — `| head -1`, Ctrl-C, a kill — and no copy
// of the input is left behind. Elsewhere it is removed by cleanup.
func Spool(r io.Reader) (f *os.File, cleanup func(), err error) {
	f, cleanup, err = TempFile("csmctl-stdin-*")
	if err != nil {
		return nil, nil, err
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

// TempFile makes a temporary file in $TMPDIR (pattern as os.CreateTemp
// takes it), removed from its directory as soon as it is made where the
// system allows it, so that nothing is left behind however the process
// ends; elsewhere cleanup removes it. cleanup also closes it.
func TempFile(pattern string) (f *os.File, cleanup func(), err error) {
	f, err = os.CreateTemp("", pattern)
	if err != nil {
		return nil, nil, err
	}
	unlinked := os.Remove(f.Name()) == nil
	cleanup = func() {
		f.Close()
		if !unlinked {
			os.Remove(f.Name())
		}
	}
	return f, cleanup, nil
}
