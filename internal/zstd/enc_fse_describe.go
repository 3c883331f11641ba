package zstd

import "math"

// Building a block's own FSE distribution: counts normalized to a power
// of two, and the table description the decoder rebuilds them from
// (RFC 8878 section 4.1.1).

// encNormalize scales counts (of total symbols, at least two distinct)
// to a distribution of 1<<log cells, log at most maxLog, into norm: a
// symbol too rare for one cell gets -1, the "less than 1" probability.
// It reports false when the symbols do not fit the table, and the caller
// keeps another mode.
func encNormalize(norm []int16, counts []uint32, total uint32, maxLog uint8) (uint8, bool) {
	last := 0
	for s, c := range counts {
		if c > 0 {
			last = s
		}
	}
	// A table larger than a quarter of the symbols is mostly empty; one
	// smaller than the alphabet cannot hold it.
	l := min(int(maxLog), int(encHighBit(total-1))-2)
	l = max(l, min(int(encHighBit(total))+1, int(encHighBit(uint32(last)))+2), 5)
	log := uint8(min(l, int(maxLog)))

	size := 1 << log
	lowThreshold := total >> log
	cells := 0
	for s, c := range counts {
		switch {
		case c == 0:
			norm[s] = 0
		case c <= lowThreshold:
			norm[s] = -1
			cells++
		default:
			p := max(1, int((uint64(c)<<log+uint64(total)/2)/uint64(total)))
			norm[s] = int16(p)
			cells += p
		}
	}
	// Rounding leaves a few cells over or under: give or take them one at
	// a time where that costs the fewest bits, count times the change of
	// log2 of the symbol's share.
	for ; cells != size; cells += encSign(size - cells) {
		best, bestCost := -1, math.Inf(1)
		for s, c := range counts {
			p := float64(norm[s])
			if norm[s] <= 0 || (cells > size && norm[s] == 1) {
				continue
			}
			cost := float64(c) * math.Log2(p/(p+1)) // taking a cell away costs
			if cells > size {
				cost = float64(c) * math.Log2(p/(p-1))
			}
			if cost < bestCost {
				best, bestCost = s, cost
			}
		}
		if best < 0 {
			return 0, false
		}
		norm[best] += int16(encSign(size - cells))
	}
	return log, true
}

// encSign is 1 for a positive n, -1 for a negative one.
func encSign(n int) int {
	if n > 0 {
		return 1
	}
	return -1
}

// encAppendFSEDescription appends the description of a distribution of
// 1<<log cells: the log less 5 in 4 bits, then each count plus one in as
// few bits as the cells left allow, runs of zero counts as 2-bit repeat
// flags, until every cell is accounted for.
func encAppendFSEDescription(dst []byte, norm []int16, log uint8) []byte {
	var bits uint64
	var n uint
	put := func(v uint64, nb uint) {
		bits |= v << n
		n += nb
		for n >= 8 {
			dst = append(dst, byte(bits))
			bits >>= 8
			n -= 8
		}
	}
	put(uint64(log-5), 4)
	remaining := 1<<log + 1
	threshold := 1 << log
	nbBits := uint(log) + 1
	previousZero := false
	for s := 0; s < len(norm) && remaining > 1; {
		if previousZero {
			// How many zero counts follow: 3 per "11" flag, then 0 to 2.
			start := s
			for s < len(norm) && norm[s] == 0 {
				s++
			}
			for ; s >= start+3; start += 3 {
				put(3, 2)
			}
			put(uint64(s-start), 2)
		}
		count := int(norm[s])
		s++
		short := 2*threshold - 1 - remaining
		remaining -= encCells(int16(count))
		v := count + 1
		// Values below short take one bit fewer; the others are shifted
		// up by short to keep every code distinct.
		if v >= threshold {
			v += short
		}
		if v < short {
			put(uint64(v), nbBits-1)
		} else {
			put(uint64(v), nbBits)
		}
		previousZero = count == 0
		for remaining < threshold {
			nbBits--
			threshold >>= 1
		}
	}
	if n > 0 {
		dst = append(dst, byte(bits))
	}
	return dst
}
