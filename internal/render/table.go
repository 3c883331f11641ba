package render

import (
	"bytes"
	"io"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/memo"
	"github.com/fatih/color"
)

// TableOptions say where a table goes.
type TableOptions struct {
	// TTY is true when the table goes to a terminal: it gets borders, and
	// cells wrap so the table fits in Width. Otherwise columns are aligned
	// with spaces and no value is ever wrapped or truncated, so every value
	// can be grepped and copied whole.
	TTY bool
	// Width is the terminal width, used only when TTY is true; 0 means no
	// limit.
	Width int
	// Palette colours the header and styled cells; nil means no colour.
	Palette *iostreams.Palette
	// Indent is how many spaces start every line of the table.
	Indent int
}

// Cell is a table cell with a style, for Table.StyledRow.
type Cell struct {
	Text  string       // untrusted text: it is sanitized by the table
	Style *color.Color // nil for plain text; applied only if the palette colours
	width int          // of Text, once the table has sanitized it
}

// sanitized returns a table's own cell for text: escaped, and measured
// once, since the layout needs each cell's width twice. Plain ASCII, most
// cells, is read once for both.
func sanitized(text string, style *color.Color) Cell {
	if n := escape.PlainPrefix(text); n == len(text) {
		return Cell{Text: text, Style: style, width: n}
	}
	text = escape.Text(text)
	return Cell{Text: text, Style: style, width: iostreams.DisplayWidth(text)}
}

// Table collects rows and renders them aligned: in a box, with wrapping,
// on a terminal (box.go); as plain space-aligned columns otherwise. Every
// cell is sanitized, so callers pass event strings as they are.
type Table struct {
	w      io.Writer
	opts   TableOptions
	header []Cell
	cells  []Cell // the rows' cells, row after row
	ends   []int  // ends[i] is where row i ends in cells
	cols   int
	widths []int
	// covered lists the keys a section's coveredRows marked as shown.
	covered []string
	// box is where a box is laid out, kept for the next table.
	box boxStorage
	// within is a stack of the shown keys of the nested objects whose rest
	// rows are being added (see shownWithin): a nested object's keys are
	// appended, used, and dropped, so the storage is reused. A slice of it
	// stays valid while its owner is on the stack: what is appended later
	// goes past it, into the same array or a new one.
	within []string
}

// NewTable returns an empty table that Render writes to w.
func NewTable(w io.Writer, opts TableOptions) *Table {
	t := &Table{}
	t.reset(w, opts)
	return t
}

// reset empties the table for reuse, keeping its storage.
func (t *Table) reset(w io.Writer, opts TableOptions) {
	if opts.Palette == nil {
		opts.Palette = noColor.Get()
	}
	t.w, t.opts = w, opts
	t.header, t.cells, t.ends, t.cols = t.header[:0], t.cells[:0], t.ends[:0], 0
	t.covered = t.covered[:0]
}

// noColor is the palette of a table given none.
var noColor = memo.Value[*iostreams.Palette]{New: func() *iostreams.Palette { return iostreams.NewPalette(false) }}

// Header sets the column titles. A table without one has no header row.
func (t *Table) Header(cols ...string) {
	t.header = t.header[:0]
	for _, c := range cols {
		t.header = append(t.header, sanitized(c, t.opts.Palette.Heading))
	}
	t.cols = max(t.cols, len(cols))
}

// Row adds a row of plain cells.
func (t *Table) Row(cells ...string) {
	for _, c := range cells {
		t.cells = append(t.cells, sanitized(c, nil))
	}
	t.endRow(len(cells))
}

// StyledRow adds a row of cells, each with its own style.
func (t *Table) StyledRow(cells ...Cell) {
	for _, c := range cells {
		t.cells = append(t.cells, sanitized(c.Text, c.Style))
	}
	t.endRow(len(cells))
}

func (t *Table) endRow(n int) {
	t.ends = append(t.ends, len(t.cells))
	t.cols = max(t.cols, n)
}

// rows calls fn for each row.
func (t *Table) rows(fn func(row []Cell)) {
	start := 0
	for _, end := range t.ends {
		fn(t.cells[start:end])
		start = end
	}
}

// Len returns the number of rows added, header excluded.
func (t *Table) Len() int { return len(t.ends) }

// Render writes the table. A table without rows writes nothing.
func (t *Table) Render() error {
	if t.Len() == 0 {
		return nil
	}
	// Lay out straight into a buffer's spare room when there is one.
	var dst []byte
	if b, ok := t.w.(*bytes.Buffer); ok {
		dst = b.AvailableBuffer()
	}
	if t.opts.TTY {
		dst = t.boxed(dst)
	} else {
		dst = t.aligned(dst)
	}
	_, err := t.w.Write(dst)
	return err
}

