package zstd

import (
	"encoding/binary"
	"fmt"
	"io"
)

const (
	frameMagic         = 0xFD2FB528
	skippableMagic     = 0x184D2A50 // the low 4 bits are free
	skippableMagicMask = 0xFFFFFFF0
	minWindow          = 1 << 10
)

// frameHeader is what a frame's header says (RFC 8878 3.1.1.1), and the
// limits that follow from it.
type frameHeader struct {
	window         uint64 // Window_Size; offsets may not reach further back
	contentSize    uint64 // Frame_Content_Size, when hasContentSize
	hasContentSize bool
	hasChecksum    bool
	blockMax       int  // Block_Maximum_Size
	keep           int  // the history to keep: the window, or the content if smaller
	last           bool // the last block was read
}

// startFrame skips skippable frames and reads the next frame's header; it
// returns io.EOF when the input ends cleanly before one.
func (z *Reader) startFrame() error {
	b := z.scratch[:]
	for {
		n, err := io.ReadFull(z.in, b[:4])
		if n == 0 && err == io.EOF {
			return io.EOF
		}
		if err != nil {
			return z.readError(err, "magic number")
		}
		magic := binary.LittleEndian.Uint32(b)
		if magic == frameMagic {
			break
		}
		if magic&skippableMagicMask != skippableMagic {
			return fmt.Errorf("%w: found %08x", ErrNotZstd, magic)
		}
		if err := z.readFull(b[:4], "skippable frame's size"); err != nil {
			return err
		}
		size := int64(binary.LittleEndian.Uint32(b))
		if n, err := io.CopyN(io.Discard, z.in, size); err != nil {
			if err == io.EOF {
				return &truncatedError{what: fmt.Sprintf("skippable frame (%d of %d bytes)", n, size)}
			}
			return err
		}
	}
	if err := z.readFull(b[:1], "frame header"); err != nil {
		return err
	}
	descriptor := b[0]
	if descriptor&0x08 != 0 {
		return corrupt("frame header's reserved bit is set")
	}
	single := descriptor&0x20 != 0
	dictSize := [4]int{0, 1, 2, 4}[descriptor&3]
	fcsSize := [4]int{0, 2, 4, 8}[descriptor>>6]
	if fcsSize == 0 && single {
		fcsSize = 1
	}
	windowSize := 1
	if single {
		windowSize = 0
	}
	rest := b[:windowSize+dictSize+fcsSize]
	if err := z.readFull(rest, "frame header"); err != nil {
		return err
	}
	f := frameHeader{hasChecksum: descriptor&0x04 != 0}
	if !single {
		// Window_Descriptor: 2^(10+exponent) plus mantissa eighths of it.
		exponent, mantissa := uint64(rest[0]>>3), uint64(rest[0]&7)
		base := uint64(1) << (10 + exponent)
		f.window = base + base/8*mantissa
		rest = rest[1:]
	}
	var dict uint32
	for i := range dictSize {
		dict |= uint32(rest[i]) << (8 * i)
	}
	rest = rest[dictSize:]
	if fcsSize > 0 {
		f.hasContentSize = true
		for i := range fcsSize {
			f.contentSize |= uint64(rest[i]) << (8 * i)
		}
		if fcsSize == 2 {
			f.contentSize += 256
		}
	}
	if single {
		f.window = f.contentSize
	}
	if dict != 0 {
		return fmt.Errorf("%w (the frame needs dictionary %d)", ErrDictionary, dict)
	}
	if f.window > z.maxWindow {
		return &WindowError{Window: f.window, Limit: z.maxWindow}
	}
	// A single-segment frame's window is its content size; like the
	// reference decoder's callers, allow it blocks of at least 1 KiB.
	f.blockMax = int(min(max(f.window, minWindow), maxBlockSize))
	f.keep = int(f.window)
	if f.hasContentSize && f.contentSize < f.window {
		f.keep = int(f.contentSize)
	}
	z.frame = f
	z.ringSize = f.keep + 2*(f.blockMax+copySlack)
	z.inFrame = true
	z.produced = 0
	z.checksum.reset()
	z.hasHuff = false
	z.seq.reset()
	z.hist = z.hist[:0]
	z.out = 0
	z.extStart, z.extEnd = 0, 0
	return nil
}

// endFrame checks the content size and checksum of a frame whose last
// block was read.
func (z *Reader) endFrame() error {
	f := &z.frame
	if f.hasContentSize && z.produced != f.contentSize {
		return corrupt("frame content is %d bytes, its header says %d", z.produced, f.contentSize)
	}
	if f.hasChecksum {
		if err := z.readFull(z.scratch[:4], "content checksum"); err != nil {
			return err
		}
		want := binary.LittleEndian.Uint32(z.scratch[:4])
		if got := uint32(z.checksum.sum64()); got != want {
			return fmt.Errorf("%w: content hashes to %08x, the frame says %08x", ErrChecksum, got, want)
		}
	}
	z.inFrame = false
	return nil
}

// readError words a failed read of a frame's first bytes.
func (z *Reader) readError(err error, what string) error {
	if err == io.ErrUnexpectedEOF {
		return &truncatedError{what: what}
	}
	return err
}
