package render

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// ancestry fills a table like show's ancestor chain, with a hostile cell
// and a wide (CJK) one.
func ancestry(t *Table, p *iostreams.Palette) {
	t.Header("depth", "pid", "executable", "cmdline")
	t.Row("1", "1452", "services.exe", `"C:\Windows\System32\services.exe"`)
	t.Row("2", "22544", "powershell.exe", `"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -ExecutionPolicy Bypass -File C:\Scripts\deploy.ps1`)
	t.StyledRow(Cell{Text: "3", Style: p.Warning}, Cell{Text: "4"}, Cell{Text: "日本語.exe"}, Cell{Text: "evil \x1b]0;title\x07 \u202eexe.txt", Style: p.Error})
	t.Row("4", "", "System") // short rows are padded
}

func TestTableGolden(t *testing.T) {
	tests := []struct {
		name string
		opts TableOptions
	}{
		{"pipe", TableOptions{}},
		{"pipe-color", TableOptions{Palette: iostreams.NewPalette(true)}},
		{"pipe-indent", TableOptions{Indent: 4}},
		{"tty-80", TableOptions{TTY: true, Width: 80}},
		{"tty-80-color", TableOptions{TTY: true, Width: 80, Palette: iostreams.NewPalette(true)}},
		{"tty-40", TableOptions{TTY: true, Width: 40, Indent: 2}},
		{"tty-unlimited", TableOptions{TTY: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			p := tt.opts.Palette
			if p == nil {
				p = iostreams.NewPalette(false)
			}
			tbl := NewTable(&buf, tt.opts)
			ancestry(tbl, p)
			if err := tbl.Render(); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, filepath.Join("testdata", "table-"+tt.name+".golden"), buf.Bytes())
		})
	}
}

// Into a pipe, no value is ever cut or wrapped: every cell appears whole on
// its row.
func TestTablePipeKeepsValuesWhole(t *testing.T) {
	long := strings.Repeat(`C:\Very\Long\Path\`, 40) + "end.exe"
	var buf bytes.Buffer
	tbl := NewTable(&buf, TableOptions{Width: 40})
	tbl.Row("cmdline", long)
	tbl.Row("x", "")
	if err := tbl.Render(); err != nil {
		t.Fatal(err)
	}
	want := "cmdline  " + long + "\nx\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

// On a terminal the table fits the width, and wrapping loses nothing.
func TestTableTTYFitsWidth(t *testing.T) {
	for _, width := range []int{40, 60, 80, 120} {
		var buf bytes.Buffer
		tbl := NewTable(&buf, TableOptions{TTY: true, Width: width})
		ancestry(tbl, iostreams.NewPalette(false))
		if err := tbl.Render(); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
			if w := iostreams.DisplayWidth(line); w > width {
				t.Errorf("width %d: line is %d wide: %s", width, w, line)
			}
		}
		flat := strings.NewReplacer("│", "", " ", "", "\n", "").Replace(buf.String())
		if !strings.Contains(flat, `-ExecutionPolicyBypass-FileC:\Scripts\deploy.ps1`) {
			t.Errorf("width %d: wrapped cmdline lost characters:\n%s", width, buf.String())
		}
	}
}

func TestTableEmpty(t *testing.T) {
	var buf bytes.Buffer
	tbl := NewTable(&buf, TableOptions{TTY: true, Width: 80})
	tbl.Header("a", "b")
	if err := tbl.Render(); err != nil || buf.Len() != 0 {
		t.Errorf("a table without rows wrote %q (err %v)", buf.String(), err)
	}
}

func TestLongestWord(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"one two three", 5}, // "three"; "one " and "two " end at their spaces
		{`C:\Windows\System32\cmd.exe`, 9},
		{"--lang=en-US", 10}, // "--lang=en-" : the option's dashes do not break
		{"日本語", 6},
	}
	for _, tt := range tests {
		if got := longestWord(tt.in); got != tt.want {
			t.Errorf("longestWord(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestWrapCell(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  []string
	}{
		{"short", 10, []string{"short"}},
		{"anything", 0, []string{"anything"}},
		{`C:\Windows\System32\cmd.exe`, 12, []string{`C:\Windows\`, `System32\`, `cmd.exe`}},
		{"one two three four", 9, []string{"one two ", "three ", "four"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"日本語日本語", 5, []string{"日本", "語日", "本語"}},
		{"a-b", 1, []string{"a", "-", "b"}},
		// An option's dashes stay with its name; a dash inside a word breaks.
		{"x.exe --type=renderer --lang=en-US", 26, []string{"x.exe --type=renderer ", "--lang=en-US"}},
		{"a.exe -NoProfile -ExecutionPolicy", 20, []string{"a.exe -NoProfile ", "-ExecutionPolicy"}},
		{"2025-11-03T09:00:00Z", 12, []string{"2025-11-", "03T09:00:00Z"}},
	}
	for _, tt := range tests {
		got := wrapCell(tt.in, tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrapCell(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestFitWidths(t *testing.T) {
	tests := []struct {
		natural []int
		avail   int
		want    []int
	}{
		{[]int{5, 10, 20}, 0, []int{5, 10, 20}},
		{[]int{5, 10, 20}, 35, []int{5, 10, 20}},
		{[]int{5, 10, 80}, 60, []int{5, 10, 45}},
		{[]int{5, 70, 80}, 60, []int{5, 28, 27}},
		{[]int{30, 30}, 10, []int{8, 8}}, // never below the minimum
		{[]int{3, 30}, 10, []int{3, 8}},
	}
	for _, tt := range tests {
		got := fitWidths(tt.natural, tt.avail)
		if !equalInts(got, tt.want) {
			t.Errorf("fitWidths(%v, %d) = %v, want %v", tt.natural, tt.avail, got, tt.want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Into a pipe, columns line up by the width each cell has once escaped:
// wide characters take two columns, a combining mark none, an escaped
// control or invalid byte the four of its \xNN.
func TestTablePipeAlignsEscapedWidths(t *testing.T) {
	tests := []struct {
		name, cell string
		want       string // the row as laid out, then a row of "x" under it
	}{
		{"ascii", "cmd.exe", "cmd.exe  |\nx        |\n"},
		{"accented", "café", "café  |\nx     |\n"},
		{"wide", "日本", "日本  |\nx     |\n"},
		{"combining mark", "e\u0301", "e\u0301  |\nx  |\n"},
		{"control", "a\x1bb", `a\x1bb  |` + "\nx       |\n"},
		{"invalid UTF-8", "a\xffb", `a\xffb  |` + "\nx       |\n"},
		{"bidi override", "\u202eexe", `\u202eexe  |` + "\nx          |\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			tbl := NewTable(&buf, TableOptions{})
			tbl.Row(tt.cell, "|")
			tbl.Row("x", "|")
			if err := tbl.Render(); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.want {
				t.Errorf("got %q, want %q", buf.String(), tt.want)
			}
		})
	}
}
