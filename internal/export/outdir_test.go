package export

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// files lists the files below root, relative, in order.
func files(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeFile(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOutDirRefusesFiles(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "notes.txt"))
	_, err := openOutDir(root, CSV, false)
	var ne *DirNotEmptyError
	if !errors.As(err, &ne) || ne.Dir != root {
		t.Fatalf("error %v, want a DirNotEmptyError for %s", err, root)
	}
	if got := files(t, root); !slices.Equal(got, []string{"notes.txt"}) {
		t.Errorf("files %v: a refused directory must be left alone", got)
	}
}

func TestOutDirMakesMissing(t *testing.T) {
	root := filepath.Join(t.TempDir(), "a", "b")
	if _, err := openOutDir(root, CSV, false); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		t.Fatalf("%s not made: %v", root, err)
	}
}

// --overwrite removes what an export wrote, in every format and every
// partition, and its partition directories once empty, and nothing else.
func TestOutDirOverwrite(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{
		"part-0.parquet", "part-12.csv", "dt=20251103/part-0.jsonl",
		"dt=20251103/hour=09/part-0.parquet", "dt=20251103/hour=09/.part-1.parquet.123.tmp",
		"dt=__HIVE_DEFAULT_PARTITION__/hour=__HIVE_DEFAULT_PARTITION__/part-0.parquet",
		// kept: not export's, or not where export writes
		"notes.txt", "part-0.parquet.bak", "dt=20251104/_SUCCESS", "other/part-0.parquet", "partx-0.csv",
	} {
		writeFile(t, filepath.Join(root, f))
	}
	if _, err := openOutDir(root, Parquet, true); err != nil {
		t.Fatal(err)
	}
	want := []string{"dt=20251104/_SUCCESS", "notes.txt", "other/part-0.parquet", "part-0.parquet.bak", "partx-0.csv"}
	if got := files(t, root); !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	for _, gone := range []string{"dt=20251103", "dt=__HIVE_DEFAULT_PARTITION__"} {
		if _, err := os.Stat(filepath.Join(root, gone)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: emptied partition directory not removed (%v)", gone, err)
		}
	}
}

// A file is under a hidden temporary name until committed, then numbered
// in its partition; abort removes what is not committed and refuses more.
func TestOutDirCommitAbort(t *testing.T) {
	root := t.TempDir()
	d, err := openOutDir(root, JSONL, false)
	if err != nil {
		t.Fatal(err)
	}
	a, err := d.create("dt=20251103")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Write([]Row{{EventJSON: "{}"}}); err != nil {
		t.Fatal(err)
	}
	got := files(t, root)
	if len(got) != 1 || !partFile.Get().MatchString(filepath.Base(got[0])) || filepath.Base(got[0])[0] != '.' {
		t.Fatalf("files %v, want one hidden temporary file", got)
	}
	if err := d.commit(a); err != nil {
		t.Fatal(err)
	}
	b, _ := d.create("dt=20251103")
	c, _ := d.create("")
	if err := d.commit(c); err != nil {
		t.Fatal(err)
	}
	d.abort()
	if err := d.commit(b); err == nil {
		t.Error("commit after abort: no error")
	}
	if _, err := d.create("dt=20251104"); !errors.Is(err, errAborted) {
		t.Errorf("create after abort: %v, want errAborted", err)
	}
	want := []string{"dt=20251103/part-0.jsonl", "part-0.jsonl"}
	if got := files(t, root); !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	if d.files != 2 {
		t.Errorf("%d files counted, want 2", d.files)
	}
}
