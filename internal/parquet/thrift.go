package parquet

import "encoding/binary"

// Thrift compact protocol types, as a field header or a list header names
// them.
const (
	tBoolTrue  = 1
	tBoolFalse = 2
	tI32       = 5
	tI64       = 6
	tBinary    = 8
	tList      = 9
	tStruct    = 12
)

// thriftWriter appends the Thrift compact protocol encoding of structs:
// the footer and the page headers are Thrift structs. Only what this
// package writes is here: i32, i64, bool, binary, lists and structs.
type thriftWriter struct {
	buf  []byte
	last int16   // id of the last field written in the current struct
	ids  []int16 // last of the enclosing structs
}

// field appends the header of field id of type typ: a delta from the
// last field id when it is small, else the type and the id in full.
func (w *thriftWriter) field(id int16, typ byte) {
	if d := id - w.last; d > 0 && d <= 15 {
		w.buf = append(w.buf, byte(d)<<4|typ)
	} else {
		w.buf = append(w.buf, typ)
		w.buf = binary.AppendVarint(w.buf, int64(id))
	}
	w.last = id
}

func (w *thriftWriter) i32(id int16, v int32) {
	w.field(id, tI32)
	w.buf = binary.AppendVarint(w.buf, int64(v))
}

func (w *thriftWriter) i64(id int16, v int64) {
	w.field(id, tI64)
	w.buf = binary.AppendVarint(w.buf, v)
}

func (w *thriftWriter) bool(id int16, v bool) {
	if v {
		w.field(id, tBoolTrue)
	} else {
		w.field(id, tBoolFalse)
	}
}

func (w *thriftWriter) binary(id int16, b []byte) {
	w.field(id, tBinary)
	w.buf = binary.AppendUvarint(w.buf, uint64(len(b)))
	w.buf = append(w.buf, b...)
}

func (w *thriftWriter) string(id int16, s string) {
	w.field(id, tBinary)
	w.buf = binary.AppendUvarint(w.buf, uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// list appends the header of field id, a list of n elements of type typ;
// the elements follow, written with element or begin/end.
func (w *thriftWriter) list(id int16, typ byte, n int) {
	w.field(id, tList)
	if n < 15 {
		w.buf = append(w.buf, byte(n)<<4|typ)
	} else {
		w.buf = append(w.buf, 0xf0|typ)
		w.buf = binary.AppendUvarint(w.buf, uint64(n))
	}
}

// i32Element and stringElement append one element of a list.
func (w *thriftWriter) i32Element(v int32) { w.buf = binary.AppendVarint(w.buf, int64(v)) }

func (w *thriftWriter) stringElement(s string) {
	w.buf = binary.AppendUvarint(w.buf, uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// structField begins field id, a struct: its fields follow, then end.
func (w *thriftWriter) structField(id int16) {
	w.field(id, tStruct)
	w.begin()
}

// begin begins a struct (a list's element, or one structField began).
func (w *thriftWriter) begin() {
	w.ids = append(w.ids, w.last)
	w.last = 0
}

// end ends the current struct.
func (w *thriftWriter) end() {
	w.buf = append(w.buf, 0) // stop
	w.last = w.ids[len(w.ids)-1]
	w.ids = w.ids[:len(w.ids)-1]
}
