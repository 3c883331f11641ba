package export

import (
	"io"
	"reflect"
	"strings"

	"github.com/csmctl/csmctl/internal/memo"
	"github.com/csmctl/csmctl/internal/parquet"
)

// rowOverhead is what a row's columns but event_json take in a writer's
// buffers, about: counted so that rows of tiny events still flush.
const rowOverhead = 64

// parquetWriter writes rows as one Parquet file, zstd-compressed.
type parquetWriter struct {
	w    *parquet.Writer
	cols []*parquet.Column
	// pending is the size of the rows not written out yet (event_json's,
	// and rowOverhead a row): a proxy of the memory the row group holds.
	pending int
}

// pageCodec compresses the pages of every file: encoders are shared, not
// kept one set per open file.
var pageCodec = &zstdCodec{}

// rowSchema is Row's Parquet schema, read from its parquet tags when the
// first file is written (not at every csmctl start).
var rowSchema = memo.Value[parquet.Node]{New: func() parquet.Node { return schemaOf("Row", reflect.TypeFor[Row]()) }}

// parquetOptions are the writer's settings: default sizes.
var parquetOptions = parquet.Options{Codec: pageCodec, CreatedBy: "csmctl"}

func newParquetWriter(w io.Writer) RowWriter { return newParquetWriterWith(w, parquetOptions) }

// newParquetWriterWith is newParquetWriter with other settings (tests
// lower the sizes).
func newParquetWriterWith(w io.Writer, opts parquet.Options) *parquetWriter {
	pw := parquet.NewWriter(w, rowSchema.Get(), opts)
	return &parquetWriter{w: pw, cols: pw.Columns()}
}

func (p *parquetWriter) Write(rows []Row) error {
	for i := range rows {
		p.pending += len(rows[i].EventJSON) + rowOverhead
		p.put(&rows[i])
		if err := p.w.EndRow(); err != nil {
			return err
		}
	}
	return nil
}

// put gives r's values to the columns, in Row's order: a NULL is a nil
// integer or an empty optional string; the ancestors are a list, empty or
// not, of groups of three optional leaves.
func (p *parquetWriter) put(r *Row) {
	c := p.cols
	optInt(c[0], r.Date)
	for i, s := range [...]string{r.DateText, r.Host, r.OS, r.RuleID, r.RuleVersion, r.Title, r.Event, r.Category, r.Outcome} {
		optString(c[1+i], s)
	}
	optInt(c[10], r.PID)
	optInt(c[11], r.PPID)
	for i, s := range [...]string{r.ExecutablePath, r.Cmdline, r.User, r.ContainerID, r.FilePath, r.FileDestinationPath, r.RegistryKeyPath, r.DNSQuestionName, r.NetworkDestinationIP} {
		optString(c[12+i], s)
	}
	optInt(c[21], r.NetworkDestinationPort)
	optInt(c[22], r.ExitCode)
	pid, path, cmdline := c[23], c[24], c[25]
	if len(r.Ancestors) == 0 {
		pid.Null(0, 0)
		path.Null(0, 0)
		cmdline.Null(0, 0)
	}
	for i, a := range r.Ancestors {
		rep := min(i, 1)
		listInt(pid, rep, a.PID)
		listString(path, rep, a.ExecutablePath)
		listString(cmdline, rep, a.Cmdline)
	}
	c[26].String(0, r.SourceFile)
	c[27].Int64(0, r.SourceLine)
	c[28].String(0, r.EventJSON)
}

// optInt and optString put a top-level optional value.
func optInt(c *parquet.Column, v *int64) { listInt(c, 0, v) }

func optString(c *parquet.Column, s string) { listString(c, 0, s) }

// listInt and listString put a value at repetition rep: NULL one level
// below the leaf's.
func listInt(c *parquet.Column, rep int, v *int64) {
	if v == nil {
		c.Null(rep, c.Leaf().MaxDef-1)
		return
	}
	c.Int64(rep, *v)
}

func listString(c *parquet.Column, rep int, s string) {
	if s == "" {
		c.Null(rep, c.Leaf().MaxDef-1)
		return
	}
	c.String(rep, s)
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

// schemaOf is the schema of struct t, a message named name: a field's
// tag is `parquet:"NAME[,optional][,dict][,list][,timestamp(microsecond:utc)]"`;
// *int64 and int64 are INT64, string is a STRING, a slice of structs a
// list of groups.
func schemaOf(name string, t reflect.Type) parquet.Node {
	n := parquet.Node{Name: name, Kind: parquet.Group}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("parquet"), ",")
		field := parquet.Node{Name: tag[0]}
		for _, opt := range tag[1:] {
			switch {
			case opt == "optional":
				field.Repetition = parquet.Optional
			case opt == "dict":
				field.Dict = true
			case strings.HasPrefix(opt, "timestamp"):
				field.Kind = parquet.Timestamp
			}
		}
		switch ft := f.Type; {
		case field.Kind == parquet.Timestamp:
		case ft.Kind() == reflect.String:
			field.Kind = parquet.String
		case ft.Kind() == reflect.Slice:
			field.Kind = parquet.List
			field.Fields = []parquet.Node{schemaOf("element", ft.Elem())}
		default:
			field.Kind = parquet.Int64
		}
		n.Fields = append(n.Fields, field)
	}
	return n
}
