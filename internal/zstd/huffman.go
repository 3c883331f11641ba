package zstd

import (
	"errors"
	"fmt"
	"math/bits"
)

// maxHuffmanBits is the longest prefix code allowed (RFC 8878 4.2.1).
const maxHuffmanBits = 11

// huffmanEntry is what the next maxBits bits of a literals stream decode
// to: a symbol and the length of its code.
type huffmanEntry struct {
	symbol uint8
	nbBits uint8
}

// huffmanTable decodes literals with one lookup per symbol.
type huffmanTable struct {
	maxBits uint8
	entries [1 << maxHuffmanBits]huffmanEntry

	// scratch for reading the description
	weights [256]uint8
	norm    [maxHuffmanBits + 2]int16
	fse     [1 << 6]fseEntry
}

// read parses a Huffman_Tree_Description (RFC 8878 4.2.1) and returns the
// number of bytes it takes.
func (h *huffmanTable) read(in []byte) (int, error) {
	if len(in) == 0 {
		return 0, errors.New("Huffman tree description missing")
	}
	header := int(in[0])
	var n, used int
	if header < 128 {
		var err error
		if n, err = h.readCompressedWeights(in[1:], header); err != nil {
			return 0, err
		}
		used = 1 + header
	} else {
		// Direct representation: 4 bits per weight, high nibble first.
		n = header - 127
		used = 1 + (n+1)/2
		if len(in) < used {
			return 0, fmt.Errorf("Huffman tree description: %d weights need %d bytes, %d left", n, used-1, len(in)-1)
		}
		for i := range n {
			b := in[1+i/2]
			if i%2 == 0 {
				b >>= 4
			}
			h.weights[i] = b & 15
		}
	}
	return used, h.build(h.weights[:n])
}

// readCompressedWeights decodes size bytes of FSE-compressed weights into
// h.weights and returns their number.
func (h *huffmanTable) readCompressedWeights(in []byte, size int) (int, error) {
	if size == 0 || len(in) < size {
		return 0, fmt.Errorf("Huffman tree description: %d bytes of compressed weights, %d left", size, len(in))
	}
	in = in[:size]
	symbols, accLog, used, err := readDistribution(in, h.norm[:], 6)
	if err != nil {
		return 0, fmt.Errorf("Huffman weights: %w", err)
	}
	table := h.fse[:1<<accLog]
	if err := buildFSE(h.norm[:symbols], accLog, table); err != nil {
		return 0, fmt.Errorf("Huffman weights: %w", err)
	}
	var br backwardReader
	if err := br.init(in[used:]); err != nil {
		return 0, fmt.Errorf("Huffman weights: %w", err)
	}
	// Two states take turns over one stream; it ends when a state update
	// reads past the start, after which the other state gives one last
	// weight.
	s1 := table[br.get(accLog)]
	s2 := table[br.get(accLog)]
	n := 0
	for {
		if n >= len(h.weights)-2 {
			return 0, errors.New("Huffman weights: more than 255")
		}
		br.fill()
		h.weights[n] = s1.symbol
		n++
		s1 = table[uint64(s1.newState)+br.get(s1.nbBits)]
		if br.overflowed() {
			h.weights[n] = s2.symbol
			n++
			break
		}
		h.weights[n] = s2.symbol
		n++
		s2 = table[uint64(s2.newState)+br.get(s2.nbBits)]
		if br.overflowed() {
			h.weights[n] = s1.symbol
			n++
			break
		}
	}
	return n, nil
}

// build makes the decoding table from the weights of all symbols but the
// last, whose weight is what brings the total to a power of 2.
func (h *huffmanTable) build(weights []uint8) error {
	total := 0
	for _, w := range weights {
		if w > maxHuffmanBits {
			return fmt.Errorf("Huffman weight %d over the maximum of %d", w, maxHuffmanBits)
		}
		if w > 0 {
			total += 1 << (w - 1)
		}
	}
	if total == 0 {
		return errors.New("Huffman weights are all 0")
	}
	maxBits := bits.Len(uint(total))
	if maxBits > maxHuffmanBits {
		return fmt.Errorf("Huffman codes of %d bits, over the maximum of %d", maxBits, maxHuffmanBits)
	}
	rest := 1<<maxBits - total
	if rest&(rest-1) != 0 {
		return errors.New("Huffman weights do not complete to a power of 2")
	}
	last := uint8(bits.Len(uint(rest)))
	all := append(weights, last)
	h.maxBits = uint8(maxBits)

	// Codes go by increasing weight, then increasing symbol; a symbol of
	// weight w fills 2^(w-1) consecutive entries.
	var start [maxHuffmanBits + 2]int
	var count [maxHuffmanBits + 2]int
	for _, w := range all {
		count[w]++
	}
	pos := 0
	for w := 1; w <= maxBits; w++ {
		start[w] = pos
		pos += count[w] << (w - 1)
	}
	for s, w := range all {
		if w == 0 {
			continue
		}
		e := huffmanEntry{symbol: uint8(s), nbBits: uint8(maxBits) + 1 - w}
		span := 1 << (w - 1)
		fill := h.entries[start[w] : start[w]+span]
		for i := range fill {
			fill[i] = e
		}
		start[w] += span
	}
	return nil
}

// decodeStream decodes one Huffman-coded stream into exactly len(dst)
// literals.
func (h *huffmanTable) decodeStream(dst, stream []byte) error {
	var br backwardReader
	if err := br.init(stream); err != nil {
		return fmt.Errorf("Huffman stream: %w", err)
	}
	maxBits := h.maxBits
	entries := &h.entries
	mask := uint64(len(entries) - 1)
	i := 0
	// Four codes of at most 11 bits fit in the 56 bits one fill gives.
	for ; i+4 <= len(dst); i += 4 {
		br.fill()
		e := entries[br.peek(maxBits)&mask]
		br.bitsRead += uint(e.nbBits)
		dst[i] = e.symbol
		e = entries[br.peek(maxBits)&mask]
		br.bitsRead += uint(e.nbBits)
		dst[i+1] = e.symbol
		e = entries[br.peek(maxBits)&mask]
		br.bitsRead += uint(e.nbBits)
		dst[i+2] = e.symbol
		e = entries[br.peek(maxBits)&mask]
		br.bitsRead += uint(e.nbBits)
		dst[i+3] = e.symbol
		if br.overflowed() {
			return br.checkEnd("Huffman")
		}
	}
	br.fill()
	for ; i < len(dst); i++ {
		e := entries[br.peek(maxBits)&mask]
		br.bitsRead += uint(e.nbBits)
		dst[i] = e.symbol
	}
	return br.checkEnd("Huffman")
}
