package parquet

import (
	"encoding/binary"
	"math/bits"
)

// bitWidth is the bits that values up to n take (none for n < 1).
func bitWidth(n int) int { return bits.Len(uint(max(n, 0))) }

// appendHybrid appends values in the RLE/bit-packed hybrid encoding of
// width bits a value: runs of eight or more equal values as RLE runs, the
// rest bit-packed, in groups of eight (the last one padded with zeros,
// which readers skip: they know how many values there are).
func appendHybrid[T uint8 | uint32](dst []byte, values []T, width int) []byte {
	n := len(values)
	for i := 0; i < n; {
		if r := runLength(values[i:]); r >= 8 {
			dst = binary.AppendUvarint(dst, uint64(r)<<1)
			for v, k := values[i], 0; k < (width+7)/8; k++ {
				dst = append(dst, byte(v>>(8*k)))
			}
			i += r
			continue
		}
		// Bit-packed groups of eight until a run of eight starts one.
		start := i
		for i += 8; i < n && runLength(values[i:min(i+8, n)]) < 8; i += 8 {
		}
		groups := (min(i, n) - start + 7) / 8
		dst = binary.AppendUvarint(dst, uint64(groups)<<1|1)
		dst = appendBitPacked(dst, values[start:min(i, n)], groups*8, width)
		i = min(i, n)
	}
	return dst
}

// runLength is how many values at the start of vs are equal to the
// first.
func runLength[T uint8 | uint32](vs []T) int {
	r := 1
	for r < len(vs) && vs[r] == vs[0] {
		r++
	}
	return r
}

// appendBitPacked appends count values of width bits, least significant
// bit first; values past len(vs) are zeros.
func appendBitPacked[T uint8 | uint32](dst []byte, vs []T, count, width int) []byte {
	var acc uint64
	held := 0
	for k := range count {
		var v T
		if k < len(vs) {
			v = vs[k]
		}
		acc |= uint64(v) << held
		held += width
		for held >= 8 {
			dst = append(dst, byte(acc))
			acc >>= 8
			held -= 8
		}
	}
	if held > 0 {
		dst = append(dst, byte(acc))
	}
	return dst
}
