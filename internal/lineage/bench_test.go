package lineage

import (
	"bytes"
	"os"
	"testing"

	"github.com/csmctl/csmctl/internal/model"
)

// BenchmarkForest measures what `csmctl tree` does per event, on one core:
// Decode, Add and Attach, then Forests, over a generated corpus. The MB/s
// are of event bytes.
//
//	go test ./internal/lineage -run '^$' -bench Forest -benchmem
func BenchmarkForest(b *testing.B) {
	data, err := os.ReadFile("testdata/corpus.ndjson")
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	b.Run("decode+build", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		var ev model.Event
		for b.Loop() {
			bld := NewBuilder()
			for i, line := range lines {
				if _, err := Decode(line, 0, &ev); err != nil {
					b.Fatal(err)
				}
				bld.Attach(bld.Add("", &ev), "corpus", i+1, &ev)
			}
			bld.Forests()
		}
	})
	// The sequential part alone: what the parallel decoders feed.
	events := make([]model.Event, len(lines))
	for i, line := range lines {
		if _, err := Decode(line, 0, &events[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("build", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			bld := NewBuilder()
			for i := range events {
				bld.Attach(bld.Add("", &events[i]), "corpus", i+1, &events[i])
			}
			bld.Forests()
		}
	})
}
