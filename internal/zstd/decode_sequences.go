package zstd

import "github.com/csmctl/csmctl/internal/memo"

// seqEntry is one state of a sequence code's decoding table, with the
// code's baseline and extra bits folded in.
type seqEntry struct {
	baseline uint32
	extra    uint8
	nbBits   uint8
	newState uint16
}

// seqTable decodes literal lengths, match lengths or offsets.
type seqTable struct {
	log     uint8
	entries [1 << maxFSELog]seqEntry
}

// seqKind describes one of the three sequence codes.
type seqKind struct {
	name    string
	maxCode int
	maxLog  uint8
	codes   []codeValue
}

var seqKinds = [3]seqKind{
	{"literal length", maxLiteralLengthCode, maxLiteralLengthLog, literalLengthCodes[:]},
	{"offset", maxOffsetCode, maxOffsetLog, offsetCodes[:]},
	{"match length", maxMatchLengthCode, maxMatchLengthLog, matchLengthCodes[:]},
}

// predefinedTables are the tables of the predefined distributions, in
// seqKinds' order, built on first use.
var predefinedTables = memo.Value[*[3]seqTable]{New: func() *[3]seqTable {
	var t [3]seqTable
	dists := [3][]int16{predefinedLiteralLengths[:], predefinedOffsets[:], predefinedMatchLengths[:]}
	logs := [3]uint8{predefinedLiteralLengthLog, predefinedOffsetLog, predefinedMatchLengthLog}
	for k := range t {
		if err := t[k].build(dists[k], logs[k], seqKinds[k].codes); err != nil {
			panic("zstd: predefined distribution: " + err.Error())
		}
	}
	return &t
}}

// build makes the table of a distribution.
func (t *seqTable) build(norm []int16, accLog uint8, codes []codeValue) error {
	var states [1 << maxFSELog]fseEntry
	if err := buildFSE(norm, accLog, states[:1<<accLog]); err != nil {
		return err
	}
	t.log = accLog
	for i, s := range states[:1<<accLog] {
		c := codes[s.symbol]
		t.entries[i] = seqEntry{baseline: c.baseline, extra: c.extra, nbBits: s.nbBits, newState: s.newState}
	}
	return nil
}

// sequenceState is what sequence decoding carries from block to block of
// a frame: the tables Repeat mode reuses and the repeat offsets.
type sequenceState struct {
	tables  [3]*seqTable // nil until a block defines them
	own     [3]seqTable  // storage of tables the frame describes
	norm    [maxMatchLengthCode + 1]int16
	repeats [3]int
}

func (s *sequenceState) reset() {
	s.tables = [3]*seqTable{}
	s.repeats = [3]int{1, 4, 8}
}

// Symbol_Compression_Modes (RFC 8878 3.1.1.3.2.1).
const (
	modePredefined = 0
	modeRLE        = 1
	modeFSE        = 2
	modeRepeat     = 3
)

// readTables reads the Symbol_Compression_Modes byte and the tables that
// follow it, and returns the bytes they take.
func (s *sequenceState) readTables(in []byte) (int, error) {
	if len(in) == 0 {
		return 0, corrupt("sequences section without its compression modes")
	}
	modes := in[0]
	if modes&3 != 0 {
		return 0, corrupt("sequences section's reserved bits are set")
	}
	used := 1
	for k := range seqKinds {
		kind := &seqKinds[k]
		switch mode := modes >> (6 - 2*k) & 3; mode {
		case modePredefined:
			s.tables[k] = &predefinedTables.Get()[k]
		case modeRLE:
			if used >= len(in) {
				return 0, corrupt("%s RLE mode without its symbol", kind.name)
			}
			code := int(in[used])
			used++
			if code > kind.maxCode {
				return 0, corrupt("%s code %d in RLE mode, over the maximum of %d", kind.name, code, kind.maxCode)
			}
			t := &s.own[k]
			c := kind.codes[code]
			t.log = 0
			t.entries[0] = seqEntry{baseline: c.baseline, extra: c.extra}
			s.tables[k] = t
		case modeFSE:
			norm := s.norm[:kind.maxCode+1]
			symbols, accLog, n, err := readDistribution(in[used:], norm, kind.maxLog)
			if err != nil {
				return 0, corruptWrap(kind.name+" table", err)
			}
			used += n
			t := &s.own[k]
			if err := t.build(norm[:symbols], accLog, kind.codes); err != nil {
				return 0, corruptWrap(kind.name+" table", err)
			}
			s.tables[k] = t
		case modeRepeat:
			if s.tables[k] == nil {
				return 0, corrupt("%s table in Repeat mode with no previous table", kind.name)
			}
		}
	}
	return used, nil
}

// decodeSequences decodes a Sequences_Section and executes it: literals
// and matches are appended to the history.
func (z *Reader) decodeSequences(in, literals []byte) error {
	if len(in) == 0 {
		return corrupt("compressed block without a sequences section")
	}
	var count, used int
	switch b0 := int(in[0]); {
	case b0 < 128:
		count, used = b0, 1
	case b0 < 255:
		if len(in) < 2 {
			return corrupt("sequences section header cut short")
		}
		count, used = (b0-128)<<8|int(in[1]), 2
	default:
		if len(in) < 3 {
			return corrupt("sequences section header cut short")
		}
		count, used = int(in[1])|int(in[2])<<8+0x7F00, 3
	}
	in = in[used:]
	if count == 0 {
		if len(in) != 0 {
			return corrupt("%d bytes after a sequences section with no sequence", len(in))
		}
		z.hist = append(z.hist, literals...)
		return nil
	}
	s := &z.seq
	n, err := s.readTables(in)
	if err != nil {
		return err
	}
	var br backwardReader
	if err := br.init(in[n:]); err != nil {
		return corruptWrap("sequences", err)
	}
	return z.execute(&br, count, literals)
}
