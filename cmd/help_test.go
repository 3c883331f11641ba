package cmd

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// helpCommands are the commands whose --help is pinned by a golden file.
var helpCommands = [][]string{{}, {"validate"}, {"show"}, {"tree"}, {"query"}, {"export"}, {"hunt"}}

// TestHelpGolden pins every command's --help: what it says is read by
// people, and must stay true (checked by hand on each -update).
func TestHelpGolden(t *testing.T) {
	for _, path := range helpCommands {
		name := strings.Join(append([]string{"csmctl"}, path...), "-")
		t.Run(name, func(t *testing.T) {
			out, errOut, code := run(t, "", append(path, "--help")...)
			if code != ExitOK || errOut != "" {
				t.Fatalf("exit status %d, stderr %q", code, errOut)
			}
			golden.Assert(t, filepath.Join("testdata", "help", name+".golden"), []byte(out))
		})
	}
	// csmctl alone prints its help.
	out, errOut, code := run(t, "")
	if want, _ := os.ReadFile(filepath.Join("testdata", "help", "csmctl.golden")); code != ExitOK || errOut != "" || out != string(want) {
		t.Errorf("csmctl with no arguments: exit status %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
}

// jqOwnFunctions are functions query defines that jq itself has: its help
// does not list them as csmctl's.
var jqOwnFunctions = []string{"input_filename", "debug", "stderr"}

// TestQueryHelpListsFunctions checks query's help against the functions
// csmctl defines for filters: every one is listed, and nothing else.
func TestQueryHelpListsFunctions(t *testing.T) {
	var defined []string
	helpers, err := os.ReadFile("../internal/jqlib/helpers.jq")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(helpers), "\n") {
		if def, ok := strings.CutPrefix(line, "def "); ok {
			defined = append(defined, strings.TrimRight(strings.Fields(def)[0], ":("))
		}
	}
	var goDefined []byte
	for _, file := range []string{"../internal/query/compile.go", "../internal/jqlib/jqlib.go"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		goDefined = append(goDefined, src...)
	}
	for _, call := range strings.Split(string(goDefined), `gojq.WithFunction("`)[1:] {
		if name, _, _ := strings.Cut(call, `"`); !slices.Contains(jqOwnFunctions, name) {
			defined = append(defined, name)
		}
	}
	ios, _, _, _ := iostreams.Test()
	help := newQueryCmd(ios, nil, nil).Long
	_, list, _ := strings.Cut(help, "can call\n")
	list, _, _ = strings.Cut(list, "\nand the selector flags")
	var listed []string
	for _, line := range strings.Split(list, "\n") {
		if name, _, ok := strings.Cut(strings.TrimSpace(line), " "); ok {
			listed = append(listed, name)
		}
	}
	slices.Sort(defined)
	slices.Sort(listed)
	if len(defined) < 7 || !slices.Equal(listed, defined) {
		t.Errorf("query --help lists %v; csmctl defines %v", listed, defined)
	}
}
