package zstd

import (
	"encoding/binary"
	"fmt"
)

// Literals_Block_Type values (RFC 8878 3.1.1.3.1.1).
const (
	literalsRaw        = 0
	literalsRLE        = 1
	literalsCompressed = 2
	literalsTreeless   = 3
)

// readLiterals decodes a Literals_Section and returns the literals and the
// bytes the section takes.
func (z *Reader) readLiterals(in []byte) ([]byte, int, error) {
	if len(in) == 0 {
		return nil, 0, corrupt("compressed block is empty")
	}
	kind := in[0] & 3
	format := in[0] >> 2 & 3
	blockMax := z.frame.blockMax
	if kind == literalsRaw || kind == literalsRLE {
		var size, header int
		switch format {
		case 0, 2:
			size, header = int(in[0]>>3), 1
		case 1:
			if len(in) < 2 {
				return nil, 0, corrupt("literals section header cut short")
			}
			size, header = int(in[0]>>4)|int(in[1])<<4, 2
		case 3:
			if len(in) < 3 {
				return nil, 0, corrupt("literals section header cut short")
			}
			size, header = int(in[0]>>4)|int(in[1])<<4|int(in[2])<<12, 3
		}
		if size > blockMax {
			return nil, 0, corrupt("%d literals, over the block maximum of %d", size, blockMax)
		}
		if kind == literalsRaw {
			if len(in) < header+size {
				return nil, 0, corrupt("%d raw literals, only %d bytes left in the block", size, len(in)-header)
			}
			return in[header : header+size], header + size, nil
		}
		if len(in) < header+1 {
			return nil, 0, corrupt("RLE literals without their byte")
		}
		lits := z.literalBuffer(size)
		for i := range lits {
			lits[i] = in[header]
		}
		return lits, header + 1, nil
	}

	// Huffman-coded literals: sizes of 10, 14 or 18 bits.
	streams, header, sizeBits := 4, 3, 10
	switch format {
	case 0:
		streams = 1
	case 2:
		header, sizeBits = 4, 14
	case 3:
		header, sizeBits = 5, 18
	}
	if len(in) < header {
		return nil, 0, corrupt("literals section header cut short")
	}
	var v uint64
	for i := range header {
		v |= uint64(in[i]) << (8 * i)
	}
	mask := uint64(1)<<sizeBits - 1
	size := int(v >> 4 & mask)
	compressed := int(v >> (4 + sizeBits) & mask)
	if size > blockMax {
		return nil, 0, corrupt("%d literals, over the block maximum of %d", size, blockMax)
	}
	if compressed > len(in)-header {
		return nil, 0, corrupt("%d bytes of compressed literals, only %d left in the block", compressed, len(in)-header)
	}
	data := in[header : header+compressed]
	if kind == literalsCompressed {
		z.hasHuff = false
		n, err := z.huffman.read(data)
		if err != nil {
			return nil, 0, corruptWrap("literals", err)
		}
		z.hasHuff = true
		data = data[n:]
	} else if !z.hasHuff {
		return nil, 0, corrupt("treeless literals with no previous Huffman table")
	}
	lits := z.literalBuffer(size)
	if err := z.decodeHuffman(lits, data, streams); err != nil {
		return nil, 0, corruptWrap("literals", err)
	}
	return lits, header + compressed, nil
}

// literalBuffer returns the reused buffer for n literals.
func (z *Reader) literalBuffer(n int) []byte {
	if cap(z.literals) < maxBlockSize+copySlack {
		z.literals = make([]byte, maxBlockSize+copySlack)
	}
	return z.literals[:n]
}

// decodeHuffman decodes 1 or 4 Huffman streams into dst; 4 streams start
// with a jump table of the first three's sizes (RFC 8878 3.1.1.3.1.6).
func (z *Reader) decodeHuffman(dst, data []byte, streams int) error {
	if streams == 1 {
		return z.huffman.decodeStream(dst, data)
	}
	if len(data) < 6 {
		return fmt.Errorf("4 Huffman streams without their jump table")
	}
	s1 := int(binary.LittleEndian.Uint16(data[0:]))
	s2 := int(binary.LittleEndian.Uint16(data[2:]))
	s3 := int(binary.LittleEndian.Uint16(data[4:]))
	data = data[6:]
	if s1+s2+s3 > len(data) {
		return fmt.Errorf("Huffman jump table gives %d bytes of streams, %d left", s1+s2+s3, len(data))
	}
	segment := (len(dst) + 3) / 4
	if 3*segment > len(dst) {
		return fmt.Errorf("%d literals are too few for 4 streams", len(dst))
	}
	ends := [4]int{s1, s1 + s2, s1 + s2 + s3, len(data)}
	from := 0
	for i, end := range ends {
		out := dst[i*segment:]
		if i < 3 {
			out = out[:segment]
		}
		if err := z.huffman.decodeStream(out, data[from:end]); err != nil {
			return err
		}
		from = end
	}
	return nil
}
