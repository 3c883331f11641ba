package zstd

import "math"

// Symbol_Compression_Modes (RFC 8878 section 3.1.1.3.2.1).
const (
	encModePredefined = 0
	encModeRLE        = 1
	encModeFSE        = 2
)

// encCodes are one sequence's three codes.
type encCodes struct {
	ll, ml, of uint8
}

// encSequenceTables is the encoder's space for a block's own tables.
type encSequenceTables struct {
	ll, ml, of encFSETable
	norm       [encMaxFSESymbols]int16
	codes      []encCodes
}

// appendSequences appends the Sequences_Section of e.seqs, turning their
// offsets into Offset_Values. Each of the three codes gets the cheapest of
// the predefined distribution, one of the block's own, described before
// the bitstream, or a single code repeated.
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
	e.setOffsetValues()

	st := &e.tables
	var llCounts [len(literalLengthCodes)]uint32
	var mlCounts [len(matchLengthCodes)]uint32
	var ofCounts [32]uint32
	st.codes = st.codes[:0]
	for _, s := range e.seqs {
		c := encCodes{ll: encLLCode(s.litLen), ml: encMLCode(s.matchLen), of: encOFCode(s.offset)}
		llCounts[c.ll]++
		mlCounts[c.ml]++
		ofCounts[c.of]++
		st.codes = append(st.codes, c)
	}
	pre := encPredefined.Get()
	modesAt := len(dst)
	dst = append(dst, 0)
	var llMode, ofMode, mlMode byte
	var ll, of, ml *encFSETable
	dst, ll, llMode = st.choose(dst, llCounts[:], uint32(n), &pre.ll, predefinedLiteralLengths[:], &st.ll, 9)
	dst, of, ofMode = st.choose(dst, ofCounts[:], uint32(n), &pre.of, predefinedOffsets[:], &st.of, 8)
	dst, ml, mlMode = st.choose(dst, mlCounts[:], uint32(n), &pre.ml, predefinedMatchLengths[:], &st.ml, 9)
	dst[modesAt] = llMode<<6 | ofMode<<4 | mlMode<<2

	w := encBitWriter{out: dst}
	// The decoder reads the bitstream backward, so the sequences are
	// written last to first: the last one's codes set the initial states,
	// and each earlier one is reached by a state transition.
	c := st.codes[n-1]
	llState, mlState, ofState := ll.first(c.ll), ml.first(c.ml), of.first(c.of)
	for i := n - 1; ; i-- {
		// Each sequence's extra bits, which the decoder reads as offset,
		// match length, literals length: at most 16+16, then 31 bits.
		s := e.seqs[i]
		w.add(s.litLen-literalLengthCodes[c.ll].baseline, literalLengthCodes[c.ll].extra)
		w.add(s.matchLen-matchLengthCodes[c.ml].baseline, matchLengthCodes[c.ml].extra)
		w.flush()
		w.add(s.offset, c.of)
		w.flush()
		if i == 0 {
			break
		}
		c = st.codes[i-1]
		// The decoder updates literals length, match length, offset:
		// at most 9+9+8 bits.
		of.encode(&w, &ofState, c.of)
		ml.encode(&w, &mlState, c.ml)
		ll.encode(&w, &llState, c.ll)
		w.flush()
	}
	// The initial states, read first: literals length, offset, match length.
	ml.finish(&w, mlState)
	of.finish(&w, ofState)
	ll.finish(&w, llState)
	return w.close()
}

// choose picks the cheapest way to code symbols of the given counts
// (total in all), appends what the decoder needs to know of it, and
// returns the table to encode with and its mode. own receives the
// block's table, of at most 1<<maxLog cells.
func (st *encSequenceTables) choose(dst []byte, counts []uint32, total uint32, predef *encFSETable, predefNorm []int16, own *encFSETable, maxLog uint8) ([]byte, *encFSETable, byte) {
	distinct, last := 0, 0
	for s, c := range counts {
		if c > 0 {
			distinct++
			last = s
		}
	}
	norm := st.norm[:last+1]
	if distinct == 1 {
		// One code: a byte, and states of no bits.
		clear(norm)
		norm[last] = 1
		own.build(norm, 0)
		return append(dst, byte(last)), own, encModeRLE
	}
	predefBits := encCost(counts, predefNorm, predef.tableLog)
	// A description costs a few bytes: not worth it for a few sequences.
	if total < 16 && !math.IsInf(predefBits, 1) {
		return dst, predef, encModePredefined
	}
	log, ok := encNormalize(norm, counts[:last+1], total, maxLog)
	if !ok {
		return dst, predef, encModePredefined
	}
	start := len(dst)
	dst = encAppendFSEDescription(dst, norm, log)
	if ownBits := float64(8*(len(dst)-start)) + encCost(counts, norm, log); ownBits >= predefBits {
		return dst[:start], predef, encModePredefined
	}
	own.build(norm, log)
	return dst, own, encModeFSE
}

// encCost estimates the bits the states take to code symbols of the
// given counts with a distribution: log2 of the table over the symbol's
// cells each; infinite when a symbol has no cell.
func encCost(counts []uint32, norm []int16, log uint8) float64 {
	bits := 0.0
	for s, c := range counts {
		if c == 0 {
			continue
		}
		if s >= len(norm) || norm[s] == 0 {
			return math.Inf(1)
		}
		bits += float64(c) * (float64(log) - math.Log2(float64(encCells(norm[s]))))
	}
	return bits
}
