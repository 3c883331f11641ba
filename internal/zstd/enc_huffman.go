package zstd

import (
	"cmp"
	"slices"
)

// encHuffMaxBits is the longest Huffman code the format allows.
const encHuffMaxBits = 11

// encHuffman builds a Huffman code for one block's literals; its arrays
// are kept from block to block so that building one allocates nothing.
type encHuffman struct {
	count   [256]uint32
	length  [256]uint8 // bits of each symbol's code, 0 when absent
	code    [256]uint16
	maxBits uint8
	// last is the largest symbol present: the table description gives
	// the weights of those below it.
	last int

	// Scratch space of buildLengths: the leaves sorted by count, then a
	// node's count and parent, leaves first and internal nodes after.
	leaves [256]uint8
	// The weights, and their own FSE table for the compressed description.
	weights     [256]uint8
	weightNorm  [encHuffMaxBits + 1]int16
	weightTable encFSETable
	nodeCount   [511]uint32
	parent      [511]uint16
	depth       [511]uint8
}

// build makes the code of lits and returns the bits the literals take
// with it, or false when they have fewer than two distinct bytes.
func (h *encHuffman) build(lits []byte) (int, bool) {
	h.count = [256]uint32{}
	for _, b := range lits {
		h.count[b]++
	}
	n := 0
	h.last = -1
	for s, c := range h.count {
		if c > 0 {
			h.leaves[n] = uint8(s)
			n++
			h.last = s
		}
	}
	if n < 2 {
		return 0, false
	}
	h.buildLengths(n)
	h.limitLengths(n)
	h.assignCodes()
	total := 0
	for s := range h.last + 1 {
		total += int(h.count[s]) * int(h.length[s])
	}
	return total, true
}

// buildLengths sets the lengths of an optimal code, unlimited, for the n
// symbols in h.leaves: leaves sorted by count, and internal nodes made in
// increasing count, merge like two sorted queues.
func (h *encHuffman) buildLengths(n int) {
	leaves := h.leaves[:n]
	slices.SortStableFunc(leaves, func(a, b uint8) int { return cmp.Compare(h.count[a], h.count[b]) })
	for i, s := range leaves {
		h.nodeCount[i] = h.count[s]
	}
	nextLeaf, nextNode := 0, n
	// pick returns the node of smallest count not yet merged.
	pick := func(made int) int {
		if nextLeaf < n && (nextNode >= made || h.nodeCount[nextLeaf] <= h.nodeCount[nextNode]) {
			nextLeaf++
			return nextLeaf - 1
		}
		nextNode++
		return nextNode - 1
	}
	for made := n; made < 2*n-1; made++ {
		a, b := pick(made), pick(made)
		h.nodeCount[made] = h.nodeCount[a] + h.nodeCount[b]
		h.parent[a], h.parent[b] = uint16(made), uint16(made)
	}
	root := 2*n - 2
	h.depth[root] = 0
	for i := root - 1; i >= 0; i-- {
		h.depth[i] = h.depth[h.parent[i]] + 1
	}
	h.length = [256]uint8{}
	for i, s := range leaves {
		h.length[s] = h.depth[i]
	}
}

// limitLengths brings every length to encHuffMaxBits at most while
// keeping the code complete (its Kraft sum exactly 1), which the format
// requires: the decoder infers the last weight from the others.
func (h *encHuffman) limitLengths(n int) {
	const one = 1 << encHuffMaxBits // the Kraft sum, in units of 2^-11
	leaves := h.leaves[:n]          // by increasing count
	kraft := 0
	for _, s := range leaves {
		h.length[s] = min(h.length[s], encHuffMaxBits)
		kraft += one >> h.length[s]
	}
	// Too many short codes: lengthen the rarest symbols' longest codes
	// below the limit.
	for kraft > one {
		best := -1
		for i, s := range leaves {
			if l := h.length[s]; l < encHuffMaxBits && (best < 0 || l > h.length[leaves[best]]) {
				best = i
			}
		}
		s := leaves[best]
		kraft -= one >> (h.length[s] + 1)
		h.length[s]++
	}
	// Room left: shorten the most frequent codes that fit it; the room is
	// a multiple of the longest code's share, so it closes exactly.
	for i := n - 1; kraft < one; {
		s := leaves[i]
		if gain := one >> h.length[s]; h.length[s] > 1 && gain <= one-kraft {
			kraft += gain
			h.length[s]--
			continue
		}
		i--
		if i < 0 {
			i = n - 1
		}
	}
	h.maxBits = 0
	for _, s := range leaves {
		h.maxBits = max(h.maxBits, h.length[s])
	}
}

