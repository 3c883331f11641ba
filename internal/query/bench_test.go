package query

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// benchCorpus is the example events repeated to about 8 MB, in a file.
// For numbers on a 100 MB generated log, see BENCHMARKS.md.
func benchCorpus(b *testing.B) (path string, lines [][]byte) {
	b.Helper()
	events, err := os.ReadFile("../../examples/events.ndjson")
	if err != nil {
		b.Fatal(err)
	}
	data := bytes.Repeat(events, (8<<20)/len(events))
	path = b.TempDir() + "/corpus.ndjson"
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	for _, l := range bytes.Split(data, []byte{'\n'}) {
		if len(l) > 0 {
			lines = append(lines, l)
		}
	}
	b.SetBytes(int64(len(data)))
	return path, lines
}

func BenchmarkDecode(b *testing.B) {
	_, lines := benchCorpus(b)
	var d Decoder
	for b.Loop() {
		for _, l := range lines {
			if _, _, err := d.Decode(string(l), 0); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	_, lines := benchCorpus(b)
	var d Decoder
	values := make([]any, len(lines))
	for i, l := range lines {
		values[i], _, _ = d.Decode(string(l), 0)
	}
	enc := NewEncoder(Format{Compact: true})
	var out []byte
	b.ResetTimer()
	for b.Loop() {
		for _, v := range values {
			out = enc.AppendOutput(out[:0], v)
		}
	}
}

func BenchmarkTranscode(b *testing.B) {
	_, lines := benchCorpus(b)
	enc := NewEncoder(Format{Compact: true})
	var out []byte
	for b.Loop() {
		for _, l := range lines {
			out, _, _ = enc.AppendOutputText(out[:0], l, 0)
		}
	}
}

func benchRun(b *testing.B, filter string, f Format) {
	path, _ := benchCorpus(b)
	p, err := Compile(Options{Filter: filter})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := p.Run(RunOptions{Files: []string{path}, Out: io.Discard, ErrOut: io.Discard, Format: f, Workers: 2}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRunIdentity(b *testing.B) { benchRun(b, ".", Format{Compact: true}) }
func BenchmarkRunPretty(b *testing.B)   { benchRun(b, ".", Format{Indent: 2}) }
func BenchmarkRunSelect(b *testing.B) {
	benchRun(b, `select(.agent.rule_id == "windows_cryptominer_process") | .process.pid`, Format{})
}
func BenchmarkRunObject(b *testing.B) {
	benchRun(b, `{pid: .process.pid, exe: .process.executable.name}`, Format{Compact: true})
}
func BenchmarkRunSelectNot(b *testing.B) {
	benchRun(b, `select(.agent.rule_id != "windows_cryptominer_process") | .process.pid`, Format{})
}
