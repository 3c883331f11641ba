package timeline

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/fatih/color"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/record"
	"github.com/csmctl/csmctl/internal/render"
)

// Columns are the timeline's columns, in order: the CSV header and the
// JSON keys.
var Columns = []string{"date", "host", "os", "rule", "event", "outcome", "pid", "process", "user", "detail", "file", "line"}

// Style says where the output goes.
type Style struct {
	Palette *iostreams.Palette
	TTY     bool
	// Lead adds a first column to the text printer's lines: each entry's
	// Lead (hunt's rule id), coloured as a rule.
	Lead bool
}

// Printer prints entries, one at a time, in order.
type Printer interface {
	Print(e *Entry) error
	Flush() error // writes what is buffered
}

// NewPrinter makes a printer writing to w.
type NewPrinter func(w io.Writer, st Style) Printer

// dateText is the date column: the instant in UTC, RFC 3339 with as many
// fractional digits as it has, or "" without a valid date.
func dateText(e *Entry) string {
	if e.DateState != record.DateValid {
		return ""
	}
	return e.Instant.Format(time.RFC3339Nano)
}

// cells are e's columns as text: an ill-typed pid as written and marked
// (record.IntText).
func cells(e *Entry) [12]string {
	return [12]string{dateText(e), e.Host, e.OS, e.Rule, e.Event, e.Outcome, record.IntText(e.PID),
		e.Process, e.User, e.Detail, e.File, strconv.Itoa(e.Line)}
}

// flushAt is how much a printer buffers before writing.
const flushAt = 64 << 10

// buffered is a printer's output buffer.
type buffered struct {
	w   io.Writer
	b   []byte
	err error
}

func (o *buffered) maybeFlush() error {
	if len(o.b) >= flushAt {
		return o.Flush()
	}
	return o.err
}

func (o *buffered) Flush() error {
	if o.err == nil && len(o.b) > 0 {
		_, o.err = o.w.Write(o.b)
	}
	o.b = o.b[:0]
	return o.err
}

// JSONPrinter prints one object per line, keyed by Columns: strings
// escaped as all of csmctl's JSON, null for an empty value and for a
// missing or invalid date, the pid a number, or its ill-typed value as
// written.
func JSONPrinter(w io.Writer, _ Style) Printer { return &jsonPrinter{buffered{w: w}} }

type jsonPrinter struct{ buffered }

func (p *jsonPrinter) Print(e *Entry) error {
	b := append(p.b, `{"date":`...)
	if e.DateState == record.DateValid {
		b = append(e.Instant.AppendFormat(append(b, '"'), time.RFC3339Nano), '"')
	} else {
		b = append(b, "null"...)
	}
	str := func(name, s string) {
		b = append(append(append(b, ",\""...), name...), "\":"...)
		if s == "" {
			b = append(b, "null"...)
			return
		}
		b = escape.AppendJSONString(b, s, escape.Terminal)
	}
	str("host", e.Host)
	str("os", e.OS)
	str("rule", e.Rule)
	str("event", e.Event)
	str("outcome", e.Outcome)
	b = append(b, `,"pid":`...)
	switch {
	case e.PID.IllTyped():
		b = escape.AppendCompactJSON(b, []byte(e.PID.Raw()), escape.Terminal)
	case e.PID.Present():
		b = append(b, e.PID.String()...)
	default:
		b = append(b, "null"...)
	}
	str("process", e.Process)
	str("user", e.User)
	str("detail", e.Detail)
	str("file", e.File)
	b = strconv.AppendInt(append(b, `,"line":`...), int64(e.Line), 10)
	p.b = append(b, "}\n"...)
	return p.maybeFlush()
}

// CSVPrinter prints a header row, Columns, then one row per event (RFC
// 4180). Cells are as the data has them, with no guard against
// spreadsheet formulas; on a terminal they are escaped as all text is.
func CSVPrinter(w io.Writer, st Style) Printer {
	return &csvPrinter{w: csv.NewWriter(w), tty: st.TTY}
}

type csvPrinter struct {
	w       *csv.Writer
	tty     bool
	started bool
}

func (p *csvPrinter) Print(e *Entry) error {
	if !p.started {
		p.started = true
		if err := p.w.Write(Columns); err != nil {
			return err
		}
	}
	row := cells(e)
	if p.tty {
		for i := range row {
			row[i] = escape.Text(row[i])
		}
	}
	return p.w.Write(row[:])
}

