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

// appendSequences appends the Sequences_Section of e.seqs, coded with the
// predefined distributions, turning their offsets into Offset_Values.
func (e *Encoder) appendSequences(dst []byte) []byte {
	n := len(e.seqs)
	switch {
	case n == 0:
		return append(dst, 0)
	case n < 128:
		dst = append(dst, byte(n))
	case n < 0x7F00:
		dst = append(dst, byte(n>>8)+0x80, byte(n))
	default:
		dst = append(dst, 0xFF, byte(n-0x7F00), byte((n-0x7F00)>>8))
	}
	// Symbol_Compression_Modes: Predefined_Mode for all three.
	dst = append(dst, 0)

	e.setOffsetValues()
	t := encPredefined.Get()
	w := encBitWriter{out: dst}
	// The decoder reads the bitstream backward, so the sequences are
	// written last to first: the last one's codes set the initial states,
	// and each earlier one is reached by a state transition.
	seq := e.seqs[n-1]
	llCode, mlCode, ofValue := encLLCode(seq.litLen), encMLCode(seq.matchLen), seq.offset
	ofCode := encOFCode(ofValue)
	llState, mlState, ofState := t.ll.first(llCode), t.ml.first(mlCode), t.of.first(ofCode)
	for i := n - 1; ; i-- {
		// Each sequence's extra bits, which the decoder reads as offset,
		// match length, literals length.
		w.add(seq.litLen-encLLBase[llCode], encLLBits[llCode])
		w.add(seq.matchLen-encMLBase[mlCode], encMLBits[mlCode])
		w.add(ofValue, ofCode)
		if i == 0 {
			break
		}
		seq = e.seqs[i-1]
		llCode, mlCode, ofValue = encLLCode(seq.litLen), encMLCode(seq.matchLen), seq.offset
		ofCode = encOFCode(ofValue)
		// The decoder updates literals length, match length, offset.
		t.of.encode(&w, &ofState, ofCode)
		t.ml.encode(&w, &mlState, mlCode)
		t.ll.encode(&w, &llState, llCode)
	}
	// The initial states, read first: literals length, offset, match length.
	t.ml.flush(&w, mlState)
	t.of.flush(&w, ofState)
	t.ll.flush(&w, llState)
	return w.close()
}
