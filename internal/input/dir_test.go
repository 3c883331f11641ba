package input_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
)

// tree makes files (name to content), directories (a name ending in /) and
// symbolic links (name to "-> target") under a new directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		switch target, isLink := strings.CutPrefix(content, "-> "); {
		case isLink:
			err = os.Symlink(target, p)
		case strings.HasSuffix(name, "/"):
			err = os.MkdirAll(p, 0o755)
		default:
			err = os.WriteFile(p, []byte(content), 0o644)
		}
		if err != nil {
			t.Skipf("cannot make %s here: %v", name, err)
		}
	}
	return dir
}

// Symbolic links in a directory are followed, to files and to directories,
// and a link back up the tree is not followed around the loop.
func TestDirectorySymlinks(t *testing.T) {
	outside := tree(t, map[string]string{
		"real.json":      `{"n":"linked file"}` + "\n",
		"sub/deep.json":  `{"n":"linked dir"}` + "\n",
		"notes.txt":      "not events\n",
		"loop/up":        "-> ..",
		"loop/self":      "-> .",
		"loop/inner.log": `{"n":"in the loop"}` + "\n",
	})
	dir := tree(t, map[string]string{
		"a.json":       `{"n":"plain"}` + "\n",
		"b.json":       "-> " + filepath.Join(outside, "real.json"),
		"c":            "-> " + filepath.Join(outside, "sub"),
		"d.json":       "-> " + filepath.Join(outside, "gone.json"), // dangling
		"e.txt":        "-> " + filepath.Join(outside, "notes.txt"), // not an event file's name
		"f":            "-> " + filepath.Join(outside, "loop"),
		".hidden.json": "-> " + filepath.Join(outside, "real.json"),
	})
	ev := events(t, input.Open([]string{dir}, nil, input.Options{}))
	var got []string
	for _, e := range ev {
		if e.err != nil {
			got = append(got, e.err.Error())
			continue
		}
		got = append(got, strings.TrimPrefix(e.rec.File, dir+string(filepath.Separator))+" "+string(e.rec.Data))
	}
	want := []string{
		`a.json {"n":"plain"}`,
		`b.json {"n":"linked file"}`,
		`c/deep.json {"n":"linked dir"}`,
		filepath.Join(dir, "d.json") + ": no such file or directory",
		// f/self is f: a loop. f/up is outside/, not above f in the walk:
		// read; but its loop/ is f, which the walk is inside: a loop.
		`f/inner.log {"n":"in the loop"}`,
		`f/up/real.json {"n":"linked file"}`,
		`f/up/sub/deep.json {"n":"linked dir"}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// With ReportEmpty, an input with no record and a directory with no event
// file are named, in place, as ErrNoEvents; the inputs around them are read.
func TestReportEmpty(t *testing.T) {
	dir := tree(t, map[string]string{
		"empty/":           "",
		"other/notes.txt":  "not events\n",
		"blank.ndjson":     "\n  \n",
		"empty.ndjson.gz":  string(gzipped(t, "")),
		"one.ndjson":       "{}\n",
		"hollow/x.json":    "",
		"hollow/y.ndjson":  "{}\n",
		"array/none.json":  "[]",
		"broken/bad.jsonl": "{\n",
	})
	p := func(name string) string { return filepath.Join(dir, name) }
	ev := events(t, input.Open([]string{p("empty"), p("other"), p("blank.ndjson"), p("empty.ndjson.gz"), p("one.ndjson"), p("hollow"), p("array"), p("broken")},
		nil, input.Options{ReportEmpty: true}))
	noFiles := "no files to read: event files are named *.json, *.ndjson, *.jsonl or *.log, each maybe .gz or .zst"
	want := fmt.Sprintf(`[error: %s: %s error: %s: %s error: %s: no events error: %s: no events %s:1 "{}" error: %s: no events %s:1 "{}" error: %s: no events %s:1 "{\n"]`,
		p("empty"), noFiles, p("other"), noFiles, p("blank.ndjson"), p("empty.ndjson.gz"), p("one.ndjson"),
		p("hollow/x.json"), p("hollow/y.ndjson"), p("array/none.json"), p("broken/bad.jsonl"))
	if fmt.Sprint(ev) != want {
		t.Errorf("got  %v\nwant %s", ev, want)
	}
	for _, e := range ev {
		if e.err != nil && !errors.Is(e.err, input.ErrNoEvents) {
			t.Errorf("%v is not ErrNoEvents", e.err)
		}
	}
	// Without it, nothing is said.
	if ev := events(t, input.Open([]string{p("empty"), p("blank.ndjson")}, nil, input.Options{})); len(ev) != 0 {
		t.Errorf("without ReportEmpty: %v", ev)
	}
}
