package parquet

import (
	"encoding/binary"
	"io"
)

// Codec compresses pages.
type Codec interface {
	// Encode appends src compressed to dst[:0].
	Encode(dst, src []byte) ([]byte, error)
	// CompressionCodec is the codec's number in the format (ZSTD is 6).
	CompressionCodec() int32
}

// Options are a Writer's settings; zero values take the defaults.
type Options struct {
	// Codec compresses the pages; nil leaves them uncompressed.
	Codec Codec
	// CreatedBy names the writer in the footer.
	CreatedBy string
	// PageBytes is the size, about, of a page before compression:
	// a column's page ends at the first row boundary past it.
	PageBytes int
	// DictionaryMaxBytes is the most a chunk's dictionary holds (its
	// values, PLAIN encoded): past it, the column is written PLAIN for the
	// rest of the chunk.
	DictionaryMaxBytes int
}

// Defaults of Options: the page size of parquet-go and of Arrow's C++
// writer was 256 KiB and 1 MiB; dictionaries stop at 1 MiB in both.
const (
	DefaultPageBytes          = 256 << 10
	DefaultDictionaryMaxBytes = 1 << 20
)

// Writer writes one Parquet file of a fixed schema: values go to its
// columns, a row at a time (see Column); EndRow ends each row, Flush
// writes a row group, Close the footer.
type Writer struct {
	out    io.Writer
	opts   Options
	schema Node
	cols   []*Column

	offset    int64 // bytes written to out
	rows      int64 // rows of the row group being filled
	rowGroups []rowGroup
	err       error // the first write error: the file is lost

	// scratch buffers, shared by the columns
	body, packed []byte
	thrift       thriftWriter
}

// rowGroup is what the footer says of a row group written.
type rowGroup struct {
	rows, offset, size, compressed int64
	chunks                         []chunk
}

// chunk is what the footer says of a column chunk written.
type chunk struct {
	values                   int64
	offset, dictSize         int64 // dictSize 0 when there is no dictionary page
	uncompressed, compressed int64
	plain, dict, levels      bool
	stats                    summary
}

var magic = []byte("PAR1")

// NewWriter starts a file of schema on out; nothing is written before
// the first Flush or Close.
func NewWriter(out io.Writer, schema Node, opts Options) *Writer {
	if opts.PageBytes <= 0 {
		opts.PageBytes = DefaultPageBytes
	}
	if opts.DictionaryMaxBytes <= 0 {
		opts.DictionaryMaxBytes = DefaultDictionaryMaxBytes
	}
	w := &Writer{out: out, opts: opts, schema: schema}
	for _, l := range leaves(&schema) {
		c := &Column{leaf: l, w: w, dictOn: l.Dict}
		if l.Dict {
			c.dict = map[string]uint32{}
		}
		w.cols = append(w.cols, c)
	}
	return w
}

// Columns are the leaves' columns, in the schema's order.
func (w *Writer) Columns() []*Column { return w.cols }

// EndRow ends a row, when each column has taken its values: a column's
// page ends when it has grown large.
func (w *Writer) EndRow() error {
	w.rows++
	for _, c := range w.cols {
		if c.pageBytes() >= w.opts.PageBytes {
			if err := c.endPage(); err != nil {
				return w.fail(err)
			}
		}
	}
	return nil
}

func (w *Writer) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	return w.err
}

// start writes the magic number a file begins with, once.
func (w *Writer) start() error {
	if w.offset > 0 {
		return nil
	}
	return w.write(magic)
}

func (w *Writer) write(b []byte) error {
	if w.err != nil {
		return w.err
	}
	n, err := w.out.Write(b)
	w.offset += int64(n)
	if err != nil {
		return w.fail(err)
	}
	return nil
}

// Flush writes the rows taken since the last one as a row group: each
// column's chunk, its dictionary page first.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	if w.rows == 0 {
		return nil
	}
	if err := w.start(); err != nil {
		return err
	}
	rg := rowGroup{rows: w.rows, offset: w.offset}
	for _, c := range w.cols {
		if err := c.endPage(); err != nil {
			return w.fail(err)
		}
		var dictPage []byte
		if c.dictPages {
			if err := c.dictionaryPage(&dictPage); err != nil {
				return w.fail(err)
			}
		}
		ch := chunk{
			values: c.chunkValues, offset: w.offset, dictSize: int64(len(dictPage)),
			uncompressed: c.uncompressed, compressed: int64(len(dictPage) + len(c.pages)),
			plain: c.plainPages || c.dictPages, dict: c.dictPages,
			levels: c.leaf.MaxDef > 0 || c.leaf.MaxRep > 0,
			stats:  c.stats.summary(c.leaf.Kind),
		}
		if err := w.write(dictPage); err != nil {
			return err
		}
		if err := w.write(c.pages); err != nil {
			return err
		}
		rg.size += ch.uncompressed
		rg.compressed += ch.compressed
		rg.chunks = append(rg.chunks, ch)
		c.endChunk()
	}
	w.rowGroups = append(w.rowGroups, rg)
	w.rows = 0
	return nil
}

