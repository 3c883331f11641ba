package parquet

import (
	"bytes"
	"strings"
	"testing"
)

// The compact protocol's bytes, worked out by hand from its
// specification: field headers as a delta and a type in a byte, or the
// type and the id as a zigzag varint; zigzag varints; lists' headers.
func TestThriftWriter(t *testing.T) {
	tests := []struct {
		name  string
		write func(w *thriftWriter)
		want  []byte
	}{
		{"i32 field 1 = 5", func(w *thriftWriter) { w.i32(1, 5) }, []byte{0x15, 0x0a, 0}},
		{"i64 -1 after a jump of 19", func(w *thriftWriter) { w.i32(1, 0); w.i64(20, -1) }, []byte{0x15, 0x00, 0x06, 0x28, 0x01, 0}},
		{"bools", func(w *thriftWriter) { w.bool(1, true); w.bool(2, false) }, []byte{0x11, 0x12, 0}},
		{"string", func(w *thriftWriter) { w.string(4, "ab") }, []byte{0x48, 0x02, 'a', 'b', 0}},
		{"nested struct restarts ids", func(w *thriftWriter) {
			w.i32(3, 1)
			w.structField(5)
			w.i32(1, 2)
			w.end()
			w.i32(6, 3)
		}, []byte{0x35, 0x02, 0x2c, 0x15, 0x04, 0x00, 0x15, 0x06, 0}},
		{"list of 2 i32", func(w *thriftWriter) { w.list(2, tI32, 2); w.i32Element(1); w.i32Element(-1) }, []byte{0x29, 0x25, 0x02, 0x01, 0}},
		{"list of 15 strings", func(w *thriftWriter) {
			w.list(1, tBinary, 15)
			for range 15 {
				w.stringElement("")
			}
		}, append([]byte{0x19, 0xf8, 0x0f}, append(bytes.Repeat([]byte{0}, 15), 0)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w thriftWriter
			w.begin()
			tt.write(&w)
			w.end()
			if !bytes.Equal(w.buf, tt.want) {
				t.Errorf("% x, want % x", w.buf, tt.want)
			}
		})
	}
}

// The bounds of long strings are prefixes of 64 bytes at most, the upper
// one rounded up at its last ASCII byte; none when there is no such byte.
func TestStringBounds(t *testing.T) {
	long := strings.Repeat("a", 70)
	tests := []struct {
		s      string
		lo, hi string
		ok     bool
	}{
		{"short", "short", "short", true},
		{long, long[:64], strings.Repeat("a", 63) + "b", true},
		{strings.Repeat("é", 40), strings.Repeat("é", 32), "", false},
		{"x" + strings.Repeat("é", 40), "x" + strings.Repeat("é", 31), "y", true},
		{strings.Repeat("~", 70), strings.Repeat("~", 64), strings.Repeat("~", 63) + "\x7f", true},
		{strings.Repeat("\x7f", 70), strings.Repeat("\x7f", 64), "", false},
	}
	for _, tt := range tests {
		hi, ok := upperBound(tt.s)
		if lo := lowerBound(tt.s); lo != tt.lo || string(hi) != tt.hi || ok != tt.ok {
			t.Errorf("%q: %q, %q, %v; want %q, %q, %v", tt.s, lo, hi, ok, tt.lo, tt.hi, tt.ok)
		}
	}
}
