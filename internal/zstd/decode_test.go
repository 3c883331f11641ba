package zstd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"

	kzstd "github.com/klauspost/compress/zstd"
)

// decodeAll decodes data with ours.
func decodeAll(data []byte, opts ...Option) ([]byte, error) {
	return io.ReadAll(NewReader(bytes.NewReader(data), opts...))
}

// klausDecode decodes data with klauspost's streaming decoder, limited as
// ours is.
func klausDecode(data []byte, maxWindow uint64) ([]byte, error) {
	d, err := kzstd.NewReader(bytes.NewReader(data), kzstd.WithDecoderConcurrency(1),
		kzstd.WithDecoderMaxWindow(maxWindow), kzstd.WithDecoderMaxMemory(maxWindow))
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return io.ReadAll(d)
}

// klausEncode compresses plain with klauspost's encoder.
func klausEncode(t testing.TB, plain []byte, opts ...kzstd.EOption) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := kzstd.NewWriter(&b, append([]kzstd.EOption{kzstd.WithEncoderConcurrency(1)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(plain); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// testInputs are plain texts of the shapes that exercise a decoder:
// nothing, one byte, incompressible bytes, repetitive text, real events,
// and sizes around the 128 KiB block boundary.
func testInputs(t testing.TB) map[string][]byte {
	rng := rand.New(rand.NewPCG(7, 8))
	random := make([]byte, 300<<10)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	events := corpus(t)
	// Mostly text with random bytes sprinkled: every literals mode shows up.
	mixed := bytes.Clone(events[:200<<10])
	for i := 0; i < len(mixed); i += 1 + rng.IntN(64) {
		mixed[i] = byte(rng.Uint32())
	}
	inputs := map[string][]byte{
		"empty":       {},
		"one byte":    {'x'},
		"random 1000": random[:1000],
		"random 300K": random,
		"repetitive":  bytes.Repeat([]byte("process.exec ancestors "), 20000),
		"zeros":       make([]byte, 400<<10),
		"events 1M":   events[:1<<20],
		"mixed":       mixed,
	}
	for _, n := range []int{maxBlockSize - 1, maxBlockSize, maxBlockSize + 1, 2 * maxBlockSize} {
		inputs[fmt.Sprintf("events %d", n)] = events[:n]
	}
	return inputs
}

// TestDecodeMatchesKlauspostEncoder decodes what klauspost's encoder
// makes of every test input at every level, with several windows, with and
// without checksums and content sizes, in one frame and in several.
func TestDecodeMatchesKlauspostEncoder(t *testing.T) {
	levels := []kzstd.EncoderLevel{kzstd.SpeedFastest, kzstd.SpeedDefault, kzstd.SpeedBetterCompression, kzstd.SpeedBestCompression}
	windows := []int{1 << 10, 1 << 15, 1 << 20, 8 << 20}
	for name, plain := range testInputs(t) {
		for _, level := range levels {
			for _, window := range windows {
				if testing.Short() && window != 1<<10 && window != 1<<20 {
					continue
				}
				for _, crc := range []bool{true, false} {
					label := fmt.Sprintf("%s/%v/window %d/crc %v", name, level, window, crc)
					enc := klausEncode(t, plain, kzstd.WithEncoderLevel(level), kzstd.WithWindowSize(window),
						kzstd.WithEncoderCRC(crc), kzstd.WithSingleSegment(false))
					checkDecode(t, label, enc, plain)
				}
			}
			// EncodeAll writes single-segment frames with the content size.
			e, err := kzstd.NewWriter(nil, kzstd.WithEncoderLevel(level))
			if err != nil {
				t.Fatal(err)
			}
			one := e.EncodeAll(plain, nil)
			checkDecode(t, fmt.Sprintf("%s/%v/EncodeAll", name, level), one, plain)
			// Frames one after another, with a skippable frame between.
			skippable := []byte{0x5e, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 'a', 'b', 'c'}
			many := append(append(bytes.Clone(one), skippable...), one...)
			checkDecode(t, fmt.Sprintf("%s/%v/two frames", name, level), many, append(bytes.Clone(plain), plain...))
		}
	}
}

// checkDecode decodes enc with ours, whole and through 1-byte reads of
// odd-sized input pieces, and wants plain.
func checkDecode(t *testing.T, label string, enc, plain []byte) {
	t.Helper()
	got, err := decodeAll(enc)
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	if !bytes.Equal(got, plain) {
		t.Fatalf("%s: decoded %d bytes, want %d (first difference at %d)", label, len(got), len(plain), firstDifference(got, plain))
	}
}

func firstDifference(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestDecodeCLIFixtures decodes files the zstd command made (committed, so
// the test runs without it) from examples/ events.
func TestDecodeCLIFixtures(t *testing.T) {
	linux := readFile(t, "../../examples/linux.ndjson")
	events := readFile(t, "../../examples/events.ndjson")
	attack := readFile(t, "../../examples/attack.ndjson")
	for _, tc := range []struct {
		file  string // under testdata, made by the command given
		plain []byte
	}{
		{"linux-19.zst", linux},                                    // zstd -19
		{"linux-long27.zst", linux},                                // zstd -3 --long=27 from a pipe: a 128 MiB window
		{"linux-1-nocheck.zst", linux},                             // zstd -1 --no-check
		{"linux-ultra22.zst", linux},                               // zstd --ultra -22
		{"two-frames.zst", append(bytes.Clone(events), attack...)}, // zstd -5 twice, concatenated
	} {
		got, err := decodeAll(readFile(t, "testdata/"+tc.file), WithMaxWindow(1<<27))
		if err != nil {
			t.Errorf("%s: %v", tc.file, err)
			continue
		}
		if !bytes.Equal(got, tc.plain) {
			t.Errorf("%s: decoded %d bytes, want %d (first difference at %d)", tc.file, len(got), len(tc.plain), firstDifference(got, tc.plain))
		}
	}
}

// TestDecodeCLI compresses events with the zstd command, when there is
// one, at levels and options the fixtures do not cover.
func TestDecodeCLI(t *testing.T) {
	cli, err := exec.LookPath("zstd")
	if err != nil {
		t.Skip("no zstd command")
	}
	plain := corpus(t)[:2<<20]
	for _, args := range [][]string{
		{"-1"}, {"-3"}, {"-9"}, {"-19"}, {"--fast=5"}, {"-3", "--long=27"}, {"-6", "-B64KiB"},
		{"-3", "--no-check"}, {"-12", "--no-content-size"},
	} {
		if testing.Short() && args[0] == "-19" {
			continue
		}
		cmd := exec.Command(cli, append([]string{"-q", "-c"}, args...)...)
		cmd.Stdin = bytes.NewReader(plain)
		enc, err := cmd.Output()
		if err != nil {
			t.Fatalf("zstd %v: %v", args, err)
		}
		got, err := decodeAll(enc, WithMaxWindow(1<<27))
		if err != nil {
			t.Fatalf("zstd %v: %v", args, err)
		}
		if !bytes.Equal(got, plain) {
			t.Fatalf("zstd %v: decoded %d bytes, want %d (first difference at %d)", args, len(got), len(plain), firstDifference(got, plain))
		}
	}
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestDecodeSmallReads reads through a Reader a few bytes at a time from
// an input that arrives a byte at a time, and reuses it with Reset.
func TestDecodeSmallReads(t *testing.T) {
	plain := corpus(t)[:300<<10]
	enc := klausEncode(t, plain)
	z := NewReader(nil)
	for range 2 {
		z.Reset(&oneByteReader{data: enc})
		var got []byte
		buf := make([]byte, 7)
		for {
			n, err := z.Read(buf)
			got = append(got, buf[:n]...)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(got, plain) {
			t.Fatalf("decoded %d bytes, want %d (first difference at %d)", len(got), len(plain), firstDifference(got, plain))
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := z.Read(make([]byte, 1)); err == nil {
		t.Fatal("Read after Close succeeded")
	}
}

// oneByteReader hands out its data a byte per Read.
type oneByteReader struct{ data []byte }

func (r *oneByteReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.data[0]
	r.data = r.data[1:]
	return 1, nil
}

// TestDecodeTruncated cuts small frames at every byte: each cut must fail
// with io.ErrUnexpectedEOF, none succeed or panic, and what comes out
// before the error is a prefix of the content.
func TestDecodeTruncated(t *testing.T) {
	frames := map[string][]byte{
		"compressed": klausEncode(t, corpus(t)[:3000]),
		"raw":        frame(0x04, []byte{0}, rawBlock(true, []byte("abc")), checksum([]byte("abc"))),
		"rle":        frame(0x00, []byte{0}, rleBlock(false, 'z', 10), rleBlock(true, 'y', 3)),
		"skippable":  append([]byte{0x50, 0x2a, 0x4d, 0x18, 2, 0, 0, 0, 1, 2}, frame(0x00, []byte{0}, rawBlock(true, nil))...),
	}
	for name, enc := range frames {
		whole, err := decodeAll(enc)
		if err != nil {
			t.Fatalf("%s whole: %v", name, err)
		}
		for cut := 1; cut < len(enc); cut++ {
			if name == "skippable" && cut == 10 {
				continue // the skippable frame alone is a valid input
			}
			got, err := decodeAll(enc[:cut])
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("%s cut at %d of %d: %v, want io.ErrUnexpectedEOF", name, cut, len(enc), err)
			}
			if !bytes.HasPrefix(whole, got) {
				t.Errorf("%s cut at %d of %d: decoded %q, not a prefix of the content", name, cut, len(enc), got)
			}
		}
	}
}

// frame builds a frame from its descriptor, the header fields after it
// and its blocks.
func frame(descriptor byte, fields []byte, blocks ...[]byte) []byte {
	f := append([]byte{0x28, 0xb5, 0x2f, 0xfd, descriptor}, fields...)
	for _, b := range blocks {
		f = append(f, b...)
	}
	return f
}

func blockHeader(last bool, kind, size int) []byte {
	h := size<<3 | kind<<1
	if last {
		h |= 1
	}
	return []byte{byte(h), byte(h >> 8), byte(h >> 16)}
}

func rawBlock(last bool, data []byte) []byte {
	return append(blockHeader(last, blockRaw, len(data)), data...)
}

func rleBlock(last bool, b byte, n int) []byte {
	return append(blockHeader(last, blockRLE, n), b)
}

func compressedBlock(last bool, content ...byte) []byte {
	return append(blockHeader(last, blockCompressed, len(content)), content...)
}

// checksum is a Content_Checksum field for content.
func checksum(content []byte) []byte {
	var d xxhash64
	d.reset()
	d.write(content)
	s := uint32(d.sum64())
	return []byte{byte(s), byte(s >> 8), byte(s >> 16), byte(s >> 24)}
}

// TestDecodeHandBuilt decodes frames written byte by byte, valid and not;
// klauspost's decoder must agree on which ones are valid and on their
// content.
func TestDecodeHandBuilt(t *testing.T) {
	window1K := []byte{0x00} // Window_Descriptor: 1 KiB
	for _, tc := range []struct {
		name    string
		input   []byte
		want    string
		wantErr error  // errors.Is target when the input is invalid
		message string // part of the error's text
	}{
		{name: "empty input", input: nil, want: ""},
		{name: "raw block", input: frame(0x00, window1K, rawBlock(true, []byte("hello"))), want: "hello"},
		{name: "RLE blocks", input: frame(0x00, window1K, rleBlock(false, 'a', 3), rleBlock(true, 'b', 2)), want: "aaabb"},
		{name: "empty frame", input: frame(0x00, window1K, rawBlock(true, nil)), want: ""},
		{name: "single segment with content size", input: frame(0x20, []byte{5}, rawBlock(true, []byte("12345"))), want: "12345"},
		{name: "2-byte content size", input: frame(0x60, []byte{0, 0}, rleBlock(true, 'q', 256)), want: strings.Repeat("q", 256)},
		{name: "checksum", input: frame(0x04, window1K, rawBlock(true, []byte("abc")), checksum([]byte("abc"))), want: "abc"},
		{name: "zero dictionary ID", input: frame(0x01, []byte{0, 0}, rawBlock(true, []byte("x"))), want: "x"},
		{
			name:  "skippable frames around a frame",
			input: append(append([]byte{0x5f, 0x2a, 0x4d, 0x18, 1, 0, 0, 0, 9}, frame(0x00, window1K, rawBlock(true, []byte("mid")))...), 0x50, 0x2a, 0x4d, 0x18, 0, 0, 0, 0),
			want:  "mid",
		},
		{
			name:  "raw literals and a repeat-offset match",
			input: frame(0x00, window1K, compressedBlock(true, 0x18, 'a', 'b', 'c', 0x01, 0x54, 3, 0, 2, 0x01)),
			want:  "abcccccc",
		},
		{
			name:  "RLE literals, no sequence",
			input: frame(0x00, window1K, compressedBlock(true, 0x01|4<<3, 'r', 0x00)),
			want:  "rrrr",
		},
		{
			// Literal length 0 shifts the repeat offsets: value 1 means the
			// second one (4), then value 3 means the first one minus 1.
			name: "literal length 0 shifts repeat offsets",
			input: frame(0x00, window1K, rawBlock(false, []byte("wxyz")),
				compressedBlock(false, 0x00, 0x01, 0x54, 0, 0, 2, 0x01),
				compressedBlock(true, 0x00, 0x01, 0x54, 0, 1, 0, 0x03)),
			want: "wxyzwxyzwyzw",
		},
		{
			name: "first repeat offset minus 1 of 0 becomes 1",
			input: frame(0x00, window1K, rawBlock(false, []byte("ab")),
				compressedBlock(true, 0x00, 0x01, 0x54, 0, 1, 0, 0x03)),
			want: "abbbb",
		},
		{
			name:  "Huffman literals with direct weights, then treeless",
			input: frame(0x00, window1K, compressedBlock(false, huffmanLiterals(0x42, 0xc0, 0x0c, 0x16)...), compressedBlock(true, 0x43, 0x40, 0x00, 0x16, 0x00)),
			want:  "abbaabba",
		},
		{
			name:  "4 Huffman streams",
			input: frame(0x00, window1K, compressedBlock(true, huffmanLiterals(0x86, 0x00, 0x0f, 1, 0, 1, 0, 1, 0, 0x05, 0x06, 0x05, 0x06)...)),
			want:  "abbaabba",
		},
		{
			name:    "4 Huffman streams, one not read to its end",
			input:   frame(0x00, window1K, compressedBlock(true, huffmanLiterals(0x86, 0x00, 0x0f, 1, 0, 1, 0, 1, 0, 0x05, 0x06, 0x0b, 0x06)...)),
			wantErr: ErrCorrupt, message: "1 bits left unread",
		},
		{name: "not zstd", input: []byte("{\"a\":1}\n"), wantErr: ErrNotZstd, message: "bad magic number"},
		{name: "garbage after a frame", input: append(frame(0x00, window1K, rawBlock(true, []byte("x"))), "junk"...), wantErr: ErrNotZstd},
		{name: "bad checksum", input: frame(0x04, window1K, rawBlock(true, []byte("abc")), checksum([]byte("abd"))), wantErr: ErrChecksum, message: "checksum mismatch"},
		{name: "dictionary", input: frame(0x01, []byte{0, 7}, rawBlock(true, nil)), wantErr: ErrDictionary, message: "dictionary 7"},
		{name: "reserved header bit", input: frame(0x08, window1K, rawBlock(true, nil)), wantErr: ErrCorrupt, message: "reserved bit"},
		{name: "reserved block type", input: frame(0x00, window1K, blockHeader(true, 3, 0)), wantErr: ErrCorrupt, message: "reserved block type"},
		{name: "block over the window", input: frame(0x00, window1K, rleBlock(true, 'a', 1025)), wantErr: ErrCorrupt, message: "over the frame's maximum"},
		{name: "content shorter than its size", input: frame(0x20, []byte{5}, rawBlock(true, []byte("1234"))), wantErr: ErrCorrupt, message: "its header says 5"},
		{name: "content longer than its size", input: frame(0x20, []byte{3}, rawBlock(true, []byte("1234"))), wantErr: ErrCorrupt, message: "exceeds the 3 bytes"},
		{
			name:    "offset before the frame",
			input:   frame(0x00, window1K, compressedBlock(true, 0x08, 'a', 0x01, 0x54, 1, 1, 2, 0x03)),
			wantErr: ErrCorrupt, message: "reaches before the frame's start",
		},
		{
			name:    "more literals wanted than decoded",
			input:   frame(0x00, window1K, compressedBlock(true, 0x08, 'a', 0x01, 0x54, 3, 0, 2, 0x01)),
			wantErr: ErrCorrupt, message: "literals",
		},
		{
			name:    "sequences section reserved bits",
			input:   frame(0x00, window1K, compressedBlock(true, 0x18, 'a', 'b', 'c', 0x01, 0x55, 3, 0, 2, 0x01)),
			wantErr: ErrCorrupt, message: "reserved bits",
		},
		{
			name:    "bits left in the sequences stream",
			input:   frame(0x00, window1K, compressedBlock(true, 0x18, 'a', 'b', 'c', 0x01, 0x54, 3, 0, 2, 0x03)),
			wantErr: ErrCorrupt, message: "bits left unread",
		},
		{
			name:    "treeless literals first",
			input:   frame(0x00, window1K, compressedBlock(true, 0x03, 0x00, 0x00, 0x00)),
			wantErr: ErrCorrupt, message: "no previous Huffman table",
		},
		{
			name:    "repeat table first",
			input:   frame(0x00, window1K, compressedBlock(true, 0x00, 0x01, 0xfc, 0x01)),
			wantErr: ErrCorrupt, message: "no previous table",
		},
		{
			name:    "bytes after no sequence",
			input:   frame(0x00, window1K, compressedBlock(true, 0x00, 0x00, 0x00)),
			wantErr: ErrCorrupt, message: "after a sequences section",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decodeAll(tc.input)
			theirs, theirErr := klausDecode(tc.input, DefaultMaxWindow)
			if (err == nil) != (theirErr == nil) {
				t.Errorf("ours: %v, klauspost: %v", err, theirErr)
			}
			if tc.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != tc.want {
					t.Fatalf("decoded %q, want %q", got, tc.want)
				}
				if !bytes.Equal(got, theirs) {
					t.Fatalf("decoded %q, klauspost %q", got, theirs)
				}
				return
			}
			if !errors.Is(err, tc.wantErr) || !strings.Contains(fmt.Sprint(err), tc.message) {
				t.Fatalf("error %v, want one matching %v and saying %q", err, tc.wantErr, tc.message)
			}
		})
	}
}

// sizeWords writes a window as WindowError does.
func sizeWords(n uint64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// huffmanLiterals is a compressed block's content: a Huffman literals
// section with the given header, a tree description giving 'a' and 'b'
// 1-bit codes (0 and 1) in direct 4-bit weights, then the streams, and no
// sequence.
func huffmanLiterals(headerAndStreams ...byte) []byte {
	// Weights of symbols 0 to 97 ('a' weighs 1); 'b', the last, is implied.
	tree := append([]byte{127 + 98}, make([]byte, 49)...)
	tree[49] = 0x01
	header, streams := headerAndStreams[:3], headerAndStreams[3:]
	content := append(append(bytes.Clone(header), tree...), streams...)
	return append(content, 0x00)
}

// TestDecodeWindowLimit refuses frames whose window is over the limit, and
// reports the window they ask for.
func TestDecodeWindowLimit(t *testing.T) {
	for _, tc := range []struct {
		name   string
		input  []byte
		limit  uint64
		window uint64 // 0: the frame is accepted
	}{
		// Window_Descriptor exponent 13, mantissa 0: 8 MiB.
		{"8 MiB window, 1 MiB limit", frame(0x00, []byte{13 << 3}, rawBlock(true, nil)), 1 << 20, 8 << 20},
		{"8 MiB window, 8 MiB limit", frame(0x00, []byte{13 << 3}, rawBlock(true, nil)), 8 << 20, 0},
		// Exponent 19, mantissa 2: 640 MiB.
		{"640 MiB window", frame(0x00, []byte{19<<3 | 2}, rawBlock(true, nil)), 512 << 20, 640 << 20},
		// Single segment: the window is the content size, 2 MiB here.
		{"single segment 2 MiB", frame(0xa0, []byte{0, 0, 0x20, 0}, rawBlock(true, nil)), 1 << 20, 2 << 20},
		{"fixture's 128 MiB window", readFile(t, "testdata/linux-long27.zst"), 8 << 20, 128 << 20},
		// Exponent 10, mantissa 1: 1152 KiB.
		{"1152 KiB window", frame(0x00, []byte{10<<3 | 1}, rawBlock(true, nil)), 1 << 20, 1152 << 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeAll(tc.input, WithMaxWindow(tc.limit))
			if tc.window == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var we *WindowError
			if !errors.Is(err, ErrWindowTooLarge) || !errors.As(err, &we) {
				t.Fatalf("error %v, want a WindowError", err)
			}
			if we.Window != tc.window || we.Limit != tc.limit {
				t.Fatalf("window %d over %d, want %d over %d", we.Window, we.Limit, tc.window, tc.limit)
			}
			want := fmt.Sprintf("the window is %s, over the %d MiB limit", sizeWords(tc.window), tc.limit>>20)
			if !strings.Contains(err.Error(), want) {
				t.Fatalf("error %q does not say %q", err, want)
			}
		})
	}
}
