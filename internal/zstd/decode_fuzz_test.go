package zstd

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	kzstd "github.com/klauspost/compress/zstd"
)

// fuzzWindow is the window limit of both decoders in FuzzDecode, and
// fuzzOutput the most output compared: a few bytes of RLE blocks say
// megabytes.
const (
	fuzzWindow = 1 << 20
	fuzzOutput = 4 << 20
)

var errOutputLimit = errors.New("output limit reached")

// readUpTo reads r to its end or to n bytes, whichever comes first.
func readUpTo(r io.Reader, n int) ([]byte, error) {
	out, err := io.ReadAll(io.LimitReader(r, int64(n)+1))
	if len(out) > n {
		return out[:n], errOutputLimit
	}
	return out, err
}

// FuzzDecode feeds arbitrary bytes to ours and to klauspost's decoder with
// the same window limit: both must succeed with the same output, or both
// fail (for different reasons, maybe).
func FuzzDecode(f *testing.F) {
	plain := corpus(f)[:4000]
	for _, level := range []kzstd.EncoderLevel{kzstd.SpeedFastest, kzstd.SpeedDefault, kzstd.SpeedBetterCompression, kzstd.SpeedBestCompression} {
		f.Add(klausEncode(f, plain, kzstd.WithEncoderLevel(level)))
		f.Add(klausEncode(f, plain[:300], kzstd.WithEncoderLevel(level), kzstd.WithEncoderCRC(false)))
	}
	fixtures, _ := filepath.Glob("testdata/*.zst")
	for _, name := range fixtures {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) < 8000 {
			f.Add(data)
		}
	}
	window1K := []byte{0x00}
	f.Add(frame(0x04, window1K, rawBlock(false, []byte("abc")), rleBlock(true, 'x', 9), checksum([]byte("abcxxxxxxxxx"))))
	f.Add(frame(0x00, window1K, rawBlock(false, []byte("wxyz")),
		compressedBlock(false, 0x00, 0x01, 0x54, 0, 0, 2, 0x01),
		compressedBlock(true, 0x00, 0x01, 0x54, 0, 1, 0, 0x03)))

	f.Fuzz(func(t *testing.T, data []byte) { compareWithKlauspost(t, data) })
}

// FuzzDecodeDamaged compresses arbitrary text with klauspost's encoder and
// damages one byte of the frame, to reach the decoder's depths faster than
// arbitrary bytes do; the decoders must agree as in FuzzDecode.
func FuzzDecodeDamaged(f *testing.F) {
	f.Add(corpus(f)[:3000], uint16(100), uint8(1), uint8(0))
	f.Add(bytes.Repeat([]byte("abcabd"), 500), uint16(20), uint8(0x80), uint8(3))
	f.Add([]byte("process.exec ancestors"), uint16(12), uint8(4), uint8(1))
	encoders := damageEncoders(f)
	f.Fuzz(func(t *testing.T, plain []byte, at uint16, flip, encoder uint8) {
		enc := encoders[int(encoder)%len(encoders)].EncodeAll(plain, nil)
		if n := int(at); n < len(enc) {
			enc[n] ^= flip
		}
		compareWithKlauspost(t, enc)
	})
}

// damageEncoders are klauspost's encoders at every level, writing
// single-segment frames, frames with the default window and frames with a
// 1 KiB window, whose history wraps round every few KiB.
func damageEncoders(f *testing.F) []*kzstd.Encoder {
	var encoders []*kzstd.Encoder
	for _, level := range []kzstd.EncoderLevel{kzstd.SpeedFastest, kzstd.SpeedDefault, kzstd.SpeedBetterCompression, kzstd.SpeedBestCompression} {
		for _, opts := range [][]kzstd.EOption{
			{kzstd.WithSingleSegment(true)},
			{kzstd.WithSingleSegment(false)},
			{kzstd.WithSingleSegment(false), kzstd.WithWindowSize(1 << 10)},
		} {
			e, err := kzstd.NewWriter(nil, append(opts, kzstd.WithEncoderLevel(level), kzstd.WithEncoderConcurrency(1))...)
			if err != nil {
				f.Fatal(err)
			}
			encoders = append(encoders, e)
		}
	}
	return encoders
}

// compareWithKlauspost decodes data with ours and with klauspost's decoder
// with the same window limit: both must succeed with the same output, or
// both fail (for different reasons, maybe).
//
// No disagreement is allowed: where the RFC leaves a choice, ours does as
// klauspost does. A single-segment frame's blocks may be 1 KiB long when
// its content is shorter (the reference decoder is stricter), and a
// repeat offset of Repeated_Offset1 - 1 = 0 becomes 1 (as in the
// reference). klauspost bounds a single-segment frame's content size by
// its memory limit where ours applies the window limit, so the fuzz
// targets give klauspost a memory limit equal to the window limit.
func compareWithKlauspost(t *testing.T, data []byte) {
	ours, ourErr := readUpTo(NewReader(bytes.NewReader(data), WithMaxWindow(fuzzWindow)), fuzzOutput)
	k, err := kzstd.NewReader(bytes.NewReader(data), kzstd.WithDecoderConcurrency(1),
		kzstd.WithDecoderMaxWindow(fuzzWindow), kzstd.WithDecoderMaxMemory(fuzzWindow))
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	theirs, theirErr := readUpTo(k, fuzzOutput)

	if ourErr == errOutputLimit || theirErr == errOutputLimit {
		// Compare what both decoded before the limit.
		n := min(len(ours), len(theirs))
		if !bytes.Equal(ours[:n], theirs[:n]) {
			t.Fatalf("outputs differ at %d before the output limit", firstDifference(ours, theirs))
		}
		return
	}
	switch {
	case ourErr == nil && theirErr == nil:
		if !bytes.Equal(ours, theirs) {
			t.Fatalf("both succeed, outputs differ: %d and %d bytes, first difference at %d", len(ours), len(theirs), firstDifference(ours, theirs))
		}
	case ourErr != nil && theirErr != nil:
		// Both refuse the input, after what they decoded of it: one's
		// output is the start of the other's.
		n := min(len(ours), len(theirs))
		if !bytes.Equal(ours[:n], theirs[:n]) {
			t.Fatalf("both fail (%v; %v), outputs differ at %d", ourErr, theirErr, firstDifference(ours, theirs))
		}
	case ourErr != nil:
		t.Fatalf("ours fails (%v), klauspost decodes %d bytes", ourErr, len(theirs))
	default:
		t.Fatalf("ours decodes %d bytes, klauspost fails: %v", len(ours), theirErr)
	}
}