func (p *csvPrinter) Flush() error {
	if !p.started { // no event: the header still says what there would be
		p.started = true
		if err := p.w.Write(Columns); err != nil {
			return err
		}
	}
	p.w.Flush()
	return p.w.Error()
}

// TextPrinter prints one line per event. Into a pipe: the columns
// tab-separated, escaped (a tab in a value is \x09), no header. On a
// terminal: the columns aligned, file and line together as FILE:LINE, the
// rule coloured, each column as wide as its widest value in the first
// events (at most maxColumn, longer values cut with …), a missing date
// written "(no date)" and an invalid one "(invalid date)".
func TextPrinter(w io.Writer, st Style) Printer {
	if !st.TTY {
		return &tsvPrinter{buffered: buffered{w: w}, lead: st.Lead}
	}
	return &alignedPrinter{buffered: buffered{w: w}, pal: st.Palette}
}

type tsvPrinter struct {
	buffered
	lead bool
}

func (p *tsvPrinter) Print(e *Entry) error {
	if p.lead {
		p.b = append(escape.AppendText(p.b, e.Lead), '\t')
	}
	for i, c := range cells(e) {
		if i > 0 {
			p.b = append(p.b, '\t')
		}
		p.b = escape.AppendText(p.b, c)
	}
	p.b = append(append(p.b, '\n'), e.Below...)
	return p.maybeFlush()
}

// layoutRows is how many events set the widths of the aligned columns.
const layoutRows = 256

// maxColumn is the widest an aligned column is, but the last two.
const maxColumn = 40

// alignedColumns are the columns drawn on a terminal: the lead (drawn only
// when an entry has one), the timeline's, and FILE:LINE last.
const alignedColumns = 12

type pendingRow struct {
	cells [alignedColumns]string
	below string
}

type alignedPrinter struct {
	buffered
	pal     *iostreams.Palette
	pending []pendingRow // the first events, until the widths are known
	widths  []int
}

func (p *alignedPrinter) Print(e *Entry) error {
	c := cells(e)
	var row [alignedColumns]string
	row[0] = e.Lead
	copy(row[1:], c[:10])
	switch e.DateState {
	case record.DateAbsent:
		row[1] = "(no date)"
	case record.DateIllTyped:
		row[1] = "(invalid date)"
	}
	row[alignedColumns-1] = input.Position{File: e.File, Line: e.Line}.String()
	for i := range row {
		row[i] = escape.Text(row[i])
	}
	if p.widths == nil {
		p.pending = append(p.pending, pendingRow{row, e.Below})
		if len(p.pending) < layoutRows {
			return nil
		}
		p.layout()
	}
	p.line(&row, e.Below)
	return p.maybeFlush()
}

func (p *alignedPrinter) layout() {
	p.widths = make([]int, alignedColumns)
	for _, row := range p.pending {
		for i, c := range row.cells {
			p.widths[i] = max(p.widths[i], iostreams.DisplayWidth(c))
		}
	}
	for i := range p.widths[:alignedColumns-2] {
		p.widths[i] = min(p.widths[i], maxColumn)
	}
	for i := range p.pending {
		p.line(&p.pending[i].cells, p.pending[i].below)
	}
	p.pending = nil
}

func (p *alignedPrinter) line(row *[alignedColumns]string, below string) {
	for i, c := range row {
		if p.widths[i] == 0 && c == "" {
			continue // a column no event has
		}
		w := iostreams.DisplayWidth(c)
		if i < alignedColumns-2 && w > p.widths[i] {
			c = render.CutCells(c, p.widths[i]-1) + "…"
			w = p.widths[i]
		}
		var style *color.Color
		switch i {
		case 1, 2, 3:
			style = p.pal.Faint
		case 0, 4:
			style = p.pal.Rule
		case 5:
			style = p.pal.Event
		case alignedColumns - 1:
			style = p.pal.Location
		}
		if style != nil && c != "" {
			p.b = p.pal.Append(p.b, style, c)
		} else {
			p.b = append(p.b, c...)
		}
		if i < alignedColumns-1 {
			p.b = append(p.b, strings.Repeat(" ", max(p.widths[i]-w, 0)+2)...)
		}
	}
	p.b = append(append(p.b, '\n'), below...)
}

func (p *alignedPrinter) Flush() error {
	if p.widths == nil {
		p.layout()
	}
	return p.buffered.Flush()
}
