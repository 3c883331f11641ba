package zstd

import "github.com/csmctl/csmctl/internal/memo"

// encFSETable encodes symbols with one FSE distribution. An encoder state
// is a number in [tableSize, 2*tableSize): its low tableLog bits are the
// decoder's state, whose cell holds the symbol last encoded.
type encFSETable struct {
	tableLog uint8
	// next lists, symbol after symbol, the states whose cell holds that
	// symbol, in the order of the cells.
	next    [1 << encMaxFSELog]uint16
	symbols [encMaxFSESymbols]encFSESymbol
}

const (
	// encMaxFSELog is the largest accuracy log of the sequence tables.
	encMaxFSELog = 9
	// encMaxFSESymbols is the size of the largest alphabet, match lengths.
	encMaxFSESymbols = 53
)

// encFSESymbol says how to move to a state of one symbol: a state s
// writes (s+deltaNbBits)>>16 of its low bits, and what remains of it,
// plus deltaFindState, indexes next.
type encFSESymbol struct {
	deltaNbBits    uint32
	deltaFindState int32
}

// encPredefined holds the tables of the predefined distributions, built
// on first use.
var encPredefined = memo.Value[*encPredefinedTables]{New: func() *encPredefinedTables {
	t := new(encPredefinedTables)
	t.ll.build(predefinedLiteralLengths[:], predefinedLiteralLengthLog)
	t.ml.build(predefinedMatchLengths[:], predefinedMatchLengthLog)
	t.of.build(predefinedOffsets[:], predefinedOffsetLog)
	return t
}}

// encPredefinedTables are the literals length, match length and offset
// tables of Predefined_Mode.
type encPredefinedTables struct {
	ll, ml, of encFSETable
}

// build makes t the encoding table of a normalized distribution whose
// counts (a "less than 1" probability being -1) add up to 1<<tableLog.
// The cells are spread exactly as the decoder spreads them (RFC 8878
// section 4.1.1), or the two would disagree on every state.
func (t *encFSETable) build(norm []int16, tableLog uint8) {
	size := 1 << tableLog
	var cells [1 << encMaxFSELog]uint8
	cellSymbol := cells[:size]
	// "Less than 1" symbols take the last cells, one each.
	high := size - 1
	for s, c := range norm {
		if c == -1 {
			cellSymbol[high] = uint8(s)
			high--
		}
	}
	step := size>>1 + size>>3 + 3
	pos := 0
	for s, c := range norm {
		for range max(c, 0) { // "less than 1" symbols are placed
			cellSymbol[pos] = uint8(s)
			pos = (pos + step) & (size - 1)
			for pos > high {
				pos = (pos + step) & (size - 1)
			}
		}
	}

	// start[s] is where symbol s's states begin in next.
	var starts [encMaxFSESymbols + 1]int
	start := starts[:len(norm)+1]
	for s, c := range norm {
		start[s+1] = start[s] + encCells(c)
	}
	t.tableLog = tableLog
	fill := starts
	for cell, s := range cellSymbol {
		t.next[fill[s]] = uint16(size + cell)
		fill[s]++
	}
	for s, c := range norm {
		sym := &t.symbols[s]
		*sym = encFSESymbol{}
		switch {
		case c == 0:
			// Never encoded: the block encoder only asks for codes the
			// distribution gives a probability.
		case c == -1 || c == 1:
			sym.deltaNbBits = uint32(tableLog)<<16 - uint32(size)
			sym.deltaFindState = int32(start[s] - 1)
		default:
			// A symbol with c cells writes tableLog-log2(c) bits from the
			// states >= c<<maxBits, one fewer below.
			maxBits := uint32(tableLog) - encHighBit(uint32(c-1))
			sym.deltaNbBits = maxBits<<16 - uint32(c)<<maxBits
			sym.deltaFindState = int32(start[s] - int(c))
		}
	}
}

// first returns the state that encodes symbol s as the last symbol of a
// stream (the first one the decoder reads), writing no bits.
func (t *encFSETable) first(s uint8) uint32 {
	sym := t.symbols[s]
	nb := (sym.deltaNbBits + 1<<15) >> 16
	v := nb<<16 - sym.deltaNbBits
	return uint32(t.next[int32(v>>nb)+sym.deltaFindState])
}

// encode moves state to one that encodes symbol s, writing the bits the
// decoder will read to come back.
func (t *encFSETable) encode(w *encBitWriter, state *uint32, s uint8) {
	sym := t.symbols[s]
	nb := (*state + sym.deltaNbBits) >> 16
	w.add(*state, uint8(nb))
	*state = uint32(t.next[int32(*state>>nb)+sym.deltaFindState])
}

// finish writes the final state, the decoder's initial state.
func (t *encFSETable) finish(w *encBitWriter, state uint32) {
	w.add(state, t.tableLog)
}

// encCells is how many cells of the table a normalized count takes.
func encCells(c int16) int {
	if c == -1 {
		return 1
	}
	return int(c)
}
