package zstd

import (
	"testing"

	kzstd "github.com/klauspost/compress/zstd"
)

// encPages cuts the repository's events into pages of 256 KiB, the size
// of export's Parquet pages before compression.
func encPages(b *testing.B) [][]byte {
	events := encEvents(b)
	var pages [][]byte
	for len(events) >= 256<<10 {
		pages = append(pages, events[:256<<10])
		events = events[256<<10:]
	}
	return pages
}

// BenchmarkEncode compares our encoder with klauspost's fastest level,
// configured as export configured it, on the same pages; it reports the
// compressed size over the input's.
func BenchmarkEncode(b *testing.B) {
	pages := encPages(b)
	run := func(b *testing.B, encode func(src, dst []byte) []byte) {
		b.SetBytes(256 << 10)
		var in, out int
		var dst []byte
		for i := 0; b.Loop(); i++ {
			page := pages[i%len(pages)]
			dst = encode(page, dst[:0])
			in += len(page)
			out += len(dst)
		}
		b.ReportMetric(float64(out)/float64(in), "ratio")
	}
	b.Run("ours", func(b *testing.B) {
		var e Encoder
		run(b, e.EncodeAll)
	})
	b.Run("klauspost", func(b *testing.B) {
		e, err := kzstd.NewWriter(nil,
			kzstd.WithEncoderConcurrency(1),
			kzstd.WithEncoderLevel(kzstd.SpeedFastest),
			kzstd.WithWindowSize(256<<10),
			kzstd.WithZeroFrames(true),
			kzstd.WithEncoderCRC(false),
		)
		if err != nil {
			b.Fatal(err)
		}
		run(b, e.EncodeAll)
	})
}
