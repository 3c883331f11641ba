package parquet

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"
)

// The encodings of the format's documentation (Encodings.md), and runs
// of each kind side by side.
func TestAppendHybrid(t *testing.T) {
	tests := []struct {
		name   string
		values []uint32
		width  int
		want   []byte
	}{
		// The bit-packing example: 0 to 7 in 3 bits.
		{"bit-packed", []uint32{0, 1, 2, 3, 4, 5, 6, 7}, 3, []byte{0x03, 0x88, 0xc6, 0xfa}},
		// One group, padded with zeros.
		{"short group", []uint32{1, 1, 0}, 1, []byte{0x03, 0x03}},
		// Eight equal values are a run: header 8<<1, the value in a byte.
		{"run", []uint32{5, 5, 5, 5, 5, 5, 5, 5}, 3, []byte{0x10, 0x05}},
		{"run then group", []uint32{0, 0, 0, 0, 0, 0, 0, 0, 1, 1}, 1, []byte{0x10, 0x00, 0x03, 0x03}},
		// A run's value takes as many bytes as the width needs.
		{"wide run", slices.Repeat([]uint32{0x1234}, 9), 13, []byte{0x12, 0x34, 0x12}},
		// A run header past 63 takes two varint bytes.
		{"long run", slices.Repeat([]uint32{1}, 100), 1, []byte{0xc8, 0x01, 0x01}},
		{"empty", nil, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := appendHybrid(nil, tt.values, tt.width); !bytes.Equal(got, tt.want) {
				t.Errorf("% x, want % x", got, tt.want)
			}
		})
	}
}

// decodeHybrid is a reader of the hybrid encoding, from the format's
// description, for the tests: n values of width bits.
func decodeHybrid(t *testing.T, b []byte, n, width int) []uint32 {
	var out []uint32
	for len(out) < n {
		header, k := binary.Uvarint(b)
		if k <= 0 {
			t.Fatalf("bad header at %d values", len(out))
		}
		b = b[k:]
		if header&1 == 0 {
			size := (width + 7) / 8
			var v uint32
			for i := range size {
				v |= uint32(b[i]) << (8 * i)
			}
			b = b[size:]
			for range header >> 1 {
				out = append(out, v)
			}
			continue
		}
		count := int(header>>1) * 8
		for i := range count {
			var v uint32
			for j := range width {
				bit := i*width + j
				v |= uint32(b[bit/8]>>(bit%8)&1) << j
			}
			out = append(out, v)
		}
		b = b[(count*width+7)/8:]
	}
	if len(b) != 0 {
		t.Fatalf("%d bytes left", len(b))
	}
	return out[:n]
}

// Any values, in their width, decode as they were.
func FuzzAppendHybrid(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3}, uint8(2))
	f.Add([]byte{7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 1, 7, 7, 7, 7, 7, 7, 7, 7, 7}, uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, w uint8) {
		width := 1 + int(w%20)
		values := make([]uint32, len(data))
		for i, b := range data {
			values[i] = uint32(b) * 0x1001 & (1<<width - 1)
			if b%3 == 0 && i > 0 {
				values[i] = values[i-1] // runs
			}
		}
		got := decodeHybrid(t, appendHybrid(nil, values, width), len(values), width)
		if !slices.Equal(got, values) {
			t.Fatalf("%v, want %v", got, values)
		}
	})
}
