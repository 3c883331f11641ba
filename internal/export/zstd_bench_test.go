package export

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	kzstd "github.com/klauspost/compress/zstd"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/pipeline"
)

// pageRecorder compresses as pageCodec does and keeps every page.
type pageRecorder struct {
	zstdCodec
	mu    sync.Mutex
	pages [][]byte
}

func (r *pageRecorder) Encode(dst, src []byte) ([]byte, error) {
	r.mu.Lock()
	r.pages = append(r.pages, bytes.Clone(src))
	r.mu.Unlock()
	return r.zstdCodec.Encode(dst, src)
}

// BenchmarkPageCodec compresses the pages an export of the generated
// example, or of the file CSMCTL_BENCH_FILE names, gives its codec, with
// our encoder and with klauspost's fastest level (export's codec before
// ours, configured as it was), and reports the compressed size over the
// pages'.
func BenchmarkPageCodec(b *testing.B) {
	file := "../../examples/generated.ndjson.gz"
	if f := os.Getenv("CSMCTL_BENCH_FILE"); f != "" {
		file = f
	}
	rec := &pageRecorder{}
	saved := parquetOptions.Codec
	parquetOptions.Codec = rec
	p, err := pipeline.New(pipeline.Options{
		Files: []string{file}, Reading: input.Options{MaxRecord: input.DefaultMaxRecord},
		Workers: 2, ErrOut: io.Discard,
	})
	if err != nil {
		b.Fatal(err)
	}
	_, err = Run(p, Options{Dir: filepath.Join(b.TempDir(), "out"), Format: Parquet, Partition: NoPartition})
	p.Close()
	parquetOptions.Codec = saved
	if err != nil {
		b.Fatal(err)
	}
	total := 0
	for _, page := range rec.pages {
		total += len(page)
	}
	run := func(b *testing.B, encode func(dst, src []byte) []byte) {
		b.SetBytes(int64(total))
		var out int
		var dst []byte
		for b.Loop() {
			out = 0
			for _, page := range rec.pages {
				dst = encode(dst[:0], page)
				out += len(dst)
			}
		}
		b.ReportMetric(float64(len(rec.pages)), "pages")
		b.ReportMetric(float64(out)/float64(total), "ratio")
	}
	b.Run("internal", func(b *testing.B) {
		var c zstdCodec
		run(b, func(dst, src []byte) []byte {
			dst, _ = c.Encode(dst, src)
			return dst
		})
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
		run(b, func(dst, src []byte) []byte { return e.EncodeAll(src, dst) })
	})
}
