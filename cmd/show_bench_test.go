package cmd

import (
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/pipeline"
)

// BenchmarkShow runs show on a generated corpus into a pipe, as
// `csmctl show --color never FILE | cat > /dev/null` does. The default corpus
// has a few broken lines, reported on stderr; set CSMCTL_BENCH_FILE to
// measure on another (BENCHMARKS.md uses the 100 MB one):
//
//	CSMCTL_BENCH_FILE=/tmp/big.ndjson go test ./cmd -run '^$' -bench Show -benchtime 3x
func BenchmarkShow(b *testing.B) {
	file := os.Getenv("CSMCTL_BENCH_FILE")
	if file == "" {
		file = "../testdata/corpus.ndjson"
	}
	fi, err := os.Stat(file)
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		ios, _, _, _ := iostreams.Test()
		ios.Out, ios.ErrOut = io.Discard, io.Discard
		opts := &ShowOptions{IO: ios, EventInputs: EventInputs{Files: []string{file}, Workers: 2}, Output: "text", Now: time.Now}
		var problems *pipeline.ProblemsError
		if err := runShow(opts); err != nil && !(errors.As(err, &problems) && problems.Code == ExitData) {
			b.Fatal(err)
		}
	}
}
