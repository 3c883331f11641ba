package export

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/pipeline"
)

// BenchmarkExport exports the generated example (1 000 events), or the
// file CSMCTL_BENCH_FILE names, as Parquet, partitioned by hour.
func BenchmarkExport(b *testing.B) {
	file := "../../examples/generated.ndjson.gz"
	if f := os.Getenv("CSMCTL_BENCH_FILE"); f != "" {
		file = f
	}
	st, err := os.Stat(file)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	for b.Loop() {
		p, err := pipeline.New(pipeline.Options{
			Files: []string{file}, Reading: input.Options{MaxRecord: input.DefaultMaxRecord},
			Workers: 2, ErrOut: io.Discard,
		})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Run(p, Options{Dir: filepath.Join(b.TempDir(), "out"), Format: Parquet, Partition: ByHour}); err != nil {
			b.Fatal(err)
		}
		p.Close()
	}
}
