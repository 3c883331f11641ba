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

// boxCell is a cell as the box draws it: its lines, and its style.
type boxCell struct {
	lines []boxLine
	style *color.Color
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
	inner := make([]int, t.cols) // each column's widest line
	var cells []boxCell          // t.cols a row, the header's first
	cut := func(row []Cell) {
		for i := range t.cols {
			var c Cell
			if i < len(row) {
				c = row[i]
			}
			texts := wrapCell(c.Text, wrap[i])
			lines := make([]boxLine, len(texts))
			for j, text := range texts {
				w := c.width
				if len(texts) > 1 {
					w = iostreams.DisplayWidth(text)
				}
				lines[j] = boxLine{text, w}
				inner[i] = max(inner[i], w)
			}
			cells = append(cells, boxCell{lines, c.Style})
		}
	}
	if len(t.header) > 0 {
		cut(t.header)
	}
	t.rows(cut)

	dst = t.appendRule(dst, boxTop, inner)
	for r := 0; r*t.cols < len(cells); r++ {
		dst = t.appendBoxRow(dst, cells[r*t.cols:(r+1)*t.cols], inner)
		if r == 0 && len(t.header) > 0 {
			dst = t.appendRule(dst, boxMiddle, inner)
		}
	}
	return t.appendRule(dst, boxBottom, inner)
}

// appendBoxRow appends the lines of a row of the box, as many as its
// tallest cell has.
func (t *Table) appendBoxRow(dst []byte, row []boxCell, inner []int) []byte {
	height := 0
	for _, c := range row {
		height = max(height, len(c.lines))
	}
	for j := range height {
		dst = appendSpaces(dst, t.opts.Indent)
		dst = append(dst, boxVertical...)
		for i, c := range row {
			var line boxLine
			if j < len(c.lines) {
				line = c.lines[j]
			}
			dst = append(dst, ' ')
			dst = t.appendStyled(dst, Cell{Text: line.text, Style: c.style})
			dst = appendSpaces(dst, inner[i]+1-line.width)
			dst = append(dst, boxVertical...)
		}
		dst = append(dst, '\n')
	}
	return dst
}

// appendRule appends a horizontal rule across columns of these inner
// widths. Where the glyphs are two columns wide and a column's width is
// odd, a space makes up the last column.
func (t *Table) appendRule(dst []byte, r boxRule, inner []int) []byte {
	g := iostreams.DisplayWidth(boxHorizontal)
	dst = appendSpaces(dst, t.opts.Indent)
	dst = append(dst, r[0]...)
	for i, w := range inner {
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
