package query

import (
	"bufio"
	"fmt"
	"slices"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/render"
)

// TableOptions are -o table's: which keys of the filter's objects become
// columns, and how the table is laid out (see render.TableOptions; TTY
// chooses between the two forms of tablePrinter).
type TableOptions struct {
	Columns []string // the columns, in order; none: the first object's keys, sorted
	Render  render.TableOptions
}

// tableRow is one object's cells, by key, and the event it came from.
type tableRow struct {
	cells map[string]string
	file  string
	line  int // 0: no event (-n, -s)
}

// newTableRow turns an output of the filter into a row: its values as text,
// strings as they are and anything else as compact JSON. Every worker
// calls it, so it keeps no state.
func newTableRow(v any) (tableRow, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return tableRow{}, fmt.Errorf("-o table: cannot make a table row of %s; the filter must yield objects", typeName(v))
	}
	cells := make(map[string]string, len(m))
	var enc *Encoder
	for k, v := range m {
		switch v := v.(type) {
		case nil:
			cells[k] = ""
		case string:
			cells[k] = v
		default:
			if enc == nil {
				enc = NewEncoder(Format{Compact: true})
			}
			cells[k] = string(enc.Append(nil, v))
		}
	}
	return tableRow{cells: cells}, nil
}

// tablePrinter prints the rows of -o table, in output order. Into a pipe
// each row is written as it comes, tab-separated after a header line, so
// memory stays flat and scripts can cut the columns; on a terminal the rows
// are held to the end, since aligning and fitting columns to the screen
// needs every width. Either way the columns are known from the first row:
// --columns, or that row's keys, sorted.
type tablePrinter struct {
	opts    TableOptions
	out     *bufio.Writer
	started bool // the header is printed
	cols    []string
	// inferred holds the columns when they are the first row's keys, to
	// spot a later row's key that is not one; such a key is then added to
	// it, as false, so that it is reported once, not on every row.
	inferred map[string]bool
	held     *render.Table // on a terminal
	cells    []string
	line     []byte
}

func newTablePrinter(o TableOptions, out *bufio.Writer) *tablePrinter {
	t := &tablePrinter{opts: o, out: out, cols: o.Columns}
	if o.Render.TTY {
		t.held = render.NewTable(out, o.Render)
	}
	return t
}

// print prints a row, or holds it on a terminal. When the columns are the
// first row's keys (with --columns leaving a key out is a choice, but here
// it leaves out a key the user may not know about), it returns a key of the
// row that is not a column (the first of them, if several): a key in no
// row before, for a row it prints, which is then reported once; and any
// key, with leftOut, for a row none of whose keys is a column, which it
// does not print, since a row of empty cells would look like a real record.
func (t *tablePrinter) print(r tableRow) (lostKey string, leftOut bool) {
	switch {
	case !t.started:
		t.started = true
		if t.cols == nil {
			t.inferred = make(map[string]bool, len(r.cells))
			for k := range r.cells {
				t.cols = append(t.cols, k)
				t.inferred[k] = true
			}
			slices.Sort(t.cols)
		}
		t.printHeader()
	case t.inferred != nil:
		if lostKey, leftOut = t.noColumnKey(r); leftOut {
			return lostKey, true
		}
		for k := range r.cells {
			if _, seen := t.inferred[k]; seen {
				continue
			}
			t.inferred[k] = false
			if lostKey == "" || k < lostKey {
				lostKey = k
			}
		}
	}
	t.cells = t.cells[:0]
	for _, c := range t.cols {
		t.cells = append(t.cells, r.cells[c])
	}
	t.printCells(t.cells)
	return lostKey, false
}

// noColumnKey returns the first key of r, and true, when r has keys and
// none of them is a column.
func (t *tablePrinter) noColumnKey(r tableRow) (first string, none bool) {
	for k := range r.cells {
		if t.inferred[k] {
			return "", false
		}
		if !none || k < first {
			first, none = k, true
		}
	}
	return first, none
}

func (t *tablePrinter) printHeader() {
	if t.held != nil {
		t.held.Header(t.cols...)
		return
	}
	t.printCells(t.cols)
}

// printCells writes a line of tab-separated cells, each escaped as escape.Text
// does (a tab or a newline in a value is \t or \n), or adds it to the
// terminal's table.
func (t *tablePrinter) printCells(cells []string) {
	if t.held != nil {
		t.held.Row(cells...)
		return
	}
	t.line = t.line[:0]
	for i, c := range cells {
		if i > 0 {
			t.line = append(t.line, '\t')
		}
		t.line = escape.AppendText(t.line, c)
	}
	t.line = append(t.line, '\n')
	_, _ = t.out.Write(t.line) // an error sticks to out, and is returned when it is flushed
}

// end lays out the terminal's table; into a pipe, everything is written.
func (t *tablePrinter) end() error {
	if t.held == nil {
		return nil
	}
	return t.held.Render()
}

// printRows prints rows of -o table, and reports (as a failure of the
// filter on the event) a row's key that the table leaves out.
func (ru *runner) printRows(rows []tableRow) {
	for _, r := range rows {
		key, leftOut := ru.table.print(r)
		if key == "" && !leftOut {
			continue
		}
		err := fmt.Errorf("-o table: key %q is not a column: the columns are the first object's keys (--columns names them)", key)
		if leftOut {
			err = fmt.Errorf("-o table: no key of the object is a column (%q is not), so it has no row: the columns are the first object's keys (--columns names them)", key)
		}
		msg := err.Error()
		if r.line > 0 {
			msg = runtimeMessage(r.file, r.line, err)
		}
		ru.report(msg)
		ru.res.RuntimeErrors++
	}
}

// typeName is jq's name for the type of v.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "number"
}
