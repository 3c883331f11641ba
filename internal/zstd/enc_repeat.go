package zstd

// encInitialRep are the repeat offsets at the start of a frame (RFC 8878
// section 3.1.2.5).
var encInitialRep = [3]uint32{1, 4, 8}

// setOffsetValues replaces each sequence's offset with its Offset_Value:
// a code 1 to 3 when the offset is one of the three the decoder
// remembers, the offset plus 3 otherwise; e.rep follows, as the
// decoder's will.
func (e *Encoder) setOffsetValues() {
	for i := range e.seqs {
		s := &e.seqs[i]
		s.offset = e.rep.value(s.offset, s.litLen)
	}
}

// encRepeats are the three repeat offsets, most recent first.
type encRepeats [3]uint32

// value returns the Offset_Value of a match at offset after litLen
// literals, and updates r. After no literal, code 1 means the second
// offset, 2 the third and 3 the first minus one: the first would have
// extended the previous match.
func (r *encRepeats) value(offset, litLen uint32) uint32 {
	if litLen > 0 {
		switch offset {
		case r[0]:
			return 1
		case r[1]:
			r[0], r[1] = r[1], r[0]
			return 2
		case r[2]:
			r[0], r[1], r[2] = r[2], r[0], r[1]
			return 3
		}
	} else {
		switch offset {
		case r[1]:
			r[0], r[1] = r[1], r[0]
			return 1
		case r[2]:
			r[0], r[1], r[2] = r[2], r[0], r[1]
			return 2
		case r[0] - 1:
			r[0], r[1], r[2] = r[0]-1, r[0], r[1]
			return 3
		}
	}
	r[0], r[1], r[2] = offset, r[0], r[1]
	return offset + 3
}
