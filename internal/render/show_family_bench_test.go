package render

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"os"
	"testing"

	"github.com/csmctl/csmctl/internal/model"
)

// linuxSectionEvents decodes the 49 Linux events that cover every show
// section, and returns them with their size in bytes.
func linuxSectionEvents(b testing.TB) ([]*model.Event, int) {
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
	return events, size
}

// BenchmarkShowLinuxSections renders the 49 Linux events that cover every
// show section, in a pipe.
func BenchmarkShowLinuxSections(b *testing.B) {
	events, size := linuxSectionEvents(b)
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

// The sections stay cheap: walking a family's nested objects once rebuilt
// the model's table of each type per call, 26752 allocations for these 49
// events (before the process and file sections showed every field); two
// rest walks that copied an integer out of the model two or three times
// per row made 16248; one walk that copies it once makes 12421.
func TestShowLinuxSectionsAllocations(t *testing.T) {
	events, _ := linuxSectionEvents(t)
	var buf bytes.Buffer
	allocs := testing.AllocsPerRun(5, func() {
		for i, ev := range events {
			buf.Reset()
			ShowEvent(&buf, ev, Source{File: "f", Line: i + 1}, ShowLayout{})
		}
	})
	if allocs > 14000 {
		t.Errorf("%.0f allocations to show the 49 events, want at most 14000", allocs)
	}
}
