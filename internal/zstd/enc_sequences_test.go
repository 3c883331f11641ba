package zstd

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// encFrameOf writes a frame of one compressed block holding the given
// sequences and literals, and returns it with the content it stands for.
func encFrameOf(t *testing.T, lits []byte, seqs []encSequence) (frame, content []byte) {
	t.Helper()
	rest := lits
	for _, s := range seqs {
		content = append(content, rest[:s.litLen]...)
		rest = rest[s.litLen:]
		if int(s.offset) > len(content) || s.offset == 0 {
			t.Fatalf("offset %d with %d bytes written", s.offset, len(content))
		}
		for range s.matchLen {
			content = append(content, content[len(content)-int(s.offset)])
		}
	}
	content = append(content, rest...)
	frame, _ = encAppendFrameHeader(nil, len(content))
	e := Encoder{seqs: seqs, rep: encInitialRep}
	body := e.appendSequences(encTestRawLiterals(lits))
	frame = encAppendBlockHeader(frame, true, encBlockCompressed, len(body))
	return append(frame, body...), content
}

// The sequences section decodes, through the reference decoder, to the
// sequences written: every code of the three tables, their extra bits,
// and the three forms of Number_of_Sequences.
func TestEncodeSequences(t *testing.T) {
	d := encDecoder(t)
	r := rand.New(rand.NewPCG(7, 7))
	// randomSeqs returns n sequences whose lengths and offsets come from
	// the given functions, and literals for them.
	randomSeqs := func(n int, litLen, matchLen func(i int) uint32) ([]byte, []encSequence) {
		var lits []byte
		var seqs []encSequence
		written := 0
		for i := range n {
			s := encSequence{litLen: litLen(i), matchLen: matchLen(i)}
			lits = append(lits, encRandom(int(s.litLen), r.Uint64())...)
			written += int(s.litLen)
			if written == 0 {
				// The first match needs a byte to copy.
				s.litLen++
				lits = append(lits, 'a')
				written++
			}
			// Near offsets keep the block under its 128 KiB limit.
			s.offset = 1 + uint32(r.IntN(min(written, 64)))
			written += int(s.matchLen)
			seqs = append(seqs, s)
		}
		return lits, seqs
	}
	// A block may not be larger than the frame's window, here its content:
	// the literals, stored raw, need matches that make more content.
	//
	// Every code, at its base and at its largest value, the largest
	// codes cut to what a block holds.
	const budget = 120 << 10
	llValue := func(i int) uint32 {
		code := i / 2 % len(literalLengthCodes)
		return min(budget-4, literalLengthCodes[code].baseline+uint32(i%2)*(1<<literalLengthCodes[code].extra-1))
	}
	mlValue := func(i int) uint32 {
		code := i / 2 % len(matchLengthCodes)
		return min(budget-4, matchLengthCodes[code].baseline+uint32(i%2)*(1<<matchLengthCodes[code].extra-1))
	}
	// n returns how many of the two values of a code fit a block.
	n := func(v func(int) uint32, code int) int {
		if v(2*code)+v(2*code+1) > budget {
			return 1
		}
		return 2
	}
	cases := []struct {
		name     string
		n        int
		litLen   func(int) uint32
		matchLen func(int) uint32
	}{
		{"one", 1, func(int) uint32 { return 5 }, func(int) uint32 { return 3 }},
		{"127", 127, func(i int) uint32 { return uint32(i % 20) }, func(i int) uint32 { return 3 + uint32(i%50) }},
		{"128", 128, func(i int) uint32 { return uint32(i % 3) }, func(i int) uint32 { return 4 }},
		{"0x7EFF", 0x7EFF, func(int) uint32 { return 0 }, func(int) uint32 { return 3 }},
		{"0x7F00", 0x7F00, func(int) uint32 { return 0 }, func(int) uint32 { return 3 }},
		{"0x7F00+2000", 0x7F00 + 2000, func(i int) uint32 { return uint32(i % 2) }, func(int) uint32 { return 3 }},
	}
	for code := range literalLengthCodes {
		cases = append(cases, struct {
			name     string
			n        int
			litLen   func(int) uint32
			matchLen func(int) uint32
		}{fmt.Sprintf("literals length code %d", code), n(llValue, code), func(i int) uint32 { return llValue(2*code + i) }, func(int) uint32 { return 100 }})
	}
	for code := range matchLengthCodes {
		cases = append(cases, struct {
			name     string
			n        int
			litLen   func(int) uint32
			matchLen func(int) uint32
		}{fmt.Sprintf("match length code %d", code), n(mlValue, code), func(int) uint32 { return 1 }, func(i int) uint32 { return mlValue(2*code + i) }})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lits, seqs := randomSeqs(c.n, c.litLen, c.matchLen)
			frame, content := encFrameOf(t, lits, seqs)
			if len(content) > encMaxBlock {
				t.Fatalf("the case makes a block of %d bytes", len(content))
			}
			got, err := d.DecodeAll(frame, nil)
			if err != nil {
				t.Fatalf("reference decoder: %v", err)
			}
			if !bytes.Equal(got, content) {
				t.Fatalf("decoded %d bytes, not the %d the sequences make", len(got), len(content))
			}
		})
	}
}

// Offsets of every code up to the 8 MiB window, in a frame that has the
// history for them.
func TestEncodeOffsetCodes(t *testing.T) {
	d := encDecoder(t)
	for code := 2; code <= 23; code++ {
		for _, offset := range []uint32{1<<code - 3, 1<<(code+1) - 4} {
			if offset == 0 || offset > 1<<encWindowLog {
				continue
			}
			t.Run(fmt.Sprint(offset), func(t *testing.T) {
				// Raw blocks of history, then one compressed block whose
				// match copies from offset bytes back.
				history := encRandom(int(offset)+8, uint64(offset))
				var frame []byte
				frame, _ = encAppendFrameHeader(frame, len(history)+12)
				for start := 0; start < len(history); start += encMaxBlock {
					end := min(start+encMaxBlock, len(history))
					frame = encAppendBlockHeader(frame, false, encBlockRaw, end-start)
					frame = append(frame, history[start:end]...)
				}
				e := Encoder{seqs: []encSequence{{litLen: 2, matchLen: 10, offset: offset}}, rep: encInitialRep}
				body := e.appendSequences(encTestRawLiterals([]byte("<>")))
				frame = encAppendBlockHeader(frame, true, encBlockCompressed, len(body))
				frame = append(frame, body...)
				want := append(append([]byte(nil), history...), '<', '>')
				for range 10 {
					want = append(want, want[len(want)-int(offset)])
				}
				got, err := d.DecodeAll(frame, nil)
				if err != nil {
					t.Fatalf("reference decoder: %v", err)
				}
				if !bytes.Equal(got, want) {
					t.Fatal("the match copied other bytes")
				}
			})
		}
	}
}

// encTestRawLiterals is a Raw_Literals_Block of lits.
func encTestRawLiterals(lits []byte) []byte {
	return append(encAppendLiteralsHeader(nil, encLiteralsRaw, len(lits)), lits...)
}
