package zstd

import (
	"bytes"
	"testing"
)

// encFibonacci returns literals whose byte counts follow the Fibonacci
// sequence, whose optimal code is as deep as it has symbols.
func encFibonacci(symbols int) []byte {
	var lits []byte
	a, b := 1, 1
	for s := range symbols {
		lits = append(lits, bytes.Repeat([]byte{byte('0' + s)}, a)...)
		a, b = b, a+b
	}
	return lits
}

// encEveryByte returns the 256 byte values once each: a code of 8 bits
// each, all weights equal, saves nothing.
func encEveryByte() []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// encSkewedHigh returns n bytes of all 256 values, most of them near 255:
// only the FSE-compressed weights can describe their code.
func encSkewedHigh(n int) []byte {
	b := encRandom(n, 21)
	for i := range b {
		if i%8 != 0 {
			b[i] = 250 + b[i]%6
		}
	}
	return b
}

// Each kind of literals gets the section it should, and the reference
// decoder reads the compressed and RLE ones back.
func TestEncodeLiterals(t *testing.T) {
	d := encDecoder(t)
	events := encEvents(t)
	cases := []struct {
		name string
		lits []byte
		typ  byte
	}{
		{"empty", nil, encLiteralsRaw},
		{"one byte repeated", bytes.Repeat([]byte{'a'}, 300), encLiteralsRLE},
		{"short text", []byte("a short line of text"), encLiteralsRaw},
		{"random", encRandom(3000, 11), encLiteralsRaw},
		{"text with a byte above 128", append([]byte{200}, events[:3000]...), encLiteralsCompressed},
		{"every byte once", encEveryByte(), encLiteralsRaw},
		{"bytes above 128, skewed", encSkewedHigh(5000), encLiteralsCompressed},
		{"two symbols", bytes.Repeat([]byte("ab"), 200), encLiteralsCompressed},
		{"single stream", events[:200], encLiteralsCompressed},
		{"4 streams, 10-bit sizes", events[:1000], encLiteralsCompressed},
		{"4 streams, 14-bit sizes", events[:16000], encLiteralsCompressed},
		{"4 streams, 18-bit sizes", events[:encMaxBlock], encLiteralsCompressed},
		{"deeper than 11 bits", encFibonacci(20), encLiteralsCompressed},
		{"symbol 128", append(bytes.Repeat([]byte{128}, 100), events[:900]...), encLiteralsCompressed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var e Encoder
			section := e.appendLiterals(nil, c.lits)
			if typ := section[0] & 3; typ != c.typ {
				t.Fatalf("Literals_Block_Type %d, want %d", typ, c.typ)
			}
			if c.typ == encLiteralsRaw {
				return // a raw block would be larger than its frame's window
			}
			// A block of these literals and no sequence.
			body := append(section, 0)
			frame, _ := encAppendFrameHeader(nil, len(c.lits))
			frame = encAppendBlockHeader(frame, true, encBlockCompressed, len(body))
			frame = append(frame, body...)
			got, err := d.DecodeAll(frame, nil)
			if err != nil {
				t.Fatalf("reference decoder: %v", err)
			}
			if !bytes.Equal(got, c.lits) {
				t.Fatalf("decoded %d bytes differ from the %d literals", len(got), len(c.lits))
			}
		})
	}
}

// The code is complete, no longer than 11 bits, and as short as an
// optimal one where no limit applies.
func TestEncHuffmanLengths(t *testing.T) {
	cases := []struct {
		name string
		lits []byte
		// maxBits is the longest code wanted, bits the literals' total
		// length in bits.
		maxBits uint8
		bits    int
	}{
		{"two symbols", []byte("abbbbbbb"), 1, 8},
		{"four equal", []byte("abcdabcd"), 2, 16},
		// Counts 1,1,2,3: lengths 3,3,2,1.
		{"skewed", []byte("abccddd"), 3, 3 + 3 + 2*2 + 3*1},
		{"limited", encFibonacci(20), encHuffMaxBits, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var h encHuffman
			bits, ok := h.build(c.lits)
			if !ok {
				t.Fatal("no code built")
			}
			if h.maxBits != c.maxBits {
				t.Errorf("longest code %d bits, want %d", h.maxBits, c.maxBits)
			}
			if c.bits >= 0 && bits != c.bits {
				t.Errorf("literals take %d bits, want %d", bits, c.bits)
			}
			kraft := 0
			for s := range 256 {
				if h.length[s] > encHuffMaxBits {
					t.Errorf("symbol %d has a code of %d bits", s, h.length[s])
				}
				if h.length[s] > 0 {
					kraft += 1 << (encHuffMaxBits - h.length[s])
				}
				if (h.length[s] > 0) != (h.count[s] > 0) {
					t.Errorf("symbol %d: %d bits for a count of %d", s, h.length[s], h.count[s])
				}
			}
			if kraft != 1<<encHuffMaxBits {
				t.Errorf("Kraft sum %d/%d: the code is not complete", kraft, 1<<encHuffMaxBits)
			}
		})
	}
}
