package zstd

import (
	"encoding/binary"
	"math/bits"
)

// The match finder is greedy: at each position it looks up the last
// position whose first bytes hashed the same, takes the match if there is
// one, and otherwise moves on, faster and faster through data that does
// not match.

const (
	// encHashLog sizes the hash table: 32 Ki positions, 128 KiB.
	encHashLog = 15
	// encMinMatch is the shortest match taken; the format allows 3, but
	// 3-byte matches rarely pay for their sequence.
	encMinMatch = 4
	// encSkipLog sets how fast the finder skips through unmatched bytes:
	// one more byte per step every 1<<encSkipLog literals.
	encSkipLog = 6
	// encHashTail is how many bytes a hash reads.
	encHashTail = 8
)

// encSequence is one LZ77 step: copy litLen literals, then matchLen
// bytes from offset bytes back; appendSequences turns offset into the
// Offset_Value it writes.
type encSequence struct {
	litLen, matchLen, offset uint32
}

// encHash hashes the low 6 bytes of u: shorter prefixes collide on
// repetitive text, longer ones miss short matches.
func encHash(u uint64) uint32 {
	const prime6 = 227718039650203
	return uint32(((u << 16) * prime6) >> (64 - encHashLog))
}

// findSequences fills e.seqs and e.lits with the sequences of the block
// src[start:end]; matches may reach back to any earlier byte of src within
// maxOffset, never beyond end. Literals after the last match are left
// for the caller: src[e.tail:end].
func (e *Encoder) findSequences(src []byte, start, end, maxOffset int) {
	e.seqs = e.seqs[:0]
	e.lits = e.lits[:0]
	table := e.table
	// The table's numbering (Encoder.stored), kept in registers: position
	// p is stored as p+base, and values below cur mean none.
	cur := e.cur
	base := int(cur) - e.segStart
	nextEmit := start
	s := start
	// Hashing reads 8 bytes, and a match found needs its 4 first.
	limit := min(end, len(src)-encHashTail+1) - encMinMatch
	for s < limit {
		cv := binary.LittleEndian.Uint64(src[s:])
		h := encHash(cv)
		stored := table[h]
		table[h] = int32(s + base)
		cand := int(stored) - base
		if stored < cur || s-cand > maxOffset || binary.LittleEndian.Uint32(src[cand:]) != uint32(cv) {
			off := e.lastOffset
			if off == 0 || binary.LittleEndian.Uint32(src[s+1-off:]) != uint32(cv>>8) {
				s += 1 + (s-nextEmit)>>encSkipLog
				continue
			}
			// No match here, but the last offset matches one byte on:
			// structured data repeats at the distance of its records, and
			// a repeat offset costs a few bits where a new one costs up
			// to 30.
			s++
			cand = s - off
		}
		// Extend backward over literals, then forward up to the block end.
		for cand > 0 && s > nextEmit && src[cand-1] == src[s-1] {
			cand--
			s--
		}
		n := encMinMatch + encMatchLen(src[cand+encMinMatch:], src[s+encMinMatch:end])
		e.lits = append(e.lits, src[nextEmit:s]...)
		e.seqs = append(e.seqs, encSequence{litLen: uint32(s - nextEmit), matchLen: uint32(n), offset: uint32(s - cand)})
		e.lastOffset = s - cand
		s += n
		nextEmit = s
		// Remember a position near the match's end, where the next match
		// of repetitive data often starts.
		if p := s - 2; p < len(src)-encHashTail+1 {
			table[encHash(binary.LittleEndian.Uint64(src[p:]))] = int32(p + base)
		}
	}
	e.tail = nextEmit
}

// encMatchLen returns how many first bytes a and b share (b no longer
// than a).
func encMatchLen(a, b []byte) int {
	n := 0
	for len(b)-n >= 8 {
		if x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:]); x != 0 {
			return n + bits.TrailingZeros64(x)>>3
		}
		n += 8
	}
	for n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
