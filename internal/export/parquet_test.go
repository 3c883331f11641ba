package export

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/parquet"
	"github.com/csmctl/csmctl/internal/pipeline"
)

// smallPages are settings that make many pages, and dictionaries that
// fall back to PLAIN after a few values.
var smallPages = parquet.Options{Codec: pageCodec, CreatedBy: "csmctl", PageBytes: 64, DictionaryMaxBytes: 128}

// capture keeps the rows given to the file it writes.
type capture struct {
	*parquetWriter
	rows *[]Row
}

func (c capture) Write(rows []Row) error {
	*c.rows = append(*c.rows, rows...)
	return c.parquetWriter.Write(rows)
}

// exportedRows exports files as Parquet, one file, with opts and row
// groups of a few KiB, and returns the file and the rows written into it.
func exportedRows(t *testing.T, opts parquet.Options, files ...string) ([]byte, []Row) {
	t.Helper()
	var rows []Row
	format := Parquet
	format.New = func(w io.Writer) RowWriter { return capture{newParquetWriterWith(w, opts), &rows} }
	p, err := pipeline.New(pipeline.Options{
		Files: files, Reading: input.Options{MaxRecord: input.DefaultMaxRecord}, Workers: 2, ErrOut: io.Discard,
	})
	defer p.Close()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := runWith(p, Options{Dir: dir, Format: format, Partition: NoPartition}, limits{chunk: 1500, waitCap: 1 << 20, rowGroup: 3000, bufferCap: 1 << 20, openCap: 1}); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	b, err := os.ReadFile(filepath.Join(dir, "part-0.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	return b, rows
}

// writeOurs writes rows with our writer, a row group every groupRows.
func writeOurs(t testing.TB, opts parquet.Options, rows []Row, groupRows int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := newParquetWriterWith(&buf, opts)
	for i := 0; i < len(rows); i += groupRows {
		if err := w.Write(rows[i:min(i+groupRows, len(rows))]); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeReference writes rows with parquet-go, the reference.
func writeReference(t testing.TB, rows []Row) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := pq.NewGenericWriter[Row](&buf)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// leafRows reads a file with parquet-go, as rows of leaf values with
// their levels: NULL and "" differ, as do the levels of lists.
func leafRows(t testing.TB, b []byte) (string, []pq.Row) {
	t.Helper()
	f, err := pq.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out []pq.Row
	buf := make([]pq.Row, 16)
	for _, rg := range f.RowGroups() {
		r := rg.Rows()
		for {
			n, err := r.ReadRows(buf)
			for _, row := range buf[:n] {
				out = append(out, row.Clone())
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		r.Close()
	}
	return f.Schema().String(), out
}

// sameRows checks that a file read back with parquet-go holds rows, and
// the same leaf values, levels included, as parquet-go's own file of them.
func sameRows(t testing.TB, ours []byte, rows []Row) {
	t.Helper()
	got, err := pq.Read[Row](bytes.NewReader(ours), int64(len(ours)))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("%d rows read back, want %d", len(got), len(rows))
	}
	for i := range rows {
		if g, w := normal(got[i]), normal(rows[i]); !reflect.DeepEqual(g, w) {
			t.Fatalf("row %d read back:\n%+v\nwant\n%+v", i, g, w)
		}
	}
	schema, leaves := leafRows(t, ours)
	for i := range rows {
		checkLeaves(t, i, leaves[i], &rows[i])
	}
	refSchema, refLeaves := leafRows(t, writeReference(t, rows))
	if schema != refSchema {
		t.Fatalf("schema:\n%s\nparquet-go's:\n%s", schema, refSchema)
	}
	if len(leaves) != len(refLeaves) {
		t.Fatalf("%d rows of leaves, parquet-go's file %d", len(leaves), len(refLeaves))
	}
	for i := range leaves {
		if len(leaves[i]) != len(refLeaves[i]) {
			t.Fatalf("row %d: %d leaf values, parquet-go's file %d", i, len(leaves[i]), len(refLeaves[i]))
		}
		for j, v := range leaves[i] {
			ref := refLeaves[i][j]
			if pq.Equal(v, ref) && v.DefinitionLevel() == ref.DefinitionLevel() && v.RepetitionLevel() == ref.RepetitionLevel() {
				continue
			}
			// parquet-go (v0.32.0) writes an optional "" that follows a
			// value in a column's page as "", not NULL (DuckDB reads ""
			// too): Row says NULL, and checkLeaves has checked it is.
			if v.IsNull() && ref.Kind() == pq.ByteArray && len(ref.ByteArray()) == 0 {
				continue
			}
			t.Fatalf("row %d, column %d: %s (levels %d, %d); parquet-go's file: %s (levels %d, %d)", i, v.Column(),
				short(v), v.RepetitionLevel(), v.DefinitionLevel(), short(ref), ref.RepetitionLevel(), ref.DefinitionLevel())
		}
	}
}

// checkLeaves checks the leaf values of row i read back against what
// Row's fields and tags say they are: NULL for a nil integer and an empty
// optional string, and for an empty list.
func checkLeaves(t testing.TB, i int, got pq.Row, r *Row) {
	t.Helper()
	var want []any
	for _, col := range leafValues(r) {
		want = append(want, col...)
	}
	if len(got) != len(want) {
		t.Fatalf("row %d: %d leaf values, want %d", i, len(got), len(want))
	}
	for k, v := range got {
		ok := false
		switch w := want[k].(type) {
		case nil:
			ok = v.IsNull()
		case int64:
			ok = !v.IsNull() && v.Int64() == w
		case string:
			ok = !v.IsNull() && string(v.ByteArray()) == w
		}
		if !ok {
			t.Fatalf("row %d, column %d: %s, want %v", i, v.Column(), short(v), want[k])
		}
	}
}

// short is the start of a value, quoted.
func short(v pq.Value) string {
	if v.IsNull() {
		return "NULL"
	}
	s := v.String()
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return strconv.Quote(s)
}

// normal is r with no ancestors as nil (the reader may give an empty
// list).
func normal(r Row) Row {
	if len(r.Ancestors) == 0 {
		r.Ancestors = nil
	}
	return r
}

// Every example and hostile file, exported in row groups of a few rows
// and pages of a few values, reads back with parquet-go as the rows that
// were written, and as parquet-go's own file of them.
func TestParquetDifferential(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../examples/*", "../../testdata/hostile/*"} {
		matches, _ := filepath.Glob(pattern)
		for _, f := range matches {
			if ext := filepath.Ext(f); ext == ".ndjson" || ext == ".json" || ext == ".gz" {
				files = append(files, f)
			}
		}
	}
	if len(files) < 30 {
		t.Fatalf("%d files, want the examples and the hostile files", len(files))
	}
	for _, opts := range []parquet.Options{parquetOptions, smallPages} {
		for _, f := range files {
			t.Run(filepath.Base(f)+"/"+pageName(opts), func(t *testing.T) {
				b, rows := exportedRows(t, opts, f)
				if rows == nil {
					return // no event
				}
				sameRows(t, b, rows)
			})
		}
	}
}

func pageName(opts parquet.Options) string {
	if opts.PageBytes != 0 {
		return "small-pages"
	}
	return "default"
}

// edgeRows are rows no example has: NULLs and values side by side, empty
// required strings, lists of 0, 1 and many ancestors with NULL fields,
// bytes that are not UTF-8, a 1.5 MiB event, extreme integers, and more
// distinct values in the dictionary columns than a small dictionary holds.
func edgeRows() []Row {
	var rows []Row
	for i := range 300 {
		n := int64(i)
		r := Row{
			SourceLine: n,
			SourceFile: []string{"a.ndjson", "", "b.ndjson"}[i%3],
			EventJSON:  []string{`{"i":` + strconv.Itoa(i) + `}`, ""}[i%2],
			Host:       []string{"", "host-" + strconv.Itoa(i), "h"}[i%3], // past the small dictionary
			OS:         []string{"linux", "", "windows"}[i%3],
			Title:      "\xff\xfe not UTF-8 \x00\x1b[31m",
			Cmdline:    strings.Repeat("é", i%7),
		}
		switch i % 5 {
		case 0:
		case 1:
			r.Ancestors = []Ancestor{}
		case 2:
			r.Ancestors = []Ancestor{{PID: &n}}
		case 3:
			r.Ancestors = []Ancestor{{}, {ExecutablePath: "/bin/sh"}, {PID: &n, Cmdline: "sh -c x"}, {}}
		case 4:
			r.Ancestors = []Ancestor{{PID: &n, ExecutablePath: "/sbin/init", Cmdline: "init"}}
		}
		if i%2 == 0 {
			r.PID, r.Date = &n, &n
		}
		if i%4 == 1 {
			lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
			r.PPID, r.ExitCode = &lo, &hi
		}
		rows = append(rows, r)
	}
	rows[150].EventJSON = strings.Repeat("x", 3<<19)
	return rows
}

// The edge rows read back as written, in one row group or in many, with
// the default sizes or with pages of a few values and dictionaries that
// fall back to PLAIN.
func TestParquetEdgeRows(t *testing.T) {
	rows := edgeRows()
	for _, tt := range []struct {
		name  string
		opts  parquet.Options
		group int
	}{
		{"one-group", parquetOptions, len(rows)},
		{"groups-of-7", parquetOptions, 7},
		{"small-pages", smallPages, 64},
		{"uncompressed", parquet.Options{PageBytes: 100}, 1000},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sameRows(t, writeOurs(t, tt.opts, rows, tt.group), rows)
		})
	}
	t.Run("no-rows", func(t *testing.T) {
		sameRows(t, writeOurs(t, parquetOptions, nil, 1), nil)
	})
}

// shortWriter takes n bytes, then fails, as a full disk does.
type shortWriter struct{ n int }

func (w *shortWriter) Write(b []byte) (int, error) {
	if len(b) > w.n {
		k := w.n
		w.n = 0
		return k, errors.New("no space left on device")
	}
	w.n -= len(b)
	return len(b), nil
}

// A write that fails fails the row group's flush, and every call after.
func TestParquetWriteError(t *testing.T) {
	rows := edgeRows()
	whole := len(writeOurs(t, parquetOptions, rows, len(rows)))
	for _, room := range []int{0, 3, 100, whole / 2} {
		w := newParquetWriterWith(&shortWriter{room}, parquetOptions)
		if err := w.Write(rows); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err == nil || !strings.Contains(err.Error(), "no space") {
			t.Errorf("room %d: flush: %v", room, err)
		}
		if err := w.Close(); err == nil {
			t.Errorf("room %d: close after a failed flush: no error", room)
		}
	}
}

// leafValues are the values of r's columns, from Row's fields and tags
// (not from the writer's code): nil for NULL; a list's leaves have a
// value an element, or one NULL for an empty list.
func leafValues(r *Row) [][]any {
	var out [][]any
	var add func(v reflect.Value, tag string, into *[]any)
	add = func(v reflect.Value, tag string, into *[]any) {
		optional := strings.Contains(tag, ",optional")
		switch {
		case v.Kind() == reflect.Pointer && v.IsNil(), v.Kind() == reflect.String && optional && v.String() == "":
			*into = append(*into, nil)
		case v.Kind() == reflect.Pointer:
			*into = append(*into, v.Elem().Int())
		case v.Kind() == reflect.String:
			*into = append(*into, v.String())
		default:
			*into = append(*into, v.Int())
		}
	}
	rv := reflect.ValueOf(r).Elem()
	for i := range rv.NumField() {
		f, tag := rv.Field(i), rv.Type().Field(i).Tag.Get("parquet")
		if f.Kind() != reflect.Slice {
			var col []any
			add(f, tag, &col)
			out = append(out, col)
			continue
		}
		et := f.Type().Elem()
		cols := make([][]any, et.NumField())
		for j := range cols {
			if f.Len() == 0 {
				cols[j] = []any{nil}
			}
			for k := range f.Len() {
				add(f.Index(k).Field(j), et.Field(j).Tag.Get("parquet"), &cols[j])
			}
		}
		out = append(out, cols...)
	}
	return out
}

// wantStats are the null count, min and max of a column's values (no
// min and max when all are NULL), in signed order for integers and
// byte-wise order for strings.
func wantStats(values []any) (nulls int64, lo, hi any) {
	for _, v := range values {
		switch v := v.(type) {
		case nil:
			nulls++
		case int64:
			if lo == nil || v < lo.(int64) {
				lo = v
			}
			if hi == nil || v > hi.(int64) {
				hi = v
			}
		case string:
			if lo == nil || v < lo.(string) {
				lo = v
			}
			if hi == nil || v > hi.(string) {
				hi = v
			}
		}
	}
	return nulls, lo, hi
}

// Each chunk's statistics, read with parquet-go, hold the null count, and
// min and max of its values (strings of more than 64 bytes as bounds of
// 64 bytes at most), none when all are NULL; the dictionary columns have a
// dictionary page, their data pages are dictionary encoded, or PLAIN too
// after a fallback.
func TestParquetStatistics(t *testing.T) {
	rows := edgeRows()
	const group = 64
	for _, opts := range []parquet.Options{parquetOptions, smallPages} {
		t.Run(pageName(opts), func(t *testing.T) {
			b := writeOurs(t, opts, rows, group)
			f, err := pq.OpenFile(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			meta := f.Metadata()
			if meta.CreatedBy != "csmctl" || meta.NumRows != int64(len(rows)) || len(meta.RowGroups) != (len(rows)+group-1)/group {
				t.Fatalf("created by %q, %d rows, %d row groups", meta.CreatedBy, meta.NumRows, len(meta.RowGroups))
			}
			fallBack := false
			for g, rg := range meta.RowGroups {
				first := g * group
				var cols [][]any
				for i := first; i < min(first+group, len(rows)); i++ {
					for c, vs := range leafValues(&rows[i]) {
						if c == len(cols) {
							cols = append(cols, nil)
						}
						cols[c] = append(cols[c], vs...)
					}
				}
				if len(rg.Columns) != len(cols) || rg.NumRows != int64(min(group, len(rows)-first)) {
					t.Fatalf("row group %d: %d columns, %d rows", g, len(rg.Columns), rg.NumRows)
				}
				for c, cc := range rg.Columns {
					md := cc.MetaData
					name := strings.Join(md.PathInSchema, ".")
					st := md.Statistics
					nulls, lo, hi := wantStats(cols[c])
					if st.NullCount != nulls || md.NumValues != int64(len(cols[c])) || md.Codec != wantCodec(opts) {
						t.Errorf("group %d %s: %d nulls, %d values, codec %v; want %d, %d", g, name, st.NullCount, md.NumValues, md.Codec, nulls, len(cols[c]))
					}
					checkBounds(t, fmt.Sprintf("group %d %s", g, name), st.MinValue, st.MaxValue, lo, hi)
					encodings := []format.Encoding(md.Encoding)
					dict := slices.Contains(encodings, format.RLEDictionary)
					plain := slices.Contains(encodings, format.Plain)
					if dict != (md.DictionaryPageOffset > 0) {
						t.Errorf("group %d %s: encodings %v, dictionary page at %d", g, name, encodings, md.DictionaryPageOffset)
					}
					isDict := strings.Contains(reflect.TypeFor[Row]().Field(min(c, 23)).Tag.Get("parquet"), ",dict") || name == "source_file"
					if isDict && !dict && (opts.DictionaryMaxBytes == 0 || name != "host") || !isDict && dict {
						t.Errorf("group %d %s: encodings %v", g, name, encodings)
					}
					indexed, pages := dataPages(t, f.RowGroups()[g].ColumnChunks()[c])
					if indexed > 0 && !dict || dict && !plain {
						t.Errorf("group %d %s: %d of %d pages dictionary encoded, encodings %v", g, name, indexed, pages, encodings)
					}
					if name == "host" && indexed > 0 && indexed < pages {
						fallBack = true
					}
					// A page ends past 64 bytes: event_json's and source_line's
					// take a few rows.
					if opts.PageBytes != 0 && (name == "event_json" || name == "source_line") && pages < 2 {
						t.Errorf("group %d %s: %d data pages of small pages", g, name, pages)
					}
				}
			}
			if want := opts.DictionaryMaxBytes != 0; fallBack != want {
				t.Errorf("host's dictionary fell back to PLAIN: %v, want %v", fallBack, want)
			}
		})
	}
}

func wantCodec(opts parquet.Options) format.CompressionCodec {
	if opts.Codec == nil {
		return format.Uncompressed
	}
	return format.Zstd
}

// checkBounds checks a chunk's min and max: lo and hi as PLAIN, or
// bounds of them when strings are long.
func checkBounds(t *testing.T, where string, gotLo, gotHi []byte, lo, hi any) {
	t.Helper()
	switch lo := lo.(type) {
	case nil:
		if gotLo != nil || gotHi != nil {
			t.Errorf("%s: min %q max %q of NULLs only", where, gotLo, gotHi)
		}
	case int64:
		if len(gotLo) != 8 || len(gotHi) != 8 || int64(binary.LittleEndian.Uint64(gotLo)) != lo || int64(binary.LittleEndian.Uint64(gotHi)) != hi.(int64) {
			t.Errorf("%s: min %x max %x, want %d, %d", where, gotLo, gotHi, lo, hi)
		}
	case string:
		hi := hi.(string)
		if len(lo) <= 64 && string(gotLo) != lo || !strings.HasPrefix(lo, string(gotLo)) || len(gotLo) > 64 {
			t.Errorf("%s: min %q, want %q", where, gotLo, lo)
		}
		if len(hi) <= 64 && string(gotHi) != hi || string(gotHi) < hi || len(gotHi) > 64 {
			t.Errorf("%s: max %q, want %q", where, short(pq.ValueOf(gotHi)), short(pq.ValueOf(hi)))
		}
	}
}

// dataPages counts the data pages of a column chunk, and those of them
// that are dictionary encoded.
func dataPages(t *testing.T, c pq.ColumnChunk) (indexed, all int) {
	t.Helper()
	pages := c.Pages()
	defer pages.Close()
	for {
		p, err := pages.ReadPage()
		if errors.Is(err, io.EOF) {
			return indexed, all
		}
		if err != nil {
			t.Fatal(err)
		}
		all++
		if p.Dictionary() != nil {
			indexed++
		}
	}
}

// fuzzRows makes rows of data: each string field takes a few of its
// bytes, whatever they are, each integer is NULL or eight bytes, each
// row has up to three ancestors.
func fuzzRows(data []byte) []Row {
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		for i := range v.NumField() {
			f := v.Field(i)
			switch f.Kind() {
			case reflect.String:
				n := min(int(next()%12), len(data))
				f.SetString(string(data[:n]))
				data = data[n:]
			case reflect.Int64, reflect.Pointer:
				if next()%3 == 0 && f.Kind() == reflect.Pointer {
					continue
				}
				var b [8]byte
				n := copy(b[:], data)
				data = data[n:]
				x := int64(binary.LittleEndian.Uint64(b[:]))
				if f.Kind() == reflect.Pointer {
					f.Set(reflect.ValueOf(&x))
				} else {
					f.SetInt(x)
				}
			case reflect.Slice:
				n := int(next() % 4)
				f.Set(reflect.MakeSlice(f.Type(), n, n))
				for k := range n {
					fill(f.Index(k))
				}
			}
		}
	}
	var rows []Row
	for len(data) > 0 && len(rows) < 100 {
		var r Row
		fill(reflect.ValueOf(&r).Elem())
		rows = append(rows, r)
	}
	return rows
}

// Random rows, with strings of any bytes, written in row groups of a
// few rows with small pages and dictionaries, read back as they were
// written, and as parquet-go's file of them.
func FuzzParquetRows(f *testing.F) {
	f.Add([]byte("\x05hello\x01\x02\x03\x04\x05\x06\x07\x08\x00\x03abc\x02"), uint8(3))
	f.Add(bytes.Repeat([]byte("\xff\x00\x07\x80abcdefgh"), 40), uint8(1))
	f.Add([]byte{}, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, group uint8) {
		rows := fuzzRows(data)
		if len(rows) == 0 {
			return
		}
		opts := smallPages
		opts.PageBytes = 16 + int(group)
		sameRows(t, writeOurs(t, opts, rows, 1+int(group%16)), rows)
	})
}
