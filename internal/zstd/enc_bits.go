package zstd

import (
	"encoding/binary"
	"math/bits"
)

// encBitWriter appends bits little-endian first, as the decoder reads a
// bitstream backward from its last byte: what is written last is read
// first. Bits gather in a 64-bit word that flush empties of its whole
// bytes; callers flush often enough that a word never overflows.
type encBitWriter struct {
	out  []byte
	bits uint64 // pending bits, the oldest at the bottom
	n    uint   // how many of bits are pending
}

// add writes the low nb bits of v (nb at most 32); n+nb must not pass 64.
func (w *encBitWriter) add(v uint32, nb uint8) {
	w.bits |= uint64(v&(1<<nb-1)) << w.n
	w.n += uint(nb)
}

// flush writes the pending whole bytes, leaving at most 7 bits: one
// 8-byte store, cut back to those bytes.
func (w *encBitWriter) flush() {
	whole := w.n >> 3
	w.out = binary.LittleEndian.AppendUint64(w.out, w.bits)
	w.out = w.out[:len(w.out)-8+int(whole)]
	w.bits >>= whole * 8
	w.n &= 7
}

// close writes the end mark, a single 1 bit the decoder looks for in the
// last byte, and the pending bits, and returns the output.
func (w *encBitWriter) close() []byte {
	w.flush()
	w.add(1, 1)
	w.flush()
	if w.n > 0 {
		w.out = append(w.out, byte(w.bits))
	}
	return w.out
}

// encHighBit is the index of v's highest set bit (v > 0).
func encHighBit(v uint32) uint32 {
	return uint32(bits.Len32(v) - 1)
}
