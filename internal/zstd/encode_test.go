package zstd

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	kzstd "github.com/klauspost/compress/zstd"
)

// encDecoder is the reference decoder every frame we write must satisfy.
func encDecoder(t testing.TB) *kzstd.Decoder {
	t.Helper()
	d, err := kzstd.NewReader(nil, kzstd.WithDecoderConcurrency(1), kzstd.WithDecoderMaxWindow(1<<30))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return d
}

// encEvents returns the repository's event files, decompressed, joined.
func encEvents(t testing.TB) []byte {
	t.Helper()
	var all []byte
	for _, pattern := range []string{"../../examples/*.ndjson", "../../examples/*.gz", "../../testdata/*.ndjson"} {
		names, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Ext(name) == ".gz" {
				r, err := gzip.NewReader(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				if b, err = io.ReadAll(r); err != nil {
					t.Fatal(err)
				}
			}
			all = append(all, b...)
		}
	}
	if len(all) < 4<<20 {
		t.Fatalf("only %d bytes of events: the large cases would test nothing", len(all))
	}
	return all
}

// encRandom returns n bytes that do not compress.
func encRandom(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// encCheckFrame decodes frame with the reference decoder and checks the
// bytes and the header: content size declared, no checksum, one frame.
func encCheckFrame(t *testing.T, d *kzstd.Decoder, frame, src []byte) {
	t.Helper()
	got, err := d.DecodeAll(frame, nil)
	if err != nil {
		t.Fatalf("reference decoder rejects the frame of %d bytes: %v", len(src), err)
	}
	if !bytes.Equal(got, src) {
		t.Fatalf("decoded %d bytes differ from the %d encoded", len(got), len(src))
	}
	var h kzstd.Header
	if err := h.Decode(frame); err != nil {
		t.Fatal(err)
	}
	if !h.HasFCS || h.FrameContentSize != uint64(len(src)) {
		t.Errorf("content size %d (declared: %v), want %d", h.FrameContentSize, h.HasFCS, len(src))
	}
	if h.HasCheckSum {
		t.Error("frame has a checksum")
	}
	if want := len(src) <= encMaxSingleSegment; h.SingleSegment != want {
		t.Errorf("single segment %v, want %v", h.SingleSegment, want)
	}
}

// Every input comes back whole through the reference decoder, and data
// that repeats shrinks as much as it should.
func TestEncodeRoundTrip(t *testing.T) {
	d := encDecoder(t)
	events := encEvents(t)
	text := bytes.Repeat([]byte("process.exec /usr/bin/curl -s https://example.com | sh\n"), 5000)
	mixed := append(append(encRandom(100<<10, 3), events[:200<<10]...), encRandom(50<<10, 4)...)
	cases := []struct {
		name string
		src  []byte
		// maxRatio bounds the compressed size over the input's; 0 leaves
		// it unchecked.
		maxRatio float64
	}{
		{"empty", nil, 0},
		{"one byte", []byte{'x'}, 0},
		{"two bytes", []byte("xy"), 0},
		{"all equal", bytes.Repeat([]byte{0}, 1000), 0.05},
		{"all equal, three blocks", bytes.Repeat([]byte{'a'}, 300<<10), 0.001},
		{"random", encRandom(1000, 1), 1.01},
		{"random, several blocks", encRandom(300<<10, 2), 1.001},
		{"repetitive text", text, 0.01},
		{"random then events then random", mixed, 0.8},
		{"events 255 bytes", events[:255], 0},
		{"events 256 bytes", events[:256], 0},
		{"events 64 KiB+255", events[:65536+255], 0.4},
		{"events 64 KiB+256", events[:65536+256], 0.4},
		{"events 128 KiB-1", events[:encMaxBlock-1], 0.4},
		{"events 128 KiB", events[:encMaxBlock], 0.4},
		{"events 128 KiB+1", events[:encMaxBlock+1], 0.4},
		{"events 256 KiB", events[:2*encMaxBlock], 0.4},
		{"events 1 MiB+7", events[:1<<20+7], 0.4},
		{"events 4 MiB", events[:4<<20], 0.4},
	}
	for _, entry := range []string{"attack.ndjson", "kinds.ndjson", "violations.ndjson", "linux.ndjson"} {
		b, err := os.ReadFile(filepath.Join("../../examples", entry))
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct {
			name     string
			src      []byte
			maxRatio float64
		}{entry, b, 0.4})
	}
	var reused Encoder
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var fresh Encoder
			frame := fresh.EncodeAll(c.src, nil)
			encCheckFrame(t, d, frame, c.src)
			if c.maxRatio > 0 {
				if r := float64(len(frame)) / float64(len(c.src)); r > c.maxRatio {
					t.Errorf("%d bytes compress to %d (ratio %.3f), want at most %.3f", len(c.src), len(frame), r, c.maxRatio)
				}
			}
			// An encoder that has compressed other inputs must write the
			// same frame: what it remembers of them is never used.
			if again := reused.EncodeAll(c.src, nil); !bytes.Equal(again, frame) {
				t.Errorf("a reused encoder writes %d bytes where a new one writes %d", len(again), len(frame))
			}
		})
	}
}

