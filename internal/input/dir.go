package input

import (
	"io/fs"
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
// names do not look like event files. Listing errors become entries, so they
// are reported in place and the rest is still read.
func walkDir(dir string) []entry {
	var out []entry
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, entry{path: p, err: err})
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && isInputName(d.Name()) {
			out = append(out, entry{path: p})
		}
		return nil
	})
	return out
}
