package stats

import (
	"io"
	"os"
	"testing"

	"github.com/csmctl/csmctl/internal/pipeline"
)

// BenchmarkStatsByRule counts the generated example's events by rule, as
// `stats --by rule` does, on two workers. CSMCTL_BENCH_FILE names a
// bigger file to read instead.
func BenchmarkStatsByRule(b *testing.B) {
	file := "../../examples/generated.ndjson.gz"
	if f := os.Getenv("CSMCTL_BENCH_FILE"); f != "" {
		file = f
	}
	for b.Loop() {
		p, err := pipeline.New(pipeline.Options{Files: []string{file}, Workers: 2, ErrOut: io.Discard})
		if err != nil {
			b.Fatal(err)
		}
		res, err := Run(p, io.Discard, Options{Keys: []Key{Rule}})
		if err != nil || len(res.Groups) == 0 {
			b.Fatal(err, res)
		}
		p.Close()
	}
}