// naturalWidths returns each column's widest cell.
func (t *Table) naturalWidths() []int {
	t.widths = append(t.widths[:0], make([]int, t.cols)...)
	widths := t.widths
	measure := func(row []Cell) {
		for i, c := range row {
			widths[i] = max(widths[i], c.width)
		}
	}
	measure(t.header)
	t.rows(measure)
	return widths
}

// aligned lays the table out for a pipe: columns padded with spaces and two
// spaces apart, nothing wrapped, no trailing blanks.
func (t *Table) aligned(dst []byte) []byte {
	widths := t.naturalWidths()
	line := func(row []Cell) {
		last := len(row) - 1
		for last >= 0 && row[last].Text == "" {
			last--
		}
		dst = appendSpaces(dst, t.opts.Indent)
		for i := 0; i <= last; i++ {
			c := row[i]
			dst = t.appendStyled(dst, c)
			if i < last {
				dst = appendSpaces(dst, widths[i]-c.width+2)
			}
		}
		dst = append(dst, '\n')
	}
	if len(t.header) > 0 {
		line(t.header)
	}
	t.rows(line)
	return dst
}

func (t *Table) appendStyled(dst []byte, c Cell) []byte {
	if c.Style == nil || c.Text == "" {
		return append(dst, c.Text...)
	}
	return t.opts.Palette.Append(dst, c.Style, c.Text)
}

const spaces = "                                                                "

func appendSpaces(dst []byte, n int) []byte {
	for ; n > len(spaces); n -= len(spaces) {
		dst = append(dst, spaces...)
	}
	return append(dst, spaces[:max(n, 0)]...)
}

// boxed appends the table laid out for a terminal to dst: borders, and
// cells wrapped (by wrapCell, so that colours survive the wrapping) to fit
// the terminal width.
func (t *Table) boxed(dst []byte) []byte {
	widths := t.boxWidths()
	if len(t.header) > 0 && t.cutsWords(widths) {
		return t.records(dst)
	}
	return t.appendBox(dst, widths)
}

// boxWidths returns how wide each column's text may be in a box that fits
// the terminal: three columns of border and padding per column, and one
// more, are not the text's.
func (t *Table) boxWidths() []int {
	return fitWidths(t.naturalWidths(), t.opts.Width-t.opts.Indent-(3*t.cols+1))
}

// cutsWords reports whether columns of these widths would cut a title or a
// word of a cell (a run of text without a place wrapCell breaks at) in two.
func (t *Table) cutsWords(widths []int) bool {
	cuts := func(row []Cell) bool {
		for i, c := range row {
			if longestWord(c.Text) > widths[i] {
				return true
			}
		}
		return false
	}
	if cuts(t.header) {
		return true
	}
	cut := false
	t.rows(func(row []Cell) { cut = cut || cuts(row) })
	return cut
}

// records appends a table too wide for the terminal, one whose columns
// would cut its titles or words in two, to dst one row at a time: each row
// a boxed table of two columns, the titles and the row's cells, leaving
// out empty cells.
func (t *Table) records(dst []byte) []byte {
	rec := &Table{}
	t.rows(func(row []Cell) {
		rec.reset(nil, t.opts)
		for i, c := range row {
			if c.Text == "" {
				continue
			}
			var title Cell
			if i < len(t.header) {
				title = t.header[i]
			}
			rec.cells = append(rec.cells, title, c) // sanitized already
			rec.endRow(2)
		}
		if rec.Len() > 0 {
			dst = rec.boxed(dst)
		}
	})
	return dst
}

// minColumnWidth is the narrowest a column is squeezed to on a terminal.
const minColumnWidth = 8

// fitWidths shares avail columns of screen among table columns whose
// contents want natural widths: columns that fit in an equal share keep
// their width, and the wider ones split what is left. With avail <= 0 (no
// limit) every column keeps its natural width.
func fitWidths(natural []int, avail int) []int {
	widths := append([]int(nil), natural...)
	total := 0
	for _, w := range natural {
		total += w
	}
	if avail <= 0 || total <= avail {
		return widths
	}
	open := make([]bool, len(widths)) // still to be given a width
	left := len(widths)
	for i := range open {
		open[i] = true
	}
	// Give the narrow columns what they need, narrowest first, until the
	// others all need more than an equal share of what remains.
	for left > 0 {
		share := avail / left
		narrowest := -1
		for i, ok := range open {
			if ok && (narrowest < 0 || natural[i] < natural[narrowest]) {
				narrowest = i
			}
		}
		if natural[narrowest] > share {
			break
		}
		open[narrowest] = false
		avail -= natural[narrowest]
		left--
	}
	if left == 0 {
		return widths
	}
	share, extra := avail/left, avail%left
	for i, ok := range open {
		if !ok {
			continue
		}
		widths[i] = share
		if extra > 0 {
			widths[i]++
			extra--
		}
		widths[i] = max(widths[i], min(natural[i], minColumnWidth))
	}
	return widths
}
