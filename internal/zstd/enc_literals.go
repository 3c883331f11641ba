package zstd

import "encoding/binary"

// Literals_Block_Type values (RFC 8878 section 3.1.1.3.1.1).
const (
	encLiteralsRaw        = 0
	encLiteralsRLE        = 1
	encLiteralsCompressed = 2
)

// appendLiterals appends the Literals_Section of a block: one byte
// repeated, Huffman-coded when that is smaller, raw otherwise.
func (e *Encoder) appendLiterals(dst, lits []byte) []byte {
	if len(lits) > 0 && encAllEqual(lits) {
		return append(encAppendLiteralsHeader(dst, encLiteralsRLE, len(lits)), lits[0])
	}
	// Below some size, the table costs more than the code saves.
	if len(lits) >= 64 {
		if bits, ok := e.huff.build(lits); ok && bits/8+16 < len(lits) {
			start := len(dst)
			if out, ok := e.appendHuffmanLiterals(dst, lits); ok {
				return out
			}
			dst = dst[:start]
		}
	}
	return append(encAppendLiteralsHeader(dst, encLiteralsRaw, len(lits)), lits...)
}

// encAppendLiteralsHeader appends the header of a raw or RLE literals
// section: Literals_Block_Type in bits 0-1, Size_Format in bits 2-3 (0 for
// 5 bits of size, 1 for 12, 3 for 20) and Regenerated_Size above.
func encAppendLiteralsHeader(dst []byte, typ byte, n int) []byte {
	switch {
	case n < 32:
		return append(dst, typ|byte(n<<3))
	case n < 4096:
		return append(dst, typ|1<<2|byte(n<<4), byte(n>>4))
	default:
		return append(dst, typ|3<<2|byte(n<<4), byte(n>>4), byte(n>>12))
	}
}

// appendHuffmanLiterals appends a Compressed_Literals_Block with the code
// e.huff built, and reports false, leaving the caller to cut dst back,
// when it is not smaller than the literals.
func (e *Encoder) appendHuffmanLiterals(dst, lits []byte) ([]byte, bool) {
	// The header holds both sizes in 10, 14 or 18 bits each; the
	// compressed size is smaller than the regenerated one, or we give up.
	n := len(lits)
	var format, sizeBits, headerLen int
	switch {
	case n < 256:
		format, sizeBits, headerLen = 0, 10, 3 // a single stream
	case n < 1024:
		format, sizeBits, headerLen = 1, 10, 3
	case n < 16384:
		format, sizeBits, headerLen = 2, 14, 4
	default:
		format, sizeBits, headerLen = 3, 18, 5
	}
	headerAt := len(dst)
	dst = append(dst, make([]byte, headerLen)...)
	dst, ok := e.huff.appendTable(dst)
	if !ok {
		return dst, false
	}
	if format == 0 {
		dst = e.huff.appendStream(dst, lits)
	} else {
		// Four streams of a quarter each, the last taking the rest, after
		// a jump table of the first three's sizes.
		jumpAt := len(dst)
		dst = append(dst, 0, 0, 0, 0, 0, 0)
		quarter := (n + 3) / 4
		for i := range 4 {
			from := len(dst)
			dst = e.huff.appendStream(dst, lits[min(i*quarter, n):min((i+1)*quarter, n)])
			if i < 3 {
				binary.LittleEndian.PutUint16(dst[jumpAt+2*i:], uint16(len(dst)-from))
			}
		}
	}
	compressed := len(dst) - headerAt - headerLen
	if compressed >= n {
		return dst, false
	}
	h := uint64(encLiteralsCompressed) | uint64(format)<<2 | uint64(n)<<4 | uint64(compressed)<<(4+sizeBits)
	for i := range headerLen {
		dst[headerAt+i] = byte(h >> (8 * i))
	}
	return dst, true
}
