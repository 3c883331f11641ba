package zstd

// execute decodes count sequences from br and carries them out.
func (z *Reader) execute(br *backwardReader, count int, literals []byte) error {
	s := &z.seq
	llTable, ofTable, mlTable := s.tables[0], s.tables[1], s.tables[2]
	llState := br.get(llTable.log)
	ofState := br.get(ofTable.log)
	mlState := br.get(mlTable.log)
	rep0, rep1, rep2 := s.repeats[0], s.repeats[1], s.repeats[2]

	h := z.hist[:cap(z.hist)]
	pos := len(z.hist)
	blockStart := pos
	blockEnd := blockStart + z.frame.blockMax
	// Offsets reach back at most the window, and not before the frame.
	window := int(min(z.frame.window, maxWindowLimit))
	before := z.produced
	extLen := z.extEnd - z.extStart
	litBuf := literals[:cap(literals)]
	lit := 0
	for i := range count {
		br.fill()
		of := &ofTable.entries[ofState&(1<<maxFSELog-1)]
		ml := &mlTable.entries[mlState&(1<<maxFSELog-1)]
		ll := &llTable.entries[llState&(1<<maxFSELog-1)]
		offset := int(of.baseline) + int(br.get(of.extra))
		br.fill()
		matchLen := int(ml.baseline) + int(br.get(ml.extra))
		litLen := int(ll.baseline) + int(br.get(ll.extra))
		if br.overflowed() {
			return corrupt("sequences bitstream ends at sequence %d of %d", i+1, count)
		}

		// Offset values 1 to 3 name a repeat offset (RFC 8878 3.1.1.5).
		if of.extra > 1 {
			rep0, rep1, rep2 = offset-3, rep0, rep1
			offset = rep0
		} else {
			if litLen == 0 {
				offset++
			}
			switch offset {
			case 1:
				offset = rep0
			case 2:
				offset = rep1
				rep0, rep1 = rep1, rep0
			case 3:
				offset = rep2
				rep0, rep1, rep2 = rep2, rep0, rep1
			default:
				// Repeated_Offset1 - 1; the reference decoder turns 0 into 1.
				offset = max(rep0-1, 1)
				rep0, rep1, rep2 = offset, rep0, rep1
			}
		}

		if litLen > len(literals)-lit {
			return corrupt("sequence %d takes %d literals, %d are left", i+1, litLen, len(literals)-lit)
		}
		if litLen+matchLen > blockEnd-pos {
			return corrupt("sequences make a block of more than %d bytes", z.frame.blockMax)
		}
		if litLen <= 16 && lit+16 <= len(litBuf) && pos+16 <= len(h) {
			*(*[16]byte)(h[pos:]) = *(*[16]byte)(litBuf[lit:])
		} else {
			copy(h[pos:], literals[lit:lit+litLen])
		}
		lit += litLen
		pos += litLen
		switch {
		case offset > window:
			return corrupt("match offset %d beyond the window of %d bytes", offset, window)
		case uint64(offset) > before+uint64(pos-blockStart) || offset > pos+extLen:
			return corrupt("match offset %d reaches before the frame's start", offset)
		}
		if offset > pos {
			// The match starts in the previous lap of the history.
			back := offset - pos
			n := min(back, matchLen)
			copy(h[pos:pos+n], h[z.extEnd-back:])
			pos += n
			matchLen -= n
		}
		from := pos - offset
		switch {
		case matchLen == 0:
			// All of it came from the previous lap.
		case offset >= 16 && pos+matchLen+16 <= len(h):
			// 16 bytes at a time: each piece is whole before it is read.
			for i := 0; i < matchLen; i += 16 {
				*(*[16]byte)(h[pos+i:]) = *(*[16]byte)(h[from+i:])
			}
			pos += matchLen
		case offset >= matchLen:
			copy(h[pos:pos+matchLen], h[from:from+matchLen])
			pos += matchLen
		default:
			// Overlapping: each copy doubles the repeated span.
			for end := pos + matchLen; pos < end; {
				pos += copy(h[pos:end], h[from:pos])
			}
		}

		if i+1 < count {
			br.fill()
			llState = uint64(ll.newState) + br.get(ll.nbBits)
			mlState = uint64(ml.newState) + br.get(ml.nbBits)
			ofState = uint64(of.newState) + br.get(of.nbBits)
		}
	}
	if err := br.checkEnd("sequences"); err != nil {
		return corruptWrap("sequences", err)
	}
	rest := literals[lit:]
	if len(rest) > blockEnd-pos {
		return corrupt("sequences make a block of more than %d bytes", z.frame.blockMax)
	}
	pos += copy(h[pos:], rest)
	z.hist = h[:pos]
	s.repeats = [3]int{rep0, rep1, rep2}
	return nil
}
