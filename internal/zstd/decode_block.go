package zstd

// Block types (RFC 8878 3.1.1.2.2).
const (
	blockRaw        = 0
	blockRLE        = 1
	blockCompressed = 2
)

// nextBlock reads one block and appends its content to the history; a
// block that fails adds nothing, so Read never returns bytes of a block
// that was cut short or corrupt.
func (z *Reader) nextBlock() error {
	z.makeRoom()
	start := len(z.hist)
	if err := z.readBlock(); err != nil {
		z.hist = z.hist[:start]
		return err
	}
	return nil
}

// readBlock reads and decodes one block into the room makeRoom made.
func (z *Reader) readBlock() error {
	b := z.scratch[:3]
	if err := z.readFull(b, "block header"); err != nil {
		return err
	}
	header := uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16
	f := &z.frame
	f.last = header&1 != 0
	size := int(header >> 3)
	kind := header >> 1 & 3
	if kind == 3 {
		return corrupt("reserved block type")
	}
	if size > f.blockMax {
		return corrupt("block of %d bytes, over the frame's maximum of %d", size, f.blockMax)
	}
	start := len(z.hist)
	switch kind {
	case blockRaw:
		z.hist = z.hist[:start+size]
		if err := z.readFull(z.hist[start:], "raw block"); err != nil {
			return err
		}
	case blockRLE:
		if err := z.readFull(b[:1], "RLE block"); err != nil {
			return err
		}
		z.hist = z.hist[:start+size]
		fill := z.hist[start:]
		for i := range fill {
			fill[i] = b[0]
		}
	case blockCompressed:
		if cap(z.block) < maxBlockSize+copySlack {
			// The slack lets raw literals, which stay in the block, be
			// copied 16 bytes at a time.
			z.block = make([]byte, maxBlockSize+copySlack)
		}
		in := z.block[:size]
		if err := z.readFull(in, "compressed block"); err != nil {
			return err
		}
		if err := z.decodeCompressed(in); err != nil {
			return err
		}
	}
	content := z.hist[start:]
	z.produced += uint64(len(content))
	if f.hasContentSize && z.produced > f.contentSize {
		return corrupt("frame content exceeds the %d bytes its header gives", f.contentSize)
	}
	if f.hasChecksum {
		z.checksum.write(content)
	}
	return nil
}

// decodeCompressed decodes a compressed block (RFC 8878 3.1.1.3) onto the
// end of the history.
func (z *Reader) decodeCompressed(in []byte) error {
	literals, used, err := z.readLiterals(in)
	if err != nil {
		return err
	}
	return z.decodeSequences(in[used:], literals)
}
