package export

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"

	"github.com/csmctl/csmctl/internal/memo"
)

// outDir is the output directory of a run. Every file is written under a
// hidden temporary name in its partition's directory and renamed to
// part-N.EXT once complete, so that a reader never sees half a file; the
// temporary files are removed on every way out (an error, a signal).
type outDir struct {
	root   string
	format Format

	mu      sync.Mutex
	temps   map[string]bool // temporary files being written
	aborted bool            // no more files: the run is being stopped
	parts   map[string]int  // partition directory: next part number
	files   int             // files complete
	bytes   int64           // bytes in them
}

// partFile matches the files export writes, in any format, and their
// temporary names.
var partFile = memo.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
	return regexp.MustCompile(`^\.?part-[0-9]+\.(parquet|csv|jsonl)(\..*\.tmp)?$`)
}}

// openOutDir makes root (and its parents) if it is missing. A directory
// that holds anything is refused, unless overwrite: then the files an
// export wrote there before (part-N.parquet, .csv, .jsonl, in root and in
// its hive partition directories) are removed, and whatever else is there
// is left alone.
func openOutDir(root string, format Format, overwrite bool) (*outDir, error) {
	if err := os.MkdirAll(root, 0o777); err != nil {
		return nil, err
	}
	d := &outDir{root: root, format: format, temps: map[string]bool{}, parts: map[string]int{}}
	if overwrite {
		return d, removeParts(root)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	if len(entries) > 0 {
		return nil, &DirNotEmptyError{Dir: root}
	}
	return d, nil
}

// DirNotEmptyError is an output directory that holds files already.
type DirNotEmptyError struct{ Dir string }

func (e *DirNotEmptyError) Error() string {
	return fmt.Sprintf("%s: output directory is not empty (--overwrite replaces the files a previous export wrote)", e.Dir)
}

// removeParts removes the files an export wrote below root, and then the
// partition directories left empty.
func removeParts(root string) error {
	var dirs []string
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if p != root {
				if !hivePartition.Get().MatchString(e.Name()) {
					return filepath.SkipDir
				}
				dirs = append(dirs, p)
			}
			return nil
		}
		if partFile.Get().MatchString(e.Name()) {
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := len(dirs) - 1; i >= 0; i-- { // the deepest first
		_ = os.Remove(dirs[i]) // fails if something else is in it: kept
	}
	return nil
}

// hivePartition matches the partition directories export makes.
var hivePartition = memo.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^(dt|hour)=`) }}

// create starts the next part file of the partition directory dir
// (relative to the root), under a temporary name.
func (d *outDir) create(dir string) (*partWriter, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.aborted {
		return nil, errAborted
	}
	full := filepath.Join(d.root, filepath.FromSlash(dir))
	if err := os.MkdirAll(full, 0o777); err != nil {
		return nil, err
	}
	n := d.parts[dir]
	d.parts[dir] = n + 1
	name := "part-" + strconv.Itoa(n) + d.format.Ext
	f, err := createTemp(full, "."+name)
	if err != nil {
		return nil, err
	}
	d.temps[f.Name()] = true
	pw := &partWriter{file: f, final: filepath.Join(full, name)}
	pw.RowWriter = d.format.New(&pw.counter)
	pw.counter.w = f
	return pw, nil
}

// createTemp makes a new file named prefix, a random number and ".tmp" in
// dir, with the permissions os.Create gives (0666 less the umask), where
// os.CreateTemp's 0600 would leave the exported files unreadable to others.
func createTemp(dir, prefix string) (*os.File, error) {
	for {
		name := filepath.Join(dir, prefix+"."+strconv.FormatUint(uint64(rand.Uint32()), 10)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// errAborted refuses a new file once the run is being stopped.
var errAborted = errors.New("export stopped")

// commit completes pw: its footer written, closed, renamed to its part
// name.
func (d *outDir) commit(pw *partWriter) error {
	err := pw.RowWriter.Close()
	if cerr := pw.file.Close(); err == nil {
		err = cerr
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if err == nil && d.aborted {
		err = errAborted
	}
	if err == nil {
		err = os.Rename(pw.file.Name(), pw.final)
	}
	if err != nil {
		_ = os.Remove(pw.file.Name())
	} else {
		d.files++
		d.bytes += pw.counter.n
	}
	delete(d.temps, pw.file.Name())
	return err
}

// abort removes every temporary file, and refuses new ones: complete
// files stay.
func (d *outDir) abort() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.aborted = true
	for name := range d.temps {
		_ = os.Remove(name)
		delete(d.temps, name)
	}
}

// partWriter is one part file being written.
type partWriter struct {
	RowWriter
	file    *os.File
	final   string
	counter countingWriter
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w interface{ Write([]byte) (int, error) }
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
