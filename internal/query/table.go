package query

import (
	"fmt"
	"io"
	"slices"

	"github.com/csmctl/csmctl/internal/render"
)

// TableOptions are -o table's: which keys of the filter's objects become
// columns, and how the table is laid out (see render.TableOptions).
type TableOptions struct {
	Columns []string // the columns, in order; none: every key seen, sorted
	Render  render.TableOptions
}

// tableRow is one object's cells, by key.
type tableRow map[string]string

// tableCollector gathers the rows of -o table: a table is laid out only
// once all its rows are known.
type tableCollector struct {
	opts TableOptions
	rows []tableRow
}

func newTableCollector(o TableOptions) *tableCollector {
	return &tableCollector{opts: o}
}

// row turns an output of the filter into a row: its values as text,
// strings as they are and anything else as compact JSON. It is called by
// every worker, so it keeps no state.
func (t *tableCollector) row(v any) (tableRow, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("-o table: cannot make a table row of %s; the filter must yield objects", typeName(v))
	}
	row := make(tableRow, len(m))
	var enc *Encoder
	for k, v := range m {
		switch v := v.(type) {
		case nil:
			row[k] = ""
		case string:
			row[k] = v
		default:
			if enc == nil {
				enc = NewEncoder(Format{Compact: true})
			}
			row[k] = string(enc.Append(nil, v))
		}
	}
	return row, nil
}

// add keeps rows, in output order.
func (t *tableCollector) add(rows []tableRow) {
	t.rows = append(t.rows, rows...)
}

// render writes the table.
func (t *tableCollector) render(w io.Writer) error {
	cols := t.opts.Columns
	if len(cols) == 0 {
		seen := map[string]bool{}
		for _, r := range t.rows {
			for k := range r {
				if !seen[k] {
					seen[k] = true
					cols = append(cols, k)
				}
			}
		}
		slices.Sort(cols)
	}
	tbl := render.NewTable(w, t.opts.Render)
	tbl.Header(cols...)
	cells := make([]string, len(cols))
	for _, r := range t.rows {
		for i, c := range cols {
			cells[i] = r[c]
		}
		tbl.Row(cells...)
	}
	return tbl.Render()
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
