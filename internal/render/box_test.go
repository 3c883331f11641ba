package render

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fatih/color"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// tablewriterBox draws the box appendBox draws, through tablewriter
// configured as csmctl configured it before it drew boxes itself: the
// reference appendBox is held to, byte for byte.
func tablewriterBox(t *Table, wrap []int) []byte {
	cells := func(row []Cell) []string {
		out := make([]string, t.cols)
		for i, c := range row {
			var b []byte
			for j, part := range wrapCell(c.Text, wrap[i]) {
				if j > 0 {
					b = append(b, '\n')
				}
				b = t.appendStyled(b, Cell{Text: part, Style: c.Style})
			}
			out[i] = string(b)
		}
		return out
	}
	var buf bytes.Buffer
	tbl := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleLight)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithTrimLine(tw.Off),
	)
	if len(t.header) > 0 {
		var header []any
		for _, c := range cells(t.header) {
			header = append(header, c)
		}
		tbl.Header(header...)
	}
	t.rows(func(row []Cell) { _ = tbl.Append(cells(row)) })
	_ = tbl.Render()
	var out []byte
	for line := range bytes.Lines(buf.Bytes()) {
		out = appendSpaces(out, t.opts.Indent)
		out = append(out, line...)
	}
	return out
}

// widthModes are the ways a terminal measures East Asian ambiguous
// characters, box drawing among them (see iostreams.eastAsianWidths).
var widthModes = []struct {
	name              string
	wide, narrowBoxes bool
}{
	{"narrow", false, false},
	{"east-asian", true, false},
	{"east-asian-narrow-boxes", true, true},
}

// inWidthMode makes both csmctl and tablewriter measure as a terminal of
// this mode would, until the test ends.
func inWidthMode(t testing.TB, wide, narrowBoxes bool) {
	restore := iostreams.SetEastAsianWidths(wide, narrowBoxes)
	saved := twwidth.IsEastAsian()
	twwidth.SetOptions(twwidth.Options{EastAsianWidth: wide, ForceNarrowBorders: wide && narrowBoxes})
	t.Cleanup(func() {
		restore()
		twwidth.SetOptions(twwidth.Options{EastAsianWidth: saved})
	})
}

// boxSpec describes a table: the tests build it only once the width mode
// is set, since a table measures its cells as they are added.
type boxSpec struct {
	opts   TableOptions
	header []string
	rows   [][]Cell
}

func (s boxSpec) table() *Table {
	tbl := NewTable(nil, s.opts)
	if s.header != nil {
		tbl.Header(s.header...)
	}
	for _, r := range s.rows {
		tbl.StyledRow(r...)
	}
	return tbl
}

func plainRow(cells ...string) []Cell {
	row := make([]Cell, len(cells))
	for i, c := range cells {
		row[i] = Cell{Text: c}
	}
	return row
}

// assertSameBox draws spec's table both ways, in every width mode.
func assertSameBox(t *testing.T, spec boxSpec) {
	t.Helper()
	for _, m := range widthModes {
		func() {
			inWidthMode(t, m.wide, m.narrowBoxes)
			tbl := spec.table()
			wrap := tbl.boxWidths()
			got := tbl.appendBox(nil, wrap)
			want := tablewriterBox(tbl, wrap)
			if !bytes.Equal(got, want) {
				t.Errorf("%s: the box differs from tablewriter's (width %d, wrap %v)\ngot:\n%s\nwant:\n%s\ngot  %q\nwant %q",
					m.name, spec.opts.Width, wrap, got, want, got, want)
			}
		}()
	}
}

