package zstd

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
)

// backwardReader reads a bitstream written forwards and read backwards
// (RFC 8878 4.1): its last byte holds a 1 bit above the padding, and the
// bits come out from the end towards the start.
//
// Reading past the start does not fail at once: it yields zero bits and
// overflowed reports it, so hot loops test once per symbol or per sequence.
type backwardReader struct {
	in       []byte
	off      int    // bytes of in not yet loaded into value
	value    uint64 // the loaded bits; the next one to read is bit 63-bitsRead
	bitsRead uint   // bits of value already consumed, from the top
}

var errNoPaddingMarker = errors.New("bitstream's last byte is 0 (no end marker)")

// init starts reading in from its end.
func (b *backwardReader) init(in []byte) error {
	if len(in) == 0 {
		return errors.New("empty bitstream")
	}
	last := in[len(in)-1]
	if last == 0 {
		return errNoPaddingMarker
	}
	b.in = in
	b.off = len(in)
	b.value = 0
	b.bitsRead = 64
	b.fill()
	// Skip the zeros above the marker and the marker itself.
	b.bitsRead += uint(9 - bits.Len8(last))
	return nil
}

// fill loads bytes so that at least 56 bits are available, or all the
// input is loaded.
func (b *backwardReader) fill() {
	if b.bitsRead < 8 {
		return
	}
	if b.off >= 8 {
		// Keep the unread bits and load whole bytes under them.
		n := b.bitsRead >> 3
		b.off -= int(n)
		b.value = binary.LittleEndian.Uint64(b.in[b.off:])
		b.bitsRead &= 7
		return
	}
	for b.off > 0 && b.bitsRead >= 8 {
		b.off--
		b.value = b.value<<8 | uint64(b.in[b.off])
		b.bitsRead -= 8
	}
}

// get reads n bits (at most 56 since the last fill), zero when n is 0.
// After an overflow it returns garbage, which callers discard.
func (b *backwardReader) get(n uint8) uint64 {
	v := (b.value << (b.bitsRead & 63)) >> 1 >> (63 - n)
	b.bitsRead += uint(n)
	return v
}

// peek returns the next n bits (1 <= n <= 56 since the last fill) without
// consuming them.
func (b *backwardReader) peek(n uint8) uint64 {
	return (b.value << (b.bitsRead & 63)) >> (64 - n)
}

// overflowed says whether more bits were read than the stream holds.
func (b *backwardReader) overflowed() bool { return b.off == 0 && b.bitsRead > 64 }

// finished says whether exactly every bit of the stream was read.
func (b *backwardReader) finished() bool { return b.off == 0 && b.bitsRead == 64 }

// checkEnd reports a stream not read to its exact end.
func (b *backwardReader) checkEnd(what string) error {
	switch {
	case b.overflowed():
		return fmt.Errorf("%s bitstream: read %d bits past its start", what, b.bitsRead-64)
	case !b.finished():
		return fmt.Errorf("%s bitstream: %d bits left unread", what, 8*b.off+int(64-b.bitsRead))
	}
	return nil
}

// forwardReader reads bits from the low end of each byte forwards, as the
// FSE table descriptions are written (RFC 8878 4.1.1).
type forwardReader struct {
	in  []byte
	pos uint // bit position
}

// get reads n <= 32 bits; bits past the end read as zero, and past says so.
func (f *forwardReader) get(n uint) uint32 {
	var v uint64
	byteAt := f.pos >> 3
	for i := uint(0); i < 5; i++ {
		if byteAt+i < uint(len(f.in)) {
			v |= uint64(f.in[byteAt+i]) << (8 * i)
		}
	}
	v >>= f.pos & 7
	f.pos += n
	return uint32(v & (1<<n - 1))
}

// peek returns the next n <= 32 bits without consuming them.
func (f *forwardReader) peek(n uint) uint32 {
	v := f.get(n)
	f.pos -= n
	return v
}

// past says whether bits beyond the input were read.
func (f *forwardReader) past() bool { return f.pos > 8*uint(len(f.in)) }

// bytesUsed is the number of whole bytes the read bits span.
func (f *forwardReader) bytesUsed() int { return int((f.pos + 7) >> 3) }
