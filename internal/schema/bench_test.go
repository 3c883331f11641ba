package schema

import (
	"bytes"
	"os"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
)

// benchmarkCorpus validates every corpus line once per iteration and reports
// the throughput in corpus bytes:
//
//	go test -run='^$' -bench=. -benchmem ./internal/schema/
func benchmarkCorpus(b *testing.B, v Validator) {
	lines := corpusLines(b)
	size := 0
	for _, line := range lines {
		size += len(line)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var findings []Finding
	for b.Loop() {
		for _, line := range lines {
			_, findings, _ = v.Validate(line, 0, findings[:0])
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	v, err := Load("windows")
	if err != nil {
		b.Fatal(err)
	}
	if !v.Compiled() {
		b.Fatal(`Load("windows") is not compiled`)
	}
	benchmarkCorpus(b, v)
}

func BenchmarkReference(b *testing.B) {
	v, err := Reference(windowsSchema)
	if err != nil {
		b.Fatal(err)
	}
	benchmarkCorpus(b, v)
}

// BenchmarkCheckRecord is BenchmarkValidate through CheckRecord, the way
// `csmctl validate` calls the validator: one record a line.
func BenchmarkCheckRecord(b *testing.B) {
	v, err := Load("windows")
	if err != nil {
		b.Fatal(err)
	}
	lines := corpusLines(b)
	recs := make([]input.Record, len(lines))
	size := 0
	for i, line := range lines {
		recs[i] = input.Record{File: "corpus", Line: i + 1, Data: line}
		size += len(line)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var scratch []Finding
	for b.Loop() {
		for i := range recs {
			scratch = CheckRecord(v, &recs[i], scratch, func(*Verdict) {})
		}
	}
}

// BenchmarkPickOS chooses the schema of events without agent.os, the case
// that reads their keys: Linux ones decide at their first process key
// (after agent, title, evt, date), Windows ones at process.cmdline. It
// allocates nothing.
func BenchmarkPickOS(b *testing.B) {
	var lines [][]byte
	size := 0
	for _, path := range []string{"../../testdata/linux-events-no-os.ndjson", "../../testdata/windows-events-no-os.ndjson"} {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		for line := range bytes.Lines(data) {
			lines = append(lines, line)
			size += len(line)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, line := range lines {
			if pickOS(line, 0).By != ByShape {
				b.Fatal("not chosen by shape")
			}
		}
	}
}
