package render

import (
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

// boxPart is one line of a wrapped cell.
type boxPart struct {
	text  string
	width int
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
	var parts []boxPart          // the lines of each cell, cell after cell
	var lines []int              // how many lines each cell has
	wrapRow := func(row []Cell) {
		for i := range t.cols {
			var c Cell
			if i < len(row) {
				c = row[i]
			}
			cut := wrapCell(c.Text, wrap[i])
			for _, text := range cut {
				w := c.width
				if len(cut) > 1 {
					w = iostreams.DisplayWidth(text)
				}
				parts = append(parts, boxPart{text, w})
				inner[i] = max(inner[i], w)
			}
			lines = append(lines, len(cut))
		}
	}
	if len(t.header) > 0 {
		wrapRow(t.header)
	}
	t.rows(wrapRow)

	// drawRow appends the lines of a row whose cells' lines start at
	// parts[p] and are counted from lines[l].
	drawRow := func(row []Cell, p, l int) (int, int) {
		counts := lines[l : l+t.cols]
		height := 0
		for _, n := range counts {
			height = max(height, n)
		}
		for j := range height {
			dst = appendSpaces(dst, t.opts.Indent)
			dst = append(dst, boxVertical...)
			q := p
			for i, n := range counts {
				var part boxPart
				if j < n {
					part = parts[q+j]
				}
				dst = append(dst, ' ')
				if i < len(row) {
					dst = t.appendStyled(dst, Cell{Text: part.text, Style: row[i].Style})
				}
				dst = appendSpaces(dst, inner[i]+1-part.width)
				dst = append(dst, boxVertical...)
				q += n
			}
			dst = append(dst, '\n')
		}
		for _, n := range counts {
			p += n
		}
		return p, l + t.cols
	}

	dst = t.appendRule(dst, boxTop, inner)
	p, l := 0, 0
	if len(t.header) > 0 {
		p, l = drawRow(t.header, p, l)
		dst = t.appendRule(dst, boxMiddle, inner)
	}
	t.rows(func(row []Cell) { p, l = drawRow(row, p, l) })
	return t.appendRule(dst, boxBottom, inner)
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
