package zstd

import "math/bits"

// encBitWriter appends bits little-endian first, as the decoder reads a
// bitstream backward from its last byte: what is written last is read
// first.
type encBitWriter struct {
	out  []byte
	bits uint64 // pending bits, the oldest at the bottom
	n    uint   // how many of bits are pending, below 32 between calls
}

// add writes the low nb bits of v (nb at most 32).
func (w *encBitWriter) add(v uint32, nb uint8) {
	w.bits |= uint64(v&(1<<nb-1)) << w.n
	w.n += uint(nb)
	if w.n >= 32 {
		w.out = append(w.out, byte(w.bits), byte(w.bits>>8), byte(w.bits>>16), byte(w.bits>>24))
		w.bits >>= 32
		w.n -= 32
	}
}

// close writes the end mark, a single 1 bit the decoder looks for in the
// last byte, and the pending bits, and returns the output.
func (w *encBitWriter) close() []byte {
	w.add(1, 1)
	for ; w.n > 0; w.n -= min(w.n, 8) {
		w.out = append(w.out, byte(w.bits))
		w.bits >>= 8
	}
	return w.out
}

// encHighBit is the index of v's highest set bit (v > 0).
func encHighBit(v uint32) uint32 {
	return uint32(bits.Len32(v) - 1)
}
