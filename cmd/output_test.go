package cmd

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/iostreams"
)

// registeredOutputs lists every command's -o formats, as registered.
func registeredOutputs() map[string][]string {
	names := func(n int, name func(int) string) []string {
		var out []string
		for i := range n {
			out = append(out, name(i))
		}
		return out
	}
	return map[string][]string{
		"validate": names(len(validateOutputs), func(i int) string { return validateOutputs[i].Name }),
		"show":     names(len(showOutputs), func(i int) string { return showOutputs[i].Name }),
		"tree":     names(len(treeOutputs), func(i int) string { return treeOutputs[i].Name }),
		"query":    names(len(queryOutputs), func(i int) string { return queryOutputs[i].Name }),
		"hunt":     names(len(huntOutputs), func(i int) string { return huntOutputs[i].Name }),
		"stats":    names(len(statsOutputs), func(i int) string { return statsOutputs[i].Name }),
		"timeline": names(len(timelineOutputs), func(i int) string { return timelineOutputs[i].Name }),
		"export":   names(len(exportFormats), func(i int) string { return exportFormats[i].Name }),
	}
}

// README's "Output formats" table lists exactly the -o formats the
// commands register, in their order, and each row names golden files that
// exist.
func TestOutputFormatsTable(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Output formats\n")
	if !ok {
		t.Fatal(`README.md has no "## Output formats" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	documented := map[string][]string{}
	for line := range strings.SplitSeq(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 6 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		command := strings.Trim(strings.TrimSpace(cells[1]), "`")
		format := strings.Trim(strings.TrimSpace(cells[2]), "`")
		documented[command] = append(documented[command], format)
		goldens := strings.Split(cells[4], ",")
		for _, g := range goldens {
			g = strings.Trim(strings.TrimSpace(g), "`")
			if _, err := os.Stat(filepath.Join("testdata", g)); err != nil {
				t.Errorf("%s -o %s: pinned by %q, which is not a file under cmd/testdata", command, format, g)
			}
		}
		if len(goldens) == 0 || strings.TrimSpace(cells[4]) == "" {
			t.Errorf("%s -o %s: no golden file named", command, format)
		}
	}
	registered := registeredOutputs()
	for command, want := range registered {
		if got := documented[command]; !slices.Equal(got, want) {
			t.Errorf("README lists -o %v for %s, the command registers %v", got, command, want)
		}
	}
	for command := range documented {
		if _, ok := registered[command]; !ok {
			t.Errorf("README lists -o formats for %s, which registers none", command)
		}
	}
}

// Every command's help lists its -o formats as registered, the first the
// default, and an unknown one is refused naming them all.
func TestOutputFlag(t *testing.T) {
	tests := []struct {
		command  string
		wantHelp string
		wantErr  string
	}{
		{"validate", "output format: text or json (one object per invalid event)", `invalid output format "yaml": want text or json`},
		{"show", "output format: text (tables) or json (the selected events, one per line)", `invalid output format "yaml": want text or json`},
		{"tree", "output format: text, json, dot (Graphviz) or mermaid", `invalid output format "yaml": want text, json, dot or mermaid`},
		{"query", "output format: json or table (the objects the filter yields)", `invalid output format "yaml": want json or table`},
	}
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			c, _, err := NewRootCmd(ios).Find([]string{tt.command})
			if err != nil {
				t.Fatal(err)
			}
			f := c.Flags().Lookup("output")
			if f == nil {
				t.Fatal("no -o flag")
			}
			if f.Usage != tt.wantHelp {
				t.Errorf("help %q, want %q", f.Usage, tt.wantHelp)
			}
			if want := registeredOutputs()[tt.command][0]; f.DefValue != want {
				t.Errorf("default %q, want %q", f.DefValue, want)
			}
			_, errOut, code := run(t, "", tt.command, "-o", "yaml")
			want := "csmctl: " + tt.wantErr + "\nRun 'csmctl " + tt.command + " --help' for usage.\n"
			if code != ExitUsage || errOut != want {
				t.Errorf("-o yaml: exit %d, stderr %q; want exit 2, %q", code, errOut, want)
			}
		})
	}
}