func TestBoxMatchesTablewriter(t *testing.T) {
	on := iostreams.NewPalette(true)
	long := `"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -ExecutionPolicy Bypass -File C:\Scripts\deploy.ps1`
	tests := []struct {
		name string
		spec boxSpec
	}{
		{"header and rows", boxSpec{
			header: []string{"pid", "executable"},
			rows:   [][]Cell{plainRow("1452", "services.exe"), plainRow("22544", "powershell.exe")},
		}},
		{"no header", boxSpec{rows: [][]Cell{plainRow("a", "b"), plainRow("ccc", "dddd")}}},
		{"one column", boxSpec{header: []string{"name"}, rows: [][]Cell{plainRow("x"), plainRow("longer")}}},
		{"one column without header", boxSpec{rows: [][]Cell{plainRow("only")}}},
		{"one cell", boxSpec{rows: [][]Cell{plainRow("x")}}},
		{"no columns", boxSpec{rows: [][]Cell{plainRow()}}},
		{"empty cells", boxSpec{
			header: []string{"a", "", "c"},
			rows:   [][]Cell{plainRow("", "", ""), plainRow("1", "", "3")},
		}},
		{"an empty column", boxSpec{rows: [][]Cell{plainRow("a", ""), plainRow("b", "")}}},
		{"short rows", boxSpec{
			header: []string{"a", "b", "c"},
			rows:   [][]Cell{plainRow("1"), plainRow("1", "2", "3"), plainRow()},
		}},
		{"rows longer than the header", boxSpec{
			header: []string{"a"},
			rows:   [][]Cell{plainRow("1", "2", "3")},
		}},
		{"wrapped cells", boxSpec{
			opts:   TableOptions{Width: 60},
			header: []string{"depth", "cmdline"},
			rows:   [][]Cell{plainRow("1", long), plainRow("2", "short")},
		}},
		{"several wrapped cells in a row", boxSpec{
			opts: TableOptions{Width: 40},
			rows: [][]Cell{plainRow(long, "a b c d e f g h i j k l m n o p", long)},
		}},
		{"colours", boxSpec{
			opts:   TableOptions{Palette: on, Width: 50},
			header: []string{"key", "value"},
			rows: [][]Cell{
				{{Text: "pid", Style: on.Faint}, {Text: "4242", Style: on.Warning}},
				{{Text: "cmd", Style: on.Faint}, {Text: long, Style: on.Error}},
				{{Text: "", Style: on.Error}, {Text: "plain"}},
			},
		}},
		{"escaped text", boxSpec{
			rows: [][]Cell{plainRow("evil \x1b]0;title\x07 \u202eexe.txt", "tab\there\nnewline", "\xff\xfe")},
		}},
		{"wide characters", boxSpec{
			header: []string{"名前", "値"},
			rows: [][]Cell{
				plainRow("日本語.exe", "ok 👍 ok"),
				plainRow("한국", "ＡＢ"),
				plainRow("e\u0301te\u0301", "α β γ"),
			},
		}},
		{"wrapped wide characters", boxSpec{
			opts: TableOptions{Width: 20},
			rows: [][]Cell{plainRow("日本語日本語日本語日本語日本語日本語日本語", "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂")},
		}},
		{"box drawing in data", boxSpec{
			header: []string{"┌─┐", "│"},
			rows:   [][]Cell{plainRow("└─┘", "├┼┤ ─── │")},
		}},
		{"ambiguous characters in odd widths", boxSpec{
			rows: [][]Cell{plainRow("α", "αβγ", "abc")},
		}},
		{"indent", boxSpec{
			opts:   TableOptions{Indent: 4, Width: 40},
			header: []string{"k", "v"},
			rows:   [][]Cell{plainRow("a", long)},
		}},
		{"spaces kept", boxSpec{rows: [][]Cell{plainRow("  lead", "trail  ", " ")}}},
		{"six columns", boxSpec{
			opts:   TableOptions{Width: 50},
			header: []string{"1", "2", "3", "4", "5", "6"},
			rows:   [][]Cell{plainRow("aaaa bbbb", "cc", "dddddddddd eeeeeeeeee", "f", "g h i j k l", long)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assertSameBox(t, tt.spec) })
	}
}

// boxPieces are what random cells are made of: words that wrap, wide
// characters and emoji, ambiguous ones, combining and invisible ones,
// controls (which the table escapes) and box drawing.
var boxPieces = []string{
	"a", "pid", "cmd.exe", `C:\Windows\System32\`, "/usr/bin/", "--flag", "-x", " ", "  ",
	",", ";", "|", "&", "日本語", "한", "ＡＢ", "🙂", "👍🏽", "α", "é", "e\u0301", "\u200b",
	"\x1b[31m", "\t", "\n", "\xff", "─", "│┼", "┌┐", "Ω", "½", "§",
	"averyveryverylongwordwithoutanybreak",
}

func randomCellText(r *rand.Rand) string {
	if r.IntN(6) == 0 {
		return ""
	}
	var b strings.Builder
	for range 1 + r.IntN(8) {
		b.WriteString(boxPieces[r.IntN(len(boxPieces))])
	}
	return b.String()
}

func randomBoxSpec(r *rand.Rand) boxSpec {
	spec := boxSpec{opts: TableOptions{Width: r.IntN(100), Indent: r.IntN(3) * 2}}
	var styles []*color.Color
	if r.IntN(2) == 0 {
		p := iostreams.NewPalette(true)
		spec.opts.Palette = p
		styles = []*color.Color{nil, p.Error, p.Faint, p.Rule}
	}
	cols := 1 + r.IntN(6)
	if r.IntN(2) == 0 {
		for range cols {
			spec.header = append(spec.header, randomCellText(r))
		}
	}
	for range 1 + r.IntN(5) {
		row := make([]Cell, cols-r.IntN(2)*r.IntN(cols)) // some rows short
		for i := range row {
			row[i].Text = randomCellText(r)
			if styles != nil {
				row[i].Style = styles[r.IntN(len(styles))]
			}
		}
		spec.rows = append(spec.rows, row)
	}
	return spec
}

func TestBoxMatchesTablewriterRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 500
	if testing.Short() {
		n = 200
	}
	for i := range n {
		spec := randomBoxSpec(r)
		t.Run(fmt.Sprint(i), func(t *testing.T) { assertSameBox(t, spec) })
		if t.Failed() {
			return // one table's difference is enough to read
		}
	}
}

// FuzzBox draws tables made from the fuzzer's bytes both ways: a byte of
// settings (columns, header, colour, width mode), the width, then cells
// separated by 0x00.
func FuzzBox(f *testing.F) {
	f.Add([]byte{0x00, 40}, []byte("pid\x00executable\x001452\x00services.exe"))
	f.Add([]byte{0xff, 12}, []byte("日本語日本語\x00🙂 ok\x00α─│\x00\x00a b c d e f"))
	f.Add([]byte{0x15, 0}, []byte("only"))
	f.Fuzz(func(t *testing.T, settings, text []byte) {
		if len(settings) < 2 || len(text) > 4096 {
			return
		}
		s, width := settings[0], int(settings[1])
		cols := 1 + int(s&7)%6
		m := widthModes[int(s>>6)%len(widthModes)]
		inWidthMode(t, m.wide, m.narrowBoxes)
		opts := TableOptions{Width: width, Indent: int(s>>5&1) * 2}
		var style *color.Color
		if s&0x10 != 0 {
			opts.Palette = iostreams.NewPalette(true)
			style = opts.Palette.Error
		}
		tbl := NewTable(nil, opts)
		cells := strings.Split(string(text), "\x00")
		if s&0x08 != 0 && len(cells) > 1 {
			tbl.Header(cells[:min(cols, len(cells)-1)]...)
			cells = cells[min(cols, len(cells)-1):]
		}
		for len(cells) > 0 {
			n := min(cols, len(cells))
			row := make([]Cell, n)
			for i, c := range cells[:n] {
				row[i] = Cell{Text: c, Style: style}
			}
			tbl.StyledRow(row...)
			cells = cells[n:]
		}
		wrap := tbl.boxWidths()
		got := tbl.appendBox(nil, wrap)
		want := tablewriterBox(tbl, wrap)
		if !bytes.Equal(got, want) {
			t.Fatalf("%s: the box differs from tablewriter's\ngot  %q\nwant %q", m.name, got, want)
		}
	})
}

// Every glyph of the box is as wide as ─, in every width mode: appendBox
// counts on it.
func TestBoxGlyphsShareOneWidth(t *testing.T) {
	for _, m := range widthModes {
		t.Run(m.name, func(t *testing.T) {
			inWidthMode(t, m.wide, m.narrowBoxes)
			want := iostreams.DisplayWidth(boxHorizontal)
			if wantWide := m.wide && !m.narrowBoxes; want != map[bool]int{false: 1, true: 2}[wantWide] {
				t.Errorf("─ is %d columns wide", want)
			}
			glyphs := []string{boxVertical}
			for _, r := range []boxRule{boxTop, boxMiddle, boxBottom} {
				glyphs = append(glyphs, r[:]...)
			}
			for _, g := range glyphs {
				if got := iostreams.DisplayWidth(g); got != want {
					t.Errorf("%s is %d columns wide, ─ %d", g, got, want)
				}
			}
		})
	}
}

// BenchmarkBox draws show's ancestor table both ways: what drawing boxes
// ourselves saves each table on a terminal.
func BenchmarkBox(b *testing.B) {
	tbl := NewTable(nil, TableOptions{TTY: true, Width: 100, Palette: iostreams.NewPalette(true)})
	ancestry(tbl, tbl.opts.Palette)
	wrap := tbl.boxWidths()
	b.Run("csmctl", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			tbl.appendBox(nil, wrap)
		}
	})
	b.Run("tablewriter", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			tablewriterBox(tbl, wrap)
		}
	})
}

// On a terminal that draws East Asian ambiguous characters two columns
// wide, the box's rules hold half as many ─, and a space where a column is
// an odd number of columns wide.
func TestTableGoldenEastAsian(t *testing.T) {
	for _, m := range widthModes[1:] {
		t.Run(m.name, func(t *testing.T) {
			inWidthMode(t, m.wide, m.narrowBoxes)
			var buf bytes.Buffer
			tbl := NewTable(&buf, TableOptions{TTY: true, Width: 80, Indent: 2})
			ancestry(tbl, iostreams.NewPalette(false))
			tbl.Row("5", "α", "½ § ─│", "")
			if err := tbl.Render(); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, filepath.Join("testdata", "table-tty-80-"+m.name+".golden"), buf.Bytes())
		})
	}
}
