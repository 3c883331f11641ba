package cmd

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// linuxExamples holds one event of each kind the Linux agent sends, as the
// generator writes them (about 10 KB each, with full credentials and lineage).
const linuxExamples = "../examples/linux.ndjson"

// linuxKinds returns evt.name of each line of examples/linux.ndjson, in order.
func linuxKinds(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(linuxExamples)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var kinds []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var ev struct {
			Evt struct{ Name string } `json:"evt"`
		}
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, ev.Evt.Name)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return kinds
}

// Every Linux kind is valid against the Linux schema, chosen by agent.os.
func TestLinuxExamplesValidate(t *testing.T) {
	out, errOut, code := run(t, "", "validate", linuxExamples)
	if code != 0 {
		t.Errorf("exit status %d, want 0", code)
	}
	golden.Assert(t, filepath.Join("testdata", "linux", "validate.golden"), []byte(out+"--- stderr ---\n"+errOut))
}

// The lineage of the Linux kinds: text, -v and JSON.
func TestLinuxExamplesTree(t *testing.T) {
	for name, args := range map[string][]string{
		"tree":         {"--color", "never", "tree", linuxExamples},
		"tree-verbose": {"--color", "never", "tree", "-v", linuxExamples},
		"tree-json":    {"tree", "-o", "json", linuxExamples},
	} {
		t.Run(name, func(t *testing.T) {
			out, errOut, code := run(t, "", args...)
			if code != 0 {
				t.Errorf("exit status %d, want 0; stderr %q", code, errOut)
			}
			golden.Assert(t, filepath.Join("testdata", "linux", name+".golden"), []byte(out+"--- stderr ---\n"+errOut))
		})
	}
}

// show on every Linux kind, into a pipe and on a 100-column terminal.
func TestLinuxExamplesShow(t *testing.T) {
	for name, setup := range map[string]func(*iostreams.IOStreams){
		"show":     nil,
		"show-tty": terminal(100, false),
	} {
		t.Run(name, func(t *testing.T) {
			out, errOut, code := runShowAt(t, setup, "", linuxExamples)
			if code != 0 || errOut != "" {
				t.Errorf("exit status %d, stderr %q", code, errOut)
			}
			golden.Assert(t, filepath.Join("testdata", "linux", name+".golden"), []byte(out))
		})
	}
}
