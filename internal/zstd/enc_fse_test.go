package zstd

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// encTestFSEDecoder decodes an FSE stream as RFC 8878 section 4.1.1
// describes, independently of the encoder's table: each cell holds a
// symbol, the number of bits to read and the baseline of the next state.
type encTestFSEDecoder struct {
	log      uint8
	symbol   []uint8
	nbBits   []uint8
	baseline []int
}

func newEncTestFSEDecoder(norm []int16, log uint8) encTestFSEDecoder {
	size := 1 << log
	d := encTestFSEDecoder{log: log, symbol: make([]uint8, size), nbBits: make([]uint8, size), baseline: make([]int, size)}
	high := size - 1
	for s := range norm {
		if norm[s] == -1 {
			d.symbol[high] = uint8(s)
			high--
		}
	}
	pos := 0
	for s := range norm {
		for i := 0; i < int(norm[s]); i++ {
			d.symbol[pos] = uint8(s)
			pos = (pos + size>>1 + size>>3 + 3) % size
			for pos > high {
				pos = (pos + size>>1 + size>>3 + 3) % size
			}
		}
	}
	// A symbol's cells, in order, take the next states of its count
	// upward: each reads enough bits to reach the table's range.
	next := make([]int, len(norm))
	for s := range norm {
		next[s] = max(int(norm[s]), 1)
	}
	for cell := range size {
		s := d.symbol[cell]
		n := next[s]
		next[s]++
		d.nbBits[cell] = log - uint8(bits.Len(uint(n))-1)
		d.baseline[cell] = n<<d.nbBits[cell] - size
	}
	return d
}

// encTestBackward reads a bitstream from its end, as the decoder does.
type encTestBackward struct {
	b   []byte
	pos int // bits not yet read are below pos
}

func newEncTestBackward(t *testing.T, b []byte) *encTestBackward {
	last := b[len(b)-1]
	if last == 0 {
		t.Fatal("the last byte holds no end mark")
	}
	return &encTestBackward{b: b, pos: 8*(len(b)-1) + bits.Len8(last) - 1}
}

func (r *encTestBackward) read(t *testing.T, n uint8) int {
	if int(n) > r.pos {
		t.Fatalf("reading %d bits with %d left", n, r.pos)
	}
	v := 0
	for i := range int(n) {
		p := r.pos - int(n) + i
		v |= int(r.b[p/8]>>(p%8)&1) << i
	}
	r.pos -= int(n)
	return v
}

// Symbols encoded with each predefined table decode, with a decoder
// written from the RFC, to the same symbols, using every bit written.
func TestEncFSETable(t *testing.T) {
	tables := append(predefinedDistributions[:len(predefinedDistributions):len(predefinedDistributions)],
		testDistribution{"skewed", []int16{16, 8, -1, 0, -1, 6}, 5}) // 5 is the smallest accuracy log
	r := rand.New(rand.NewPCG(1, 2))
	for _, tab := range tables {
		var enc encFSETable
		enc.build(tab.norm, tab.log)
		dec := newEncTestFSEDecoder(tab.norm, tab.log)
		for _, n := range []int{1, 2, 3, 10, 1000} {
			t.Run(fmt.Sprintf("%s/%d", tab.name, n), func(t *testing.T) {
				// Symbols with a probability, each once first, then at random.
				var encodable []uint8
				for s, c := range tab.norm {
					if c != 0 {
						encodable = append(encodable, uint8(s))
					}
				}
				symbols := make([]uint8, n)
				for i := range symbols {
					if i < len(encodable) && n >= len(encodable) {
						symbols[i] = encodable[i]
					} else {
						symbols[i] = encodable[r.IntN(len(encodable))]
					}
				}
				var w encBitWriter
				state := enc.first(symbols[n-1])
				for i := n - 2; i >= 0; i-- {
					enc.encode(&w, &state, symbols[i])
					w.flush()
				}
				enc.finish(&w, state)
				stream := w.close()

				rd := newEncTestBackward(t, stream)
				cell := rd.read(t, tab.log)
				for i := range n {
					if got := dec.symbol[cell]; got != symbols[i] {
						t.Fatalf("symbol %d decodes as %d, want %d", i, got, symbols[i])
					}
					if i < n-1 {
						cell = dec.baseline[cell] + rd.read(t, dec.nbBits[cell])
					}
				}
				if rd.pos != 0 {
					t.Errorf("%d bits left unread", rd.pos)
				}
			})
		}
	}
}

// Each length falls in its code's range, for every length a block can
// hold, and each offset value's code is its highest bit.
func TestEncCodes(t *testing.T) {
	for ll := uint32(0); ll < 1<<17; ll++ {
		c := encLLCode(ll)
		if int(c) >= len(literalLengthCodes) || ll < literalLengthCodes[c].baseline || ll-literalLengthCodes[c].baseline >= 1<<literalLengthCodes[c].extra {
			t.Fatalf("literals length %d gets code %d", ll, c)
		}
	}
	for ml := uint32(3); ml < 1<<17+3; ml++ {
		c := encMLCode(ml)
		if int(c) >= len(matchLengthCodes) || ml < matchLengthCodes[c].baseline || ml-matchLengthCodes[c].baseline >= 1<<matchLengthCodes[c].extra {
			t.Fatalf("match length %d gets code %d", ml, c)
		}
	}
	for _, c := range []struct{ value, code uint32 }{{1, 0}, {4, 2}, {7, 2}, {8, 3}, {1 << 23, 23}, {1<<24 - 1, 23}} {
		if got := encOFCode(c.value); uint32(got) != c.code {
			t.Errorf("offset value %d gets code %d, want %d", c.value, got, c.code)
		}
	}
}

// The bit writer puts the first bits at the bottom of the first byte
// and ends with the mark, whatever the number of pending bits.
func TestEncBitWriter(t *testing.T) {
	for n := range uint8(70) {
		var w encBitWriter
		for i := range n {
			w.add(uint32(i&1), 1)
			if i%5 == 0 {
				w.flush()
			}
		}
		out := w.close()
		if want := int(n)/8 + 1; len(out) != want {
			t.Fatalf("%d bits close into %d bytes, want %d", n, len(out), want)
		}
		for i := range int(n) {
			if got := int(out[i/8] >> (i % 8) & 1); got != i&1 {
				t.Fatalf("%d bits: bit %d is %d", n, i, got)
			}
		}
		if mark := out[int(n)/8] >> (n % 8); mark != 1 {
			t.Fatalf("%d bits: the end mark byte ends in %08b", n, out[int(n)/8])
		}
	}
}
