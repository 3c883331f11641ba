package zstd

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	kzstd "github.com/klauspost/compress/zstd"
)

// BenchmarkDecode decodes the files listed in ZSTD_BENCH_FILES (.zst files,
// separated by commas) with ours and with klauspost's decoder on one
// goroutine, or, without the variable, the repository's event corpus
// compressed at two levels. Throughput is of decompressed bytes.
func BenchmarkDecode(b *testing.B) {
	type input struct{ name, data string }
	var inputs []input
	if list := os.Getenv("ZSTD_BENCH_FILES"); list != "" {
		for _, name := range strings.Split(list, ",") {
			data, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			inputs = append(inputs, input{name[strings.LastIndex(name, "/")+1:], string(data)})
		}
	} else {
		plain := corpus(b)
		inputs = append(inputs,
			input{"corpus-fastest", string(klausEncode(b, plain, kzstd.WithEncoderLevel(kzstd.SpeedFastest)))},
			input{"corpus-best", string(klausEncode(b, plain, kzstd.WithEncoderLevel(kzstd.SpeedBestCompression)))})
	}
	for _, in := range inputs {
		plain, err := decodeAll([]byte(in.data), WithMaxWindow(maxWindowLimit))
		if err != nil {
			b.Fatalf("%s: %v", in.name, err)
		}
		b.Run(in.name+"/ours", func(b *testing.B) {
			b.SetBytes(int64(len(plain)))
			z := NewReader(nil, WithMaxWindow(maxWindowLimit))
			for b.Loop() {
				z.Reset(strings.NewReader(in.data))
				if _, err := io.Copy(io.Discard, z); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(in.name+"/klauspost", func(b *testing.B) {
			b.SetBytes(int64(len(plain)))
			k, err := kzstd.NewReader(nil, kzstd.WithDecoderConcurrency(1), kzstd.WithDecoderMaxWindow(maxWindowLimit))
			if err != nil {
				b.Fatal(err)
			}
			defer k.Close()
			for b.Loop() {
				if err := k.Reset(strings.NewReader(in.data)); err != nil {
					b.Fatal(err)
				}
				if _, err := io.Copy(io.Discard, k); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// corpus is the repository's NDJSON events, a few MB of real input.
func corpus(tb testing.TB) []byte {
	tb.Helper()
	var all bytes.Buffer
	for _, name := range []string{"../../testdata/corpus.ndjson", "../../testdata/linux-events.ndjson", "../../examples/events.ndjson"} {
		data, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		all.Write(data)
	}
	return all.Bytes()
}
