package zstd

import (
	"slices"
	"testing"
)

// encTestReadDescription reads an FSE table description as RFC 8878
// section 4.1.1 gives it, independently of the writer, and returns the
// distribution and the bytes it took.
func encTestReadDescription(t *testing.T, b []byte) ([]int16, uint8, int) {
	t.Helper()
	pos := 0
	peek := func(n int) int {
		v := 0
		for i := range n {
			p := pos + i
			if p/8 >= len(b) {
				t.Fatalf("description of %d bytes ends before its counts", len(b))
			}
			v |= int(b[p/8]>>(p%8)&1) << i
		}
		return v
	}
	read := func(n int) int {
		v := peek(n)
		pos += n
		return v
	}
	log := uint8(read(4) + 5)
	remaining := 1<<log + 1
	threshold := 1 << log
	nbBits := int(log) + 1
	var norm []int16
	for remaining > 1 {
		if len(norm) > encMaxFSESymbols {
			t.Fatalf("more than %d counts", encMaxFSESymbols)
		}
		short := 2*threshold - 1 - remaining
		v := peek(nbBits - 1)
		if v < short {
			pos += nbBits - 1
		} else {
			v = read(nbBits)
			if v >= threshold {
				v -= short
			}
		}
		count := v - 1
		norm = append(norm, int16(count))
		remaining -= encCells(int16(count))
		if count == 0 {
			for {
				zeros := read(2)
				for range zeros {
					norm = append(norm, 0)
				}
				if zeros < 3 {
					break
				}
			}
		}
		for remaining < threshold {
			nbBits--
			threshold >>= 1
		}
	}
	if remaining != 1 {
		t.Fatalf("the counts overflow the table: %d cells left", remaining-1)
	}
	return norm, log, (pos + 7) / 8
}

// The predefined distributions, written and read back.
func TestEncFSEDescriptionPredefined(t *testing.T) {
	for _, c := range predefinedDistributions {
		t.Run(c.name, func(t *testing.T) {
			b := encAppendFSEDescription(nil, c.norm, c.log)
			norm, log, used := encTestReadDescription(t, b)
			if log != c.log || !slices.Equal(norm, c.norm) {
				t.Errorf("read log %d %v, want %d %v", log, norm, c.log, c.norm)
			}
			if used != len(b) {
				t.Errorf("the description takes %d bytes of the %d written", used, len(b))
			}
		})
	}
}

// Counts normalize to a distribution of the whole table that keeps every
// symbol, rare ones as "less than 1", and the description reads back.
func TestEncNormalize(t *testing.T) {
	zeros := func(n int) []uint32 { return make([]uint32, n) }
	cases := []struct {
		name   string
		counts []uint32
		maxLog uint8
	}{
		{"two symbols", []uint32{10, 1}, 9},
		{"zeros between", append(append([]uint32{5}, zeros(7)...), 3, 0, 1), 9},
		{"a run of 40 zeros", append(append([]uint32{50}, zeros(40)...), 20, 7), 9},
		{"rare symbols", []uint32{100000, 1, 1, 500, 0, 2}, 9},
		{"uniform", slices.Repeat([]uint32{30}, 53), 9},
		{"offsets", []uint32{0, 3, 80, 5, 9, 100, 300, 700, 1200, 2000, 4000, 3000, 800, 60, 2}, 8},
		{"many symbols", []uint32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, 9},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var total uint32
			for _, n := range c.counts {
				total += n
			}
			norm := make([]int16, len(c.counts))
			log, ok := encNormalize(norm, c.counts, total, c.maxLog)
			if !ok {
				t.Fatal("not normalized")
			}
			if log < 5 || log > c.maxLog {
				t.Errorf("log %d, want 5 to %d", log, c.maxLog)
			}
			cells := 0
			for s, n := range norm {
				cells += encCells(n)
				if (n == 0) != (c.counts[s] == 0) {
					t.Errorf("symbol %d: count %d normalized to %d", s, c.counts[s], n)
				}
			}
			if cells != 1<<log {
				t.Errorf("%d cells, want %d", cells, 1<<log)
			}
			b := encAppendFSEDescription(nil, norm, log)
			got, gotLog, used := encTestReadDescription(t, b)
			last := len(norm)
			for norm[last-1] == 0 {
				last--
			}
			if gotLog != log || !slices.Equal(got, norm[:last]) {
				t.Errorf("read back log %d %v, want %d %v", gotLog, got, log, norm[:last])
			}
			if used != len(b) {
				t.Errorf("the description takes %d bytes of the %d written", used, len(b))
			}
		})
	}
}

// Blocks whose sequences call for each mode get it, and decode.
func TestEncodeSequenceModes(t *testing.T) {
	d := encDecoder(t)
	seqs := func(n int, f func(i int) encSequence) []encSequence {
		out := make([]encSequence, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	cases := []struct {
		name       string
		seqs       []encSequence
		ll, of, ml byte
	}{
		{"few sequences", seqs(5, func(i int) encSequence {
			return encSequence{litLen: uint32(i + 1), matchLen: uint32(3 + i*7), offset: uint32(1 + i)}
		}),
			encModePredefined, encModePredefined, encModePredefined},
		{"one code each", seqs(300, func(i int) encSequence { return encSequence{litLen: 1, matchLen: 4, offset: 1100 + uint32(i)} }),
			encModeRLE, encModeRLE, encModeRLE},
		{"skewed lengths", seqs(3000, func(i int) encSequence {
			return encSequence{litLen: uint32(i % 3), matchLen: uint32(5 + i%4*i%5), offset: uint32(200 + i%16*31)}
		}), encModeFSE, encModeFSE, encModeFSE},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var lits []byte
			for _, s := range c.seqs {
				lits = append(lits, encRandom(int(s.litLen), uint64(len(lits)))...)
			}
			// History enough for every offset: a first sequence copying
			// nothing far.
			head := encSequence{litLen: 2000, matchLen: 3, offset: 1}
			lits = append(encRandom(2000, 1), lits...)
			frame, content := encFrameOf(t, lits, append([]encSequence{head}, c.seqs...))
			got, err := d.DecodeAll(frame, nil)
			if err != nil {
				t.Fatalf("reference decoder: %v", err)
			}
			if string(got) != string(content) {
				t.Fatal("decoded content differs")
			}
			e := Encoder{seqs: c.seqs, rep: encInitialRep}
			out := e.appendSequences(nil)
			at := 1
			if len(c.seqs) >= 128 {
				at = 2
			}
			modes := out[at]
			if ll, of, ml := modes>>6, modes>>4&3, modes>>2&3; ll != c.ll || of != c.of || ml != c.ml {
				t.Errorf("modes %d %d %d, want %d %d %d", ll, of, ml, c.ll, c.of, c.ml)
			}
		})
	}
}