// dictionaryPage appends the dictionary page of the chunk to dst.
func (c *Column) dictionaryPage(dst *[]byte) error {
	w := c.w
	body := w.body[:0]
	for _, v := range c.dictVals {
		body = appendPlainString(body, v)
	}
	w.body = body
	return c.appendPage(dst, body, pageDictionary, func(t *thriftWriter) {
		t.structField(7) // DictionaryPageHeader
		t.i32(1, int32(len(c.dictVals)))
		t.i32(2, encodingPlain)
		t.end()
	})
}

// endChunk readies the column for the next row group.
func (c *Column) endChunk() {
	c.pages = c.pages[:0]
	c.chunkValues, c.uncompressed = 0, 0
	c.dictPages, c.plainPages = false, false
	c.stats.reset()
	c.dictOn = c.leaf.Dict
	if c.dict != nil {
		c.resetDict()
	}
}

// Close flushes the last row group and writes the footer. It does not
// close the underlying writer.
func (w *Writer) Close() error {
	if err := w.Flush(); err != nil {
		return err
	}
	if err := w.start(); err != nil {
		return err
	}
	t := &w.thrift
	t.buf = t.buf[:0]
	w.footer(t)
	t.buf = binary.LittleEndian.AppendUint32(t.buf, uint32(len(t.buf)))
	t.buf = append(t.buf, magic...)
	return w.write(t.buf)
}

// footer appends the FileMetaData.
func (w *Writer) footer(t *thriftWriter) {
	t.begin()
	t.i32(1, 1) // version
	writeSchema(t, &w.schema)
	var rows int64
	for _, rg := range w.rowGroups {
		rows += rg.rows
	}
	t.i64(3, rows)
	t.list(4, tStruct, len(w.rowGroups))
	for _, rg := range w.rowGroups {
		t.begin()
		t.list(1, tStruct, len(rg.chunks))
		for i, ch := range rg.chunks {
			w.writeChunk(t, &ch, w.cols[i].leaf)
		}
		t.i64(2, rg.size)
		t.i64(3, rg.rows)
		t.i64(5, rg.offset)
		t.i64(6, rg.compressed)
		t.end()
	}
	if w.opts.CreatedBy != "" {
		t.string(6, w.opts.CreatedBy)
	}
	// column_orders: every column's min and max are in its type's order.
	t.list(7, tStruct, len(w.cols))
	for range w.cols {
		t.begin()
		t.structField(1) // TYPE_ORDER
		t.end()
		t.end()
	}
	t.end()
}

// writeChunk appends a ColumnChunk of leaf l.
func (w *Writer) writeChunk(t *thriftWriter, ch *chunk, l Leaf) {
	t.begin()
	t.i64(2, ch.offset) // file_offset
	t.structField(3)    // meta_data
	typ := int32(typeInt64)
	if l.Kind == String {
		typ = typeByteArray
	}
	t.i32(1, typ)
	var encodings []int32
	if ch.plain {
		encodings = append(encodings, encodingPlain)
	}
	if ch.levels {
		encodings = append(encodings, encodingRLE)
	}
	if ch.dict {
		encodings = append(encodings, encodingRLEDictionary)
	}
	t.list(2, tI32, len(encodings))
	for _, e := range encodings {
		t.i32Element(e)
	}
	t.list(3, tBinary, len(l.Path))
	for _, p := range l.Path {
		t.stringElement(p)
	}
	codec := int32(0)
	if w.opts.Codec != nil {
		codec = w.opts.Codec.CompressionCodec()
	}
	t.i32(4, codec)
	t.i64(5, ch.values)
	t.i64(6, ch.uncompressed)
	t.i64(7, ch.compressed)
	dataOffset := ch.offset
	if ch.dict {
		// The dictionary page comes first: the data pages after it.
		dataOffset = ch.offset + ch.dictSize
	}
	t.i64(9, dataOffset)
	if ch.dict {
		t.i64(11, ch.offset)
	}
	ch.stats.write(t, 12)
	t.end()
	t.end()
}
