package export

import (
	"io"

	"github.com/parquet-go/parquet-go"
)

// rowOverhead is what a row's columns but event_json take in a writer's
// buffers, about: counted so that rows of tiny events still flush.
const rowOverhead = 64

// parquetWriter writes rows as one Parquet file, zstd-compressed.
type parquetWriter struct {
	w *parquet.GenericWriter[Row]
	// pending is the size of the rows not written out yet (event_json's,
	// and rowOverhead a row): a proxy of the memory the row group holds.
	pending int
}

// pageCodec compresses the pages of every file: encoders are shared, not
// kept one set per open file.
var pageCodec = newZstdCodec()

func newParquetWriter(w io.Writer) RowWriter {
	return &parquetWriter{w: parquet.NewGenericWriter[Row](w,
		parquet.Compression(pageCodec),
		parquet.CreatedBy("csmctl", "", ""),
	)}
}

func (p *parquetWriter) Write(rows []Row) error {
	for i := range rows {
		p.pending += len(rows[i].EventJSON) + rowOverhead
	}
	_, err := p.w.Write(rows)
	return err
}

func (p *parquetWriter) Buffered() int { return p.pending }

func (p *parquetWriter) Flush() error {
	p.pending = 0
	return p.w.Flush()
}

func (p *parquetWriter) Close() error {
	p.pending = 0
	return p.w.Close()
}
