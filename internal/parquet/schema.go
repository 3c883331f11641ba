// Package parquet writes Parquet files of a fixed schema, a row group at
// a time, streaming: pages are encoded and compressed as they fill, and a
// row group's column chunks go to the file when it is flushed.
//
// It writes what a flat table needs: INT64 and BYTE_ARRAY columns,
// required, optional or in lists of groups, in data pages (v1) of PLAIN or
// dictionary encoded values, with column chunk statistics. The file format
// is the one of the apache/parquet-format specification; its footer and
// page headers are Thrift structs in the compact protocol (thrift.go).
package parquet

// Repetition is whether a field is required, optional or repeated.
type Repetition int8

// The repetitions, with their values in the format.
const (
	Required Repetition = 0
	Optional Repetition = 1
	Repeated Repetition = 2
)

// Kind is what a node of a schema holds.
type Kind int8

const (
	// Group is a node of fields.
	Group Kind = iota
	// Int64 is a signed 64-bit integer (INT64, INT(64,true)).
	Int64
	// Timestamp is microseconds since the epoch, UTC (INT64,
	// TIMESTAMP(isAdjustedToUTC=true,unit=MICROS)).
	Timestamp
	// String is bytes, meant to be UTF-8 (BYTE_ARRAY, STRING).
	String
	// List is the three-level list of the format: a group of a repeated
	// group "list" of one field "element" (LIST).
	List
)

// Node is a field of a schema, or the schema itself (a Group, its
// message's name as Name).
type Node struct {
	Name       string
	Repetition Repetition
	Kind       Kind
	// Dict asks for dictionary encoding of a leaf's chunks.
	Dict bool
	// Fields are a group's fields, or a list's element (one).
	Fields []Node
}

// Leaf is a column: a leaf of the schema, and the levels of its values.
type Leaf struct {
	Path []string
	Kind Kind
	Dict bool
	// MaxDef and MaxRep are the definition and repetition levels of a
	// value that is present, at the deepest repetition.
	MaxDef, MaxRep int
}

// leaves lists the columns under n, depth first.
func leaves(n *Node) []Leaf {
	var out []Leaf
	var walk func(n *Node, path []string, def, rep int)
	walk = func(n *Node, path []string, def, rep int) {
		switch n.Repetition {
		case Optional:
			def++
		case Repeated:
			def++
			rep++
		}
		switch n.Kind {
		case Group:
			for i := range n.Fields {
				walk(&n.Fields[i], append(path[:len(path):len(path)], n.Fields[i].Name), def, rep)
			}
		case List:
			// The repeated group "list" between the list and its element.
			walk(&n.Fields[0], append(path[:len(path):len(path)], "list", "element"), def+1, rep+1)
		default:
			out = append(out, Leaf{Path: path, Kind: n.Kind, Dict: n.Dict, MaxDef: def, MaxRep: rep})
		}
	}
	for i := range n.Fields {
		walk(&n.Fields[i], []string{n.Fields[i].Name}, 0, 0)
	}
	return out
}

// Physical types, converted types and logical types of the format.
const (
	typeInt64     = 2
	typeByteArray = 6

	convertedUTF8            = 0
	convertedList            = 3
	convertedTimestampMicros = 10
	convertedInt64           = 18

	// fields of the LogicalType union
	logicalString    = 1
	logicalList      = 3
	logicalTimestamp = 8
	logicalInteger   = 10
)

// writeSchema appends the schema elements of root, depth first, as the
// footer lists them.
func writeSchema(t *thriftWriter, root *Node) {
	var count func(n *Node) int
	count = func(n *Node) int {
		c := 1
		for i := range n.Fields {
			c += count(&n.Fields[i])
		}
		if n.Kind == List {
			c++ // the repeated group "list"
		}
		return c
	}
	t.list(2, tStruct, count(root))
	t.begin()
	t.string(4, root.Name)
	t.i32(5, int32(len(root.Fields)))
	t.end()
	var walk func(n *Node)
	walk = func(n *Node) {
		t.begin()
		switch n.Kind {
		case Int64, Timestamp:
			t.i32(1, typeInt64)
		case String:
			t.i32(1, typeByteArray)
		}
		t.i32(3, int32(n.Repetition))
		t.string(4, n.Name)
		if n.Kind == Group || n.Kind == List {
			t.i32(5, int32(len(n.Fields)))
		}
		switch n.Kind {
		case Int64:
			t.i32(6, convertedInt64)
			t.structField(10)
			t.structField(logicalInteger)
			t.field(1, 3) // bitWidth, a byte
			t.buf = append(t.buf, 64)
			t.bool(2, true) // isSigned
			t.end()
			t.end()
		case Timestamp:
			t.i32(6, convertedTimestampMicros)
			t.structField(10)
			t.structField(logicalTimestamp)
			t.bool(1, true) // isAdjustedToUTC
			t.structField(2)
			t.structField(2) // MICROS
			t.end()
			t.end()
			t.end()
			t.end()
		case String:
			t.i32(6, convertedUTF8)
			t.structField(10)
			t.structField(logicalString)
			t.end()
			t.end()
		case List:
			t.i32(6, convertedList)
			t.structField(10)
			t.structField(logicalList)
			t.end()
			t.end()
		}
		t.end()
		if n.Kind == List {
			t.begin()
			t.i32(3, int32(Repeated))
			t.string(4, "list")
			t.i32(5, 1)
			t.end()
			element := n.Fields[0]
			element.Name = "element"
			walk(&element)
			return
		}
		for i := range n.Fields {
			walk(&n.Fields[i])
		}
	}
	for i := range root.Fields {
		walk(&root.Fields[i])
	}
}
