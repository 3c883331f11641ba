package export

import "io"

// Format is one --format: the extension of its files and how a file of
// rows is written.
type Format struct {
	Name string
	Ext  string // with its dot
	// New starts a file of rows on w; Close ends it (a footer), and does
	// not close w.
	New func(w io.Writer) RowWriter
}

// RowWriter writes rows into one file.
type RowWriter interface {
	Write(rows []Row) error
	// Buffered is how many bytes the writer holds in memory, not yet on
	// w: the exporter flushes the writer holding most when the writers
	// together hold too much.
	Buffered() int
	Flush() error
	Close() error
}

// The formats export writes.
var (
	Parquet = Format{Name: "parquet", Ext: ".parquet", New: newParquetWriter}
	CSV     = Format{Name: "csv", Ext: ".csv", New: newCSVWriter}
	JSONL   = Format{Name: "jsonl", Ext: ".jsonl", New: newJSONLWriter}
)
