package timeline

import (
	"io"
	"os"
	"testing"

	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/pipeline"
)

// BenchmarkTimeline orders the generated example's events and prints them
// as JSON, on two workers. CSMCTL_BENCH_FILE names a bigger file to read
// instead.
func BenchmarkTimeline(b *testing.B) {
	file := "../../examples/generated.ndjson.gz"
	if f := os.Getenv("CSMCTL_BENCH_FILE"); f != "" {
		file = f
	}
	for b.Loop() {
		p, err := pipeline.New(pipeline.Options{Files: []string{file}, Workers: 2, ErrOut: io.Discard})
		if err != nil {
			b.Fatal(err)
		}
		if err := Run(p, Options{Print: JSONPrinter(io.Discard, Style{Palette: iostreams.NewPalette(false)})}); err != nil {
			b.Fatal(err)
		}
		p.Close()
	}
}
