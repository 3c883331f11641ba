package cmd

import (
	"bufio"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/csmctl/csmctl/internal/golden"
)

// exportedFiles lists the files below dir, relative, hidden ones included.
func exportedFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

// TestExportGolden pins what a user reads of export: the summary, and the
// CSV, JSON lines and Parquet schema of two events.
func TestExportGolden(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		file   string // the file whose content is pinned; "" for stderr
		code   int
		golden string
	}{
		{"summary", []string{"--format", "csv", "--partition", "hour", "../examples/kinds.ndjson", "../testdata/hostile/ill-typed-pids.ndjson", "../testdata/hostile/garbage.ndjson"}, "", ExitData, "export-summary.golden"},
		{"csv", []string{"--format", "csv", "--line", "1-2", "../examples/attack.ndjson"}, "part-0.csv", ExitOK, "export-csv.golden"},
		{"jsonl", []string{"--format", "jsonl", "--line", "1-2", "../examples/attack.ndjson"}, "part-0.jsonl", ExitOK, "export-jsonl.golden"},
		{"parquet", []string{"--line", "1-2", "../examples/attack.ndjson"}, "part-0.parquet", ExitOK, "export-parquet-schema.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			out, errOut, code := run(t, "", append([]string{"export", "--out", dir}, tt.args...)...)
			if code != tt.code || out != "" {
				t.Fatalf("exit %d, want %d; stdout %q; stderr:\n%s", code, tt.code, out, errOut)
			}
			got := []byte(strings.ReplaceAll(errOut, dir, "OUT"))
			switch {
			case strings.HasSuffix(tt.file, ".parquet"):
				f, err := os.Open(filepath.Join(dir, tt.file))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				st, _ := f.Stat()
				pf, err := parquet.OpenFile(f, st.Size())
				if err != nil {
					t.Fatal(err)
				}
				got = []byte(pf.Schema().String() + "\n")
			case tt.file != "":
				var err error
				if got, err = os.ReadFile(filepath.Join(dir, tt.file)); err != nil {
					t.Fatal(err)
				}
			}
			golden.Assert(t, filepath.Join("testdata", tt.golden), got)
		})
	}
}

func TestExportUsage(t *testing.T) {
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "notes.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"export", "../examples/attack.ndjson"}, "csmctl: export needs --out DIR\n"},
		{[]string{"export", "--out", "x", "--format", "orc"}, `csmctl: invalid --format "orc": want parquet, csv or jsonl` + "\n"},
		{[]string{"export", "--out", "x", "--partition", "minute"}, `csmctl: invalid --partition "minute": want none, day or hour` + "\n"},
		{[]string{"export", "--out", full, "../examples/attack.ndjson"}, "csmctl: " + full + ": output directory is not empty (--overwrite replaces the files a previous export wrote)\n"},
	}
	for _, tt := range tests {
		_, errOut, code := run(t, "", tt.args...)
		want := tt.want + "Run 'csmctl export --help' for usage.\n"
		if code != ExitUsage || errOut != want {
			t.Errorf("%v: exit %d, stderr %q; want 2, %q", tt.args, code, errOut, want)
		}
	}
	if got := exportedFiles(t, full); len(got) != 1 {
		t.Errorf("a refused directory was written into: %v", got)
	}
}

// --overwrite replaces a previous export's files: no part of the first run
// is left to mix with the second.
func TestExportOverwrite(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, code := run(t, "", "export", "--partition", "hour", "--out", dir, "../examples/kinds.ndjson"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, errOut, code := run(t, "", "export", "--overwrite", "--out", dir, "../examples/attack.ndjson"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got := exportedFiles(t, dir); strings.Join(got, " ") != "part-0.parquet" {
		t.Errorf("files %v, want the second run's part-0.parquet only", got)
	}
}

// An interrupted export leaves no temporary file: the files complete so
// far, if any, and nothing else. The binary runs on standard input that
// stays open, so that it is caught while writing.
func TestExportInterruptLeavesNoTempFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds csmctl")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			cmd := exec.Command(csmctlBinary(t), "export", "--partition", "hour", "--out", dir)
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			events, err := os.Open("../examples/kinds.ndjson")
			if err != nil {
				t.Fatal(err)
			}
			defer events.Close()
			sc := bufio.NewScanner(events)
			sc.Buffer(nil, 1<<20)
			// Enough events that a batch is written while stdin is open.
			for range 600 {
				if _, err := events.Seek(0, 0); err != nil {
					t.Fatal(err)
				}
				sc = bufio.NewScanner(events)
				for sc.Scan() {
					if _, err := stdin.Write(append(sc.Bytes(), '\n')); err != nil {
						t.Fatal(err)
					}
				}
			}
			deadline := time.Now().Add(20 * time.Second)
			for !hasTemp(exportedFiles(t, dir)) {
				if time.Now().After(deadline) {
					t.Fatalf("no temporary file appeared: %v", exportedFiles(t, dir))
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			stdin.Close()
			ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if err == nil || !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("%v: want the process ended by the signal", err)
			}
			if got := exportedFiles(t, dir); hasTemp(got) {
				t.Errorf("files left: %v", got)
			}
		})
	}
}

func hasTemp(files []string) bool {
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), ".") {
			return true
		}
	}
	return false
}
