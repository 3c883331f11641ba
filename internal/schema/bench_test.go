package schema

import "testing"

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