// assignCodes gives the codes the decoder derives from the weights
// (RFC 8878 section 4.2.1.2): by increasing weight, that is decreasing
// length, then by symbol, each takes the next 2^(weight-1) cells of a
// table of 2^maxBits, and its code is its first cell's index over that.
func (h *encHuffman) assignCodes() {
	var cellsBefore [encHuffMaxBits + 2]int // per weight
	for s := range h.last + 1 {
		if l := h.length[s]; l > 0 {
			cellsBefore[h.maxBits+1-l+1] += 1 << (h.maxBits - l)
		}
	}
	for w := 2; w < len(cellsBefore); w++ {
		cellsBefore[w] += cellsBefore[w-1]
	}
	for s := range h.last + 1 {
		if l := h.length[s]; l > 0 {
			w := h.maxBits + 1 - l
			h.code[s] = uint16(cellsBefore[w] >> (w - 1))
			cellsBefore[w] += 1 << (w - 1)
		}
	}
}

// appendTable appends the Huffman_Tree_Description: the weights of the
// symbols below h.last (the last one's follows from them), FSE-compressed
// or, when that is not smaller, 4 bits each, which only 128 weights can
// use. It reports false when neither form can describe the code.
func (h *encHuffman) appendTable(dst []byte) ([]byte, bool) {
	start := len(dst)
	direct := 1 + (h.last+1)/2
	if out, ok := h.appendFSEWeights(dst); ok && (h.last > 128 || len(out)-start < direct) {
		return out, true
	}
	dst = dst[:start]
	if h.last > 128 {
		return dst, false
	}
	// A header byte of 127 plus the number of weights, then two weights
	// a byte, the first in the high half.
	dst = append(dst, byte(127+h.last))
	for s := 0; s < h.last; s += 2 {
		b := h.weight(s) << 4
		if s+1 < h.last {
			b |= h.weight(s + 1)
		}
		dst = append(dst, b)
	}
	return dst, true
}

// appendFSEWeights appends the weights FSE-compressed: a header byte
// giving the compressed size (below 128), the table description of at
// most 64 cells, and a bitstream of two states taking turns, the first
// for even symbols, as RFC 8878 section 4.2.1.2 describes.
func (h *encHuffman) appendFSEWeights(dst []byte) ([]byte, bool) {
	n := h.last
	var counts [encHuffMaxBits + 1]uint32
	distinct := 0
	for s := range n {
		w := h.weight(s)
		h.weights[s] = w
		if counts[w] == 0 {
			distinct++
		}
		counts[w]++
	}
	if n < 2 || distinct < 2 {
		return dst, false
	}
	maxWeight := int(h.maxBits)
	norm := h.weightNorm[:maxWeight+1]
	log, ok := encNormalize(norm, counts[:maxWeight+1], uint32(n), 6)
	if !ok {
		return dst, false
	}
	headerAt := len(dst)
	dst = encAppendFSEDescription(append(dst, 0), norm, log)
	t := &h.weightTable
	t.build(norm, log)
	w := encBitWriter{out: dst}
	// Written last symbol first; the last two set the initial states.
	var states [2]uint32
	for i := n - 1; i >= 0; i-- {
		if i >= n-2 {
			states[i&1] = t.first(h.weights[i])
		} else {
			t.encode(&w, &states[i&1], h.weights[i])
			w.flush()
		}
	}
	t.finish(&w, states[1])
	t.finish(&w, states[0])
	dst = w.close()
	size := len(dst) - headerAt - 1
	if size >= 128 {
		return dst, false
	}
	dst[headerAt] = byte(size)
	return dst, true
}

// weight is the weight of symbol s: maxBits+1-length, 0 when absent.
func (h *encHuffman) weight(s int) byte {
	if h.length[s] == 0 {
		return 0
	}
	return h.maxBits + 1 - h.length[s]
}

// appendStream appends lits as one Huffman bitstream, written last
// literal first so that the decoder, reading backward, meets the first
// literal first.
func (h *encHuffman) appendStream(dst, lits []byte) []byte {
	w := encBitWriter{out: dst}
	// At most 11 bits a literal: four fit between flushes.
	for i := len(lits) - 1; i >= 0; i-- {
		s := lits[i]
		w.add(uint32(h.code[s]), h.length[s])
		if i&3 == 0 {
			w.flush()
		}
	}
	return w.close()
}
