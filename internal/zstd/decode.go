package zstd

import (
	"errors"
	"io"
)

// DefaultMaxWindow is the largest window a Reader accepts unless told
// otherwise: 128 MiB, the zstd command's own default limit.
const DefaultMaxWindow = 1 << 27

// maxBlockSize is the largest block content (RFC 8878 3.1.1.2.4).
const maxBlockSize = 128 << 10

// Option configures a Reader.
type Option func(*Reader)

// maxWindowLimit caps WithMaxWindow: 2 GiB, the most the reference
// decoder accepts.
const maxWindowLimit = 1 << 31

// WithMaxWindow sets the largest window accepted (at most 2 GiB): frames
// asking for more fail with a *WindowError. The history a Reader keeps is
// bounded by the window of the frame it decodes.
func WithMaxWindow(n uint64) Option {
	return func(r *Reader) { r.maxWindow = min(n, maxWindowLimit) }
}

// Reader decompresses a stream of zstd frames.
type Reader struct {
	in        io.Reader
	maxWindow uint64
	err       error // sticky: io.EOF after the last frame, or what went wrong

	frame    frameHeader
	inFrame  bool   // a frame header was read and its last block was not
	produced uint64 // content bytes of the frame decoded so far
	checksum xxhash64

	// hist is the content of the frame decoded since the history last
	// wrapped round its buffer; hist[out:] has not been returned by Read
	// yet. The content before it, from the previous lap, is at
	// hist[extStart:extEnd] of the same buffer. The buffer grows lazily up
	// to ringSize: the window and the room of two blocks.
	hist             []byte
	out              int
	extStart, extEnd int
	ringSize         int

	block    []byte // the current compressed block
	literals []byte // decoded literals of the current block
	seq      sequenceState
	huffman  huffmanTable
	hasHuff  bool // huffman holds a table Treeless literals may reuse
	scratch  [18]byte
}

// NewReader returns a Reader of the zstd frames in r.
func NewReader(r io.Reader, opts ...Option) *Reader {
	z := &Reader{maxWindow: DefaultMaxWindow}
	for _, o := range opts {
		o(z)
	}
	z.Reset(r)
	return z
}

// Reset makes z read a new stream from r, keeping its buffers and options.
func (z *Reader) Reset(r io.Reader) {
	z.in = r
	z.err = nil
	z.inFrame = false
	z.hist = z.hist[:0]
	z.out = 0
	z.extStart, z.extEnd = 0, 0
}

// Close releases z's buffers; z must be Reset before it is read again.
func (z *Reader) Close() error {
	z.hist, z.block, z.literals = nil, nil, nil
	z.out = 0
	z.extStart, z.extEnd = 0, 0
	z.in = nil
	z.err = errors.New("zstd: read after Close")
	return nil
}

// Read decompresses into p. It returns io.EOF after the last frame, and an
// error wrapping io.ErrUnexpectedEOF when the input ends inside a frame.
func (z *Reader) Read(p []byte) (int, error) {
	for z.out == len(z.hist) {
		if z.err != nil {
			return 0, z.err
		}
		z.err = z.step()
	}
	n := copy(p, z.hist[z.out:])
	z.out += n
	return n, nil
}

// step reads the next frame header, block or frame end.
func (z *Reader) step() error {
	switch {
	case !z.inFrame:
		return z.startFrame()
	case z.frame.last:
		return z.endFrame()
	}
	return z.nextBlock()
}

// readFull reads exactly len(b) bytes; an early end is io.ErrUnexpectedEOF
// saying what was being read.
func (z *Reader) readFull(b []byte, what string) error {
	_, err := io.ReadFull(z.in, b)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return &truncatedError{what: what}
	}
	return err
}

// truncatedError reports input that ends inside a frame.
type truncatedError struct{ what string }

func (e *truncatedError) Error() string { return "zstd: input ends inside the " + e.what }
func (e *truncatedError) Unwrap() error { return io.ErrUnexpectedEOF }
