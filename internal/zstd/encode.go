package zstd

import (
	"encoding/binary"
	"math"
)

// Encoder compresses buffers into zstd frames, one frame per call, for
// small independent payloads such as Parquet pages. It keeps its hash
// table and scratch space from call to call, so that a call allocates
// nothing but the output. The zero Encoder is ready to use; an Encoder is
// not safe for concurrent use.
//
// Frames declare their content size and carry no checksum. Each block is
// LZ77 sequences found greedily, their literals Huffman-coded and their
// codes FSE-coded with the predefined distributions or the block's own,
// whichever is smaller; a block that does not shrink is stored as is, or
// as one repeated byte.
type Encoder struct {
	// table maps the hash of a position's first bytes to the last such
	// position, stored as cur plus its distance from segStart: values
	// below cur are left from earlier calls and mean "none".
	table    *[1 << encHashLog]int32
	cur      int32
	segStart int

	seqs   []encSequence
	lits   []byte
	tail   int // the literals after the block's last match start here
	huff   encHuffman
	tables encSequenceTables
	// rep are the repeat offsets the decoder will hold after the blocks
	// written so far; lastOffset is the finder's last match offset.
	rep        encRepeats
	lastOffset int
}

const (
	encMagic = 0xFD2FB528
	// encMaxBlock is the largest block the format allows.
	encMaxBlock = 128 << 10
	// encMaxSingleSegment is the largest input written as a single
	// segment, whose window is the whole content: every decoder must
	// accept an 8 MiB window.
	encMaxSingleSegment = 8 << 20
	// encWindowLog is the window of larger inputs, 8 MiB too.
	encWindowLog = 23
)

// EncodeAll appends to dst one zstd frame holding src, and returns the
// extended buffer. An empty src gives a frame that decodes to nothing.
func (e *Encoder) EncodeAll(src, dst []byte) []byte {
	if e.table == nil {
		e.table = new([1 << encHashLog]int32)
		e.cur = 1
	}
	dst, window := encAppendFrameHeader(dst, len(src))
	if len(src) == 0 {
		return encAppendBlockHeader(dst, true, encBlockRaw, 0)
	}
	e.segStart = 0
	e.rep, e.lastOffset = encInitialRep, 0
	for start := 0; start < len(src); start += encMaxBlock {
		end := min(start+encMaxBlock, len(src))
		if int64(e.cur)+int64(end-e.segStart) >= math.MaxInt32 {
			// Positions no longer fit the table's numbering: start again
			// from this block, forgetting what came before.
			clear(e.table[:])
			e.cur, e.segStart = 1, start
		}
		dst = e.appendBlock(dst, src, start, end, window)
	}
	e.cur = e.stored(len(src))
	return dst
}

// stored is how the table records position p of the current input.
func (e *Encoder) stored(p int) int32 {
	return e.cur + int32(p-e.segStart)
}

// encAppendFrameHeader appends the magic number and the frame header
// for a content of size bytes, and returns the window it declares.
func encAppendFrameHeader(dst []byte, size int) ([]byte, int) {
	dst = binary.LittleEndian.AppendUint32(dst, encMagic)
	// Frame_Header_Descriptor: Frame_Content_Size_Flag in bits 7-6, then
	// Single_Segment_Flag in bit 5; no checksum, no dictionary.
	var fcsFlag byte
	switch {
	case size < 256 && size <= encMaxSingleSegment:
		fcsFlag = 0 // one byte, only in a single segment frame
	case size < 65536+256:
		fcsFlag = 1
	case uint64(size) <= math.MaxUint32:
		fcsFlag = 2
	default:
		fcsFlag = 3
	}
	window := size
	if size <= encMaxSingleSegment {
		dst = append(dst, fcsFlag<<6|1<<5)
	} else {
		// Window_Descriptor: exponent in bits 7-3 (log - 10), mantissa 0.
		dst = append(dst, fcsFlag<<6, (encWindowLog-10)<<3)
		window = 1 << encWindowLog
	}
	switch fcsFlag {
	case 0:
		dst = append(dst, byte(size))
	case 1:
		dst = binary.LittleEndian.AppendUint16(dst, uint16(size-256))
	case 2:
		dst = binary.LittleEndian.AppendUint32(dst, uint32(size))
	default:
		dst = binary.LittleEndian.AppendUint64(dst, uint64(size))
	}
	return dst, window
}
