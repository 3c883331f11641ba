package input_test

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
)

// gencorpus is the shared generator of realistic events, next to the repo.
var gencorpus = filepath.Join("..", "..", "..", "shared", "tools", "gencorpus")

// corpus returns about 20 MB of generated events in a format of gencorpus
// ("ndjson", "array"), made once per test binary.
func corpus(b *testing.B, format string) []byte {
	b.Helper()
	if _, err := os.Stat(gencorpus); err != nil {
		b.Skipf("no event generator: %v", err)
	}
	data, err := corpora[format]()
	if err != nil {
		b.Fatal(err)
	}
	return data
}

var corpora = map[string]func() ([]byte, error){
	"ndjson": sync.OnceValues(func() ([]byte, error) { return generate("ndjson") }),
	"array":  sync.OnceValues(func() ([]byte, error) { return generate("array") }),
}

func generate(format string) ([]byte, error) {
	cmd := exec.Command("go", "-C", gencorpus, "run", ".", "-n", "10000", "-seed", "2", "-format", format)
	cmd.Stderr = os.Stderr
	return cmd.Output()
}

// BenchmarkFrame frames the generated events into records, as every
// subcommand reads them:
//
//	go test -run='^$' -bench=Frame -benchmem ./internal/input/
func BenchmarkFrame(b *testing.B) {
	for _, format := range []string{"ndjson", "array"} {
		b.Run(format, func(b *testing.B) {
			data := corpus(b, format)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			records := 0
			for b.Loop() {
				records = 0
				r := input.Open(nil, bytes.NewReader(data), input.Options{})
				for {
					batch, err := r.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					records += len(batch.Records)
					batch.Release()
				}
			}
			if records != 10000 {
				b.Fatalf("framed %d records, want 10000", records)
			}
		})
	}
}
