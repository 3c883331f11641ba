package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
)

// textBuffer is how much a CSV or JSON lines writer holds before writing.
const textBuffer = 256 << 10

// csvWriter writes rows as CSV: a header of the column names, then one
// record a row; NULL is an empty field, ancestors are JSON text.
type csvWriter struct {
	buf    *bufio.Writer
	w      *csv.Writer
	header bool
	cells  []cell
	fields []string
	date   []byte
}

func newCSVWriter(w io.Writer) RowWriter {
	buf := bufio.NewWriterSize(w, textBuffer)
	return &csvWriter{buf: buf, w: csv.NewWriter(buf)}
}

func (c *csvWriter) Write(rows []Row) error {
	if !c.header {
		c.header = true
		if err := c.w.Write(columns.Get()); err != nil {
			return err
		}
	}
	for i := range rows {
		c.cells = rows[i].cells(c.cells[:0])
		c.fields = c.fields[:0]
		for _, v := range c.cells {
			c.fields = append(c.fields, c.text(v))
		}
		if err := c.w.Write(c.fields); err != nil {
			return err
		}
	}
	return nil
}

// text is v as a CSV field.
func (c *csvWriter) text(v cell) string {
	switch v.kind {
	case cellString, cellJSON:
		return v.s
	case cellInt:
		return strconv.FormatInt(v.n, 10)
	case cellDate:
		return string(appendDate(c.date[:0], v.n))
	}
	return ""
}

func (c *csvWriter) Buffered() int { return c.buf.Buffered() }

func (c *csvWriter) Flush() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.buf.Flush()
}

func (c *csvWriter) Close() error { return c.Flush() }

// jsonlWriter writes rows as JSON lines: one object a row, with the
// columns as keys, in their order; NULL is null, ancestors an array of
// objects, event_json the event as a string.
type jsonlWriter struct {
	buf   *bufio.Writer
	line  []byte
	cells []cell
}

func newJSONLWriter(w io.Writer) RowWriter {
	return &jsonlWriter{buf: bufio.NewWriterSize(w, textBuffer)}
}

func (j *jsonlWriter) Write(rows []Row) error {
	names := columns.Get()
	for i := range rows {
		j.cells = rows[i].cells(j.cells[:0])
		j.line = j.line[:0]
		for k, v := range j.cells {
			sep := byte(',')
			if k == 0 {
				sep = '{'
			}
			j.line = append(append(append(j.line, sep, '"'), names[k]...), `":`...)
			j.line = appendJSONCell(j.line, v)
		}
		j.line = append(j.line, "}\n"...)
		if _, err := j.buf.Write(j.line); err != nil {
			return err
		}
	}
	return nil
}

func (j *jsonlWriter) Buffered() int { return j.buf.Buffered() }
func (j *jsonlWriter) Flush() error  { return j.buf.Flush() }
func (j *jsonlWriter) Close() error  { return j.buf.Flush() }
