package stats

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/render"
)

// Style says where the output goes.
type Style struct {
	Palette *iostreams.Palette
	TTY     bool // a terminal: aligned tables, escaped CSV cells
	Width   int  // the terminal's width; 0 when not a terminal
}

// Printer writes a run's result.
type Printer func(w io.Writer, keys []Key, res *Result, st Style) error

// firstLast writes a group's first and last instants as RFC 3339 in UTC
// with as many fractional digits as they have, or "" when no event of the
// group had a valid date.
func firstLast(g *Group) (string, string) {
	if g.Dated == 0 {
		return "", ""
	}
	return g.First.UTC().Format(time.RFC3339Nano), g.Last.UTC().Format(time.RFC3339Nano)
}

// WriteJSON writes one object per group, one per line: the keys' values
// (null for none), events, first and last (null when no event of the
// group had a valid date). Strings are escaped as all of csmctl's JSON.
func WriteJSON(w io.Writer, keys []Key, res *Result, _ Style) error {
	var b []byte
	for _, g := range res.Groups {
		b = append(b, '{')
		for i, k := range keys {
			b = escape.AppendJSONString(b, k.String(), escape.Terminal)
			b = append(b, ':')
			if v := g.Values[i]; v.Present {
				b = escape.AppendJSONString(b, v.Text, escape.Terminal)
			} else {
				b = append(b, "null"...)
			}
			b = append(b, ',')
		}
		b = append(b, `"events":`...)
		b = strconv.AppendInt(b, int64(g.Events), 10)
		first, last := firstLast(&g)
		b = appendJSONTime(append(b, `,"first":`...), first)
		b = appendJSONTime(append(b, `,"last":`...), last)
		b = append(b, "}\n"...)
		if len(b) > 64<<10 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err := w.Write(b)
	return err
}

// appendJSONTime appends a firstLast text as a JSON string, or null for
// none.
func appendJSONTime(b []byte, text string) []byte {
	if text == "" {
		return append(b, "null"...)
	}
	return append(append(append(b, '"'), text...), '"')
}

// WriteCSV writes a header row (the keys, events, first, last) and one
// row per group, as RFC 4180 says; a key without a value and a group
// without a dated event have empty cells. Cells are written as the data
// has them, with no guard against spreadsheet formulas (a command line may
// well start with "-" or "="): CSV is for engines and scripts, and a guard
// would change the values they read. On a terminal, cells are escaped as
// all text is.
func WriteCSV(w io.Writer, keys []Key, res *Result, st Style) error {
	cw := csv.NewWriter(w)
	row := make([]string, 0, len(keys)+3)
	for _, k := range keys {
		row = append(row, k.String())
	}
	if err := cw.Write(append(row, "events", "first", "last")); err != nil {
		return err
	}
	for _, g := range res.Groups {
		row = row[:0]
		for _, v := range g.Values {
			row = append(row, cell(v.Text, st))
		}
		first, last := firstLast(&g)
		row = append(row, strconv.Itoa(g.Events), first, last)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell is a CSV cell's text: as it is, or escaped on a terminal.
func cell(s string, st Style) string {
	if st.TTY {
		return escape.Text(s)
	}
	return s
}

// WriteText writes the overview without keys; with keys, a table of the
// groups: on a terminal aligned, with a header, rules coloured; into a pipe one
// tab-separated line per group and no header, values escaped (a tab in a
// value is \x09), a key without a value empty.
func WriteText(w io.Writer, keys []Key, res *Result, st Style) error {
	if res.Overview != nil {
		return writeOverview(w, res.Overview, st)
	}
	if !st.TTY {
		var b []byte
		for _, g := range res.Groups {
			for _, v := range g.Values {
				b = append(escape.AppendText(b, v.Text), '\t')
			}
			first, last := firstLast(&g)
			b = strconv.AppendInt(b, int64(g.Events), 10)
			b = append(append(b, '\t'), first...)
			b = append(append(b, '\t'), last...)
			b = append(b, '\n')
		}
		_, err := w.Write(b)
		return err
	}
	// Aligned with spaces, not boxed: a row is read across. A value wider
	// than maxCell is cut with …, so that one huge value (a hostile rule id)
	// does not pad every row; -o json and csv give it whole.
	t := render.NewTable(w, render.TableOptions{Palette: st.Palette})
	var header []string
	for _, k := range keys {
		header = append(header, k.String())
	}
	t.Header(append(header, "events", "first", "last")...)
	for _, g := range res.Groups {
		var row []render.Cell
		for i, v := range g.Values {
			row = append(row, valueCell(keys[i], v, st.Palette))
		}
		first, last := firstLast(&g)
		row = append(row, render.Cell{Text: strconv.Itoa(g.Events)}, render.Cell{Text: first}, render.Cell{Text: last})
		t.StyledRow(row...)
	}
	return t.Render()
}

// noValue stands for a key without a value on a terminal.
const noValue = "(none)"

// maxCell is the widest a value is drawn in the aligned table: as wide as
// a long executable path.
const maxCell = 60

func valueCell(k Key, v Value, pal *iostreams.Palette) render.Cell {
	if !v.Present {
		return render.Cell{Text: noValue, Style: pal.Faint}
	}
	text := escape.Text(v.Text)
	if iostreams.DisplayWidth(text) > maxCell {
		text = render.CutCells(text, maxCell-1) + "…"
	}
	switch k {
	case Rule:
		return render.Cell{Text: text, Style: pal.Rule}
	case Event:
		return render.Cell{Text: text, Style: pal.Event}
	}
	return render.Cell{Text: text}
}