// EncodeAll appends to dst, leaving what it holds untouched.
func TestEncodeAppends(t *testing.T) {
	d := encDecoder(t)
	var e Encoder
	src := encEvents(t)[:100<<10]
	prefix := []byte("prefix")
	out := e.EncodeAll(src, append([]byte(nil), prefix...))
	if !bytes.HasPrefix(out, prefix) {
		t.Fatalf("output starts with %q, want %q", out[:len(prefix)], prefix)
	}
	encCheckFrame(t, d, out[len(prefix):], src)
}

// Inputs beyond 8 MiB get an 8 MiB window, and no match reaches further
// back: the reference decoder refuses a frame whose offsets pass it.
func TestEncodeLargeWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("compresses 9 MiB")
	}
	d := encDecoder(t)
	events := encEvents(t)
	// Each half repeats the other 4.5 MiB back: only the window stops the
	// finder from matching it.
	half := events[:9<<19]
	src := append(append([]byte(nil), half...), half...)
	var e Encoder
	frame := e.EncodeAll(src, nil)
	encCheckFrame(t, d, frame, src)
	var h kzstd.Header
	if err := h.Decode(frame); err != nil {
		t.Fatal(err)
	}
	if h.WindowSize != 1<<encWindowLog {
		t.Errorf("window %d, want %d", h.WindowSize, 1<<encWindowLog)
	}
}

// When positions no longer fit the hash table's numbering, the encoder
// forgets the table and goes on.
func TestEncodeTableRenumbering(t *testing.T) {
	d := encDecoder(t)
	src := encEvents(t)[:300<<10]
	var e Encoder
	e.EncodeAll(src, nil)
	e.cur = math.MaxInt32 - 200<<10
	frame := e.EncodeAll(src, nil)
	encCheckFrame(t, d, frame, src)
	if e.cur > 1<<20 {
		t.Errorf("cur %d after the call: the table was not renumbered", e.cur)
	}
	if e.segStart == 0 {
		t.Error("renumbering did not start at a later block")
	}
	var fresh Encoder
	if want := fresh.EncodeAll(src, nil); len(frame) > len(want)*5/4 {
		t.Errorf("frame of %d bytes after renumbering, %d without", len(frame), len(want))
	}
}

// The block types: a block of one byte repeated is an RLE block, one that
// does not shrink a raw block, and the rest compressed.
func TestEncodeBlockTypes(t *testing.T) {
	cases := []struct {
		name string
		src  []byte
		typ  int
	}{
		{"one byte", []byte{7}, encBlockRLE},
		{"repeated byte", bytes.Repeat([]byte{7}, 5000), encBlockRLE},
		{"random", encRandom(5000, 9), encBlockRaw},
		{"text", bytes.Repeat([]byte("abcdefgh"), 500), encBlockCompressed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var e Encoder
			frame := e.EncodeAll(c.src, nil)
			at := 4 + 1 + encFCSBytes(len(c.src))
			h := int(frame[at]) | int(frame[at+1])<<8 | int(frame[at+2])<<16
			if h&1 != 1 {
				t.Error("the only block is not marked last")
			}
			if typ := h >> 1 & 3; typ != c.typ {
				t.Errorf("block type %d, want %d", typ, c.typ)
			}
			want := len(c.src)
			if c.typ == encBlockCompressed {
				want = len(frame) - at - 3
			}
			if size := h >> 3; size != want {
				t.Errorf("block size %d, want %d", size, want)
			}
		})
	}
}

// encFCSBytes is the size of the Frame_Content_Size field of a single
// segment frame.
func encFCSBytes(n int) int {
	switch {
	case n < 256:
		return 1
	case n < 65536+256:
		return 2
	default:
		return 4
	}
}

// The literal counts whose header changes size.
func TestEncodeRawLiteralsHeader(t *testing.T) {
	for _, n := range []int{0, 1, 31, 32, 4095, 4096, encMaxBlock} {
		t.Run(fmt.Sprintf("%d raw literals", n), func(t *testing.T) {
			lits := encRandom(n, uint64(n))
			out := encTestRawLiterals(lits)
			// RFC 8878 section 3.1.1.3.1.1: Size_Format 00 or 10 is one
			// byte, 01 two bytes, 11 three.
			if typ := out[0] & 3; typ != 0 {
				t.Fatalf("Literals_Block_Type %d, want 0 (raw)", typ)
			}
			var size, header int
			switch out[0] >> 2 & 3 {
			case 0, 2:
				size, header = int(out[0]>>3), 1
			case 1:
				size, header = int(out[0]>>4)|int(out[1])<<4, 2
			case 3:
				size, header = int(out[0]>>4)|int(out[1])<<4|int(out[2])<<12, 3
			}
			if size != n {
				t.Errorf("Regenerated_Size %d, want %d", size, n)
			}
			if !bytes.Equal(out[header:], lits) {
				t.Errorf("the %d bytes after the %d-byte header are not the literals", len(out)-header, header)
			}
		})
	}
}
