package input

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// entry is one input to read, or the error met while listing it.
type entry struct {
	path string
	err  error
}

// inputExts are the names of event files, as Datadog archives
// (archive_….json.gz) and agent logs (….ndjson, ….log) are named; each may
// be followed by a compression suffix.
var inputExts = []string{".json", ".ndjson", ".jsonl", ".log"}

var compressionExts = []string{".gz", ".zst", ".zstd"}

// errNoFiles is a directory with no event file below it.
var errNoFiles = emptyError("no files to read: event files are named *.json, *.ndjson, *.jsonl or *.log, each maybe .gz or .zst")

// emptyError is an input with nothing in it to read: it is ErrNoEvents.
type emptyError string

func (e emptyError) Error() string        { return string(e) }
func (e emptyError) Is(target error) bool { return target == ErrNoEvents }

// isInputName reports whether a file found in a directory is read.
func isInputName(name string) bool {
	if strings.HasPrefix(name, ".") {
		return false
	}
	lower := strings.ToLower(name)
	for _, c := range compressionExts {
		lower = strings.TrimSuffix(lower, c)
	}
	for _, e := range inputExts {
		if strings.HasSuffix(lower, e) {
			return true
		}
	}
	return false
}

// walkDir lists the input files below dir, recursively, in name order
// (a downloaded archive tree, dt=…/hour=…/archive_….json.gz, reads in time
// order). Hidden files and directories are skipped; so are files whose
// names do not look like event files. Symbolic links are followed, to files
// and to directories, except to a directory the walk is already inside,
// which would loop. Listing errors become entries, so they are reported in
// place and the rest is still read.
func walkDir(dir string) []entry {
	w := &dirWalk{}
	fi, err := os.Stat(dir)
	if err != nil {
		return []entry{{path: dir, err: err}}
	}
	w.walk(dir, fi)
	return w.out
}

// dirWalk is one walkDir's state.
type dirWalk struct {
	out  []entry
	path []os.FileInfo // the directories being listed, outermost first
}

func (w *dirWalk) walk(dir string, info os.FileInfo) {
	for _, above := range w.path {
		if os.SameFile(above, info) {
			return // a link back up: following it would loop
		}
	}
	w.path = append(w.path, info)
	defer func() { w.path = w.path[:len(w.path)-1] }()

	list, err := os.ReadDir(dir)
	if err != nil {
		w.out = append(w.out, entry{path: dir, err: err})
	}
	for _, d := range list { // what could be listed, even after an error
		name := d.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		typ := d.Type()
		if typ&fs.ModeSymlink != 0 || typ.IsDir() {
			fi, err := os.Stat(p) // follows the link
			if err != nil {
				if isInputName(name) { // a dangling link to an event file
					w.out = append(w.out, entry{path: p, err: err})
				}
				continue
			}
			if fi.IsDir() {
				w.walk(p, fi)
				continue
			}
			typ = fi.Mode().Type()
		}
		if typ.IsRegular() && isInputName(name) {
			w.out = append(w.out, entry{path: p})
		}
	}
}
