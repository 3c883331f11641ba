package render

import (
	"github.com/fatih/color"

	"github.com/csmctl/csmctl/internal/iostreams"
)

// The box is drawn with light box-drawing characters: rules of ─ with
// corners and junctions, columns between │. Every one of them is an East
// Asian ambiguous character, so all take the same width, one column or
// two (iostreams.RuneWidth says which).
const (
	boxHorizontal = "─"
	boxVertical   = "│"
)

// boxRule is the left end, the junction between columns and the right end
// of a horizontal rule.
type boxRule [3]string

var (
	boxTop    = boxRule{"┌", "┬", "┐"}
	boxMiddle = boxRule{"├", "┼", "┤"} // under the header
	boxBottom = boxRule{"└", "┴", "┘"}
)

// boxLine is one line of a cell in the box: the cell's text, or a piece of
// it that wrapCell cut.
type boxLine struct {
	text  string
	width int
}

// boxCell is a cell as the box draws it: its lines (lines[first:end] of
// its box's storage), and its style.
type boxCell struct {
	first, end int
	style      *color.Color
}

// boxStorage is what appendBox lays a table out in, kept by the Table for
// the next one.
type boxStorage struct {
	inner []int     // each column's widest line
	cells []boxCell // t.cols a row, the header's first
	lines []boxLine
}

// appendBox appends the table drawn in a box, each cell wrapped to fit its
// column's width in wrap, to dst: a rule above, the header (if any) and a
// rule under it, the rows, a rule below, every line starting with the
// table's indent. A column is as wide as its widest line plus one space on
// each side; text is left-aligned and padded with spaces, so every line of
// a row ends in │. It writes what tablewriter (v1.1.5, StyleLight,
// left-aligned, no trimming or wrapping of its own) wrote for the same
// cells, byte for byte, as the tests check.
func (t *Table) appendBox(dst []byte, wrap []int) []byte {
	b := &t.box
	b.inner = append(b.inner[:0], make([]int, t.cols)...)
	b.cells, b.lines = b.cells[:0], b.lines[:0]
	cut := func(row []Cell) {
		for i := range t.cols {
			var c Cell
			if i < len(row) {
				c = row[i]
			}
			first := len(b.lines)
			if wrap[i] <= 0 || c.width <= wrap[i] {
				b.lines = append(b.lines, boxLine{c.Text, c.width})
			} else {
				for _, text := range wrapCell(c.Text, wrap[i]) {
					b.lines = append(b.lines, boxLine{text, iostreams.DisplayWidth(text)})
				}
			}
			for _, l := range b.lines[first:] {
				b.inner[i] = max(b.inner[i], l.width)
			}
			b.cells = append(b.cells, boxCell{first, len(b.lines), c.Style})
		}
	}
	if len(t.header) > 0 {
		cut(t.header)
	}
	t.rows(cut)

	dst = t.appendRule(dst, boxTop)
	for r := 0; r*t.cols < len(b.cells); r++ {
		dst = t.appendBoxRow(dst, b.cells[r*t.cols:(r+1)*t.cols])
		if r == 0 && len(t.header) > 0 {
			dst = t.appendRule(dst, boxMiddle)
		}
	}
	return t.appendRule(dst, boxBottom)
}

// appendBoxRow appends the lines of a row of the box, as many as its
// tallest cell has.
func (t *Table) appendBoxRow(dst []byte, row []boxCell) []byte {
	height := 0
	for _, c := range row {
		height = max(height, c.end-c.first)
	}
	for j := range height {
		dst = appendSpaces(dst, t.opts.Indent)
		dst = append(dst, boxVertical...)
		for i, c := range row {
			var line boxLine
			if c.first+j < c.end {
				line = t.box.lines[c.first+j]
			}
			dst = append(dst, ' ')
			dst = t.appendStyled(dst, Cell{Text: line.text, Style: c.style})
			dst = appendSpaces(dst, t.box.inner[i]+1-line.width)
			dst = append(dst, boxVertical...)
		}
		dst = append(dst, '\n')
	}
	return dst
}

// appendRule appends a horizontal rule across the box's columns. Where the
// glyphs are two columns wide and a column's width is odd, a space makes up
// the last column.
func (t *Table) appendRule(dst []byte, r boxRule) []byte {
	g := iostreams.DisplayWidth(boxHorizontal)
	dst = appendSpaces(dst, t.opts.Indent)
	dst = append(dst, r[0]...)
	for i, w := range t.box.inner {
		if i > 0 {
			dst = append(dst, r[1]...)
		}
		w += 2 // the padding
		for range w / g {
			dst = append(dst, boxHorizontal...)
		}
		dst = appendSpaces(dst, w%g)
	}
	dst = append(dst, r[2]...)
	return append(dst, '\n')
}
