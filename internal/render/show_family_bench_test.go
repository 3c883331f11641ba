package render

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"os"
	"testing"

	"github.com/csmctl/csmctl/internal/model"
)

// BenchmarkShowLinuxSections renders the 49 Linux events that cover every
// show section, in a pipe.
func BenchmarkShowLinuxSections(b *testing.B) {
	f, err := os.Open("../model/testdata/linux-sections.ndjson.gz")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	var events []*model.Event
	size := 0
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		ev, err := model.Decode(sc.Bytes())
		if err != nil {
			b.Fatal(err)
		}
		events = append(events, ev)
		size += len(sc.Bytes()) + 1
	}
	if len(events) != 49 {
		b.Fatalf("read %d events, want 49", len(events))
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		for i, ev := range events {
			buf.Reset()
			ShowEvent(&buf, ev, Source{File: "f", Line: i + 1}, ShowLayout{})
		}
	}
}
