package zstd

// Block types (RFC 8878 section 3.1.1.2.2).
const (
	encBlockRaw        = 0
	encBlockRLE        = 1
	encBlockCompressed = 2
)

// encAppendBlockHeader appends a 3-byte block header: Last_Block in bit
// 0, Block_Type in bits 1-2, Block_Size above.
func encAppendBlockHeader(dst []byte, last bool, typ, size int) []byte {
	h := uint32(typ)<<1 | uint32(size)<<3
	if last {
		h |= 1
	}
	return append(dst, byte(h), byte(h>>8), byte(h>>16))
}

// appendBlock appends the block holding src[start:end], compressed if
// that makes it smaller; matches may reach window bytes back.
func (e *Encoder) appendBlock(dst, src []byte, start, end, window int) []byte {
	block := src[start:end]
	last := end == len(src)
	if encAllEqual(block) {
		dst = encAppendBlockHeader(dst, last, encBlockRLE, len(block))
		return append(dst, block[0])
	}
	e.findSequences(src, start, end, window)
	e.lits = append(e.lits, src[e.tail:end]...)
	headerAt := len(dst)
	rep := e.rep
	dst = encAppendBlockHeader(dst, last, encBlockCompressed, 0)
	dst = e.appendLiterals(dst, e.lits)
	dst = e.appendSequences(dst)
	size := len(dst) - headerAt - 3
	if size >= len(block) {
		// The decoder will see no sequence of this block.
		e.rep = rep
		dst = encAppendBlockHeader(dst[:headerAt], last, encBlockRaw, len(block))
		return append(dst, block...)
	}
	encAppendBlockHeader(dst[:headerAt], last, encBlockCompressed, size)
	return dst
}

// encAllEqual reports whether b, not empty, is one byte repeated.
func encAllEqual(b []byte) bool {
	for _, c := range b[1:] {
		if c != b[0] {
			return false
		}
	}
	return true
}
