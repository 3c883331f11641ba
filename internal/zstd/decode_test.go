package zstd

import (
	"bytes"
	"io"
	"testing"

	kzstd "github.com/klauspost/compress/zstd"
)

// decodeAll decodes data with ours.
func decodeAll(data []byte, opts ...Option) ([]byte, error) {
	return io.ReadAll(NewReader(bytes.NewReader(data), opts...))
}

// klausEncode compresses plain with klauspost's encoder.
func klausEncode(t testing.TB, plain []byte, opts ...kzstd.EOption) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := kzstd.NewWriter(&b, opts...)
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

func TestSmoke(t *testing.T) {
	plain := bytes.Repeat([]byte("hello zstd world, hello again "), 10000)
	for _, level := range []kzstd.EncoderLevel{kzstd.SpeedFastest, kzstd.SpeedDefault, kzstd.SpeedBetterCompression, kzstd.SpeedBestCompression} {
		enc := klausEncode(t, plain, kzstd.WithEncoderLevel(level))
		got, err := decodeAll(enc)
		if err != nil {
			t.Fatalf("level %v: %v", level, err)
		}
		if !bytes.Equal(got, plain) {
			t.Fatalf("level %v: output differs (%d vs %d bytes)", level, len(got), len(plain))
		}
	}
}
