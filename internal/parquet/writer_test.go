package parquet

import (
	"bytes"
	"reflect"
	"testing"

	pq "github.com/parquet-go/parquet-go"
)

// doc is a schema export does not have: a list of strings, a required
// string, a dictionary column, in parquet-go's tags for the reference.
type doc struct {
	ID   int64    `parquet:"id"`
	Tags []string `parquet:"tags,list"`
	Name string   `parquet:"name,optional,dict"`
	Body string   `parquet:"body"`
}

var docSchema = Node{Name: "doc", Kind: Group, Fields: []Node{
	{Name: "id", Kind: Int64},
	{Name: "tags", Kind: List, Fields: []Node{{Kind: String}}},
	{Name: "name", Repetition: Optional, Kind: String, Dict: true},
	{Name: "body", Kind: String},
}}

// A file of another schema, written a row group every three rows, reads
// back with parquet-go as the rows written, with parquet-go's schema.
func TestWriterOtherSchema(t *testing.T) {
	docs := []doc{
		{ID: 1, Tags: []string{"a", "b"}, Name: "x", Body: ""},
		{ID: -2, Body: "\xff"},
		{ID: 3, Tags: []string{""}, Name: "x", Body: "b"},
		{ID: 4, Tags: []string{"c"}, Name: "y", Body: "c"},
	}
	var buf bytes.Buffer
	w := NewWriter(&buf, docSchema, Options{CreatedBy: "test"})
	cols := w.Columns()
	if got := []int{cols[1].Leaf().MaxDef, cols[1].Leaf().MaxRep}; got[0] != 1 || got[1] != 1 {
		t.Fatalf("tags' levels %v, want 1, 1", got)
	}
	for i, d := range docs {
		cols[0].Int64(0, d.ID)
		if len(d.Tags) == 0 {
			cols[1].Null(0, 0)
		}
		for k, tag := range d.Tags {
			cols[1].String(min(k, 1), tag)
		}
		if d.Name == "" {
			cols[2].Null(0, 0)
		} else {
			cols[2].String(0, d.Name)
		}
		cols[3].String(0, d.Body)
		if err := w.EndRow(); err != nil {
			t.Fatal(err)
		}
		if i%3 == 2 {
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := pq.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Schema().String(), pq.SchemaOf(doc{}).String(); got != want {
		t.Errorf("schema:\n%s\nwant:\n%s", got, want)
	}
	if n := len(f.RowGroups()); n != 2 {
		t.Errorf("%d row groups, want 2", n)
	}
	got, err := pq.Read[doc](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		if len(got[i].Tags) == 0 {
			got[i].Tags = nil
		}
	}
	if !reflect.DeepEqual(got, docs) {
		t.Errorf("read back %+v, want %+v", got, docs)
	}
}
