package input

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Split gives one reader per input, a directory's files each in name
// order, standard input one, and an input that cannot be listed one that
// reports it.
func TestReaderSplit(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"b.ndjson": "{\"b\":1}\n{\"b\":2}\n", "a.json": "{\"a\":1}\n", "skip.txt": "x\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := Open([]string{dir, "-", filepath.Join(dir, "missing.ndjson")}, strings.NewReader("{\"s\":1}\n"), Options{})
	var got []string
	for _, sub := range r.Split() {
		var recs []string
		var errs []string
		_ = sub.Each(func(rec *Record) error {
			recs = append(recs, filepath.Base(rec.File)+":"+string(rec.Data))
			return nil
		}, func(err error) { errs = append(errs, "error") })
		got = append(got, strings.Join(append(recs, errs...), " "))
	}
	want := []string{`a.json:{"a":1}`, `b.ndjson:{"b":1} b.ndjson:{"b":2}`, StdinName + `:{"s":1}`, "error"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}
