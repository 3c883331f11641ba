package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// corpusPath is a deterministic sample of Windows CSM Threats events, a few
// with one schema violation and a few cut short. Regenerate it with
//
//	go -C ../shared/tools/gencorpus run . -n 2500 -seed 11 -invalid 0.03 -broken 0.005 > testdata/corpus.ndjson
const corpusPath = "../../testdata/corpus.ndjson"

// corpusLines returns the corpus's non-empty lines.
func corpusLines(tb testing.TB) [][]byte {
	tb.Helper()
	data, err := os.ReadFile(corpusPath)
	if err != nil {
		tb.Fatalf("reading the corpus: %v", err)
	}
	var lines [][]byte
	for line := range bytes.Lines(data) {
		if line = bytes.TrimSpace(line); len(line) > 0 {
			lines = append(lines, line)
		}
	}
	return lines
}

// verdict is what a validator says of one line.
type verdict int

const (
	verdictValid verdict = iota
	verdictInvalid
	verdictNotJSON
)

func (v verdict) String() string { return [...]string{"valid", "invalid", "not JSON"}[v] }

// judge validates a line holding one JSON value.
func judge(v Validator, line []byte) (verdict, []Finding) {
	end, findings, err := v.Validate(line, 0, nil)
	if err != nil || jsonscan.SkipSpace(line, end) != len(line) {
		return verdictNotJSON, nil
	}
	if len(findings) > 0 {
		return verdictInvalid, findings
	}
	return verdictValid, nil
}

// tally counts the lines of each verdict.
type tally [3]int

// differ validates every line with both validators and fails on any line
// where their verdicts, or the JSON pointers of their findings, differ.
func differ(t *testing.T, compiled, ref Validator, lines [][]byte) tally {
	t.Helper()
	var counts tally
	failures := 0
	for n, line := range lines {
		got, gotFindings := judge(compiled, line)
		want, wantFindings := judge(ref, line)
		counts[got]++
		if got == want && slices.Equal(paths(gotFindings), paths(wantFindings)) {
			continue
		}
		t.Errorf("line %d: compiled: %v %+v; reference: %v %+v", n+1, got, gotFindings, want, wantFindings)
		if failures++; failures == 10 {
			t.Fatal("too many differences")
		}
	}
	return counts
}

func TestDifferentialWindows(t *testing.T) {
	lines := corpusLines(t)
	compiled, err := Load("windows")
	if err != nil {
		t.Fatal(err)
	}
	if !compiled.Compiled() {
		t.Fatal(`Load("windows") is not compiled`)
	}
	ref, err := Reference(windowsSchema)
	if err != nil {
		t.Fatal(err)
	}
	counts := differ(t, compiled, ref, lines)
	t.Logf("windows: %d lines: %d valid, %d invalid, %d not JSON", len(lines), counts[verdictValid], counts[verdictInvalid], counts[verdictNotJSON])
	// The corpus must exercise every verdict, or this test proves little.
	if counts[verdictValid] < len(lines)/2 || counts[verdictInvalid] < 20 || counts[verdictNotJSON] < 3 {
		t.Errorf("corpus too uniform: %v (valid, invalid, not JSON)", counts)
	}
}

// TestDifferentialWindowsMutants checks one-change variants of a few corpus
// events, so every property of the schema is tried with every wrong type.
func TestDifferentialWindowsMutants(t *testing.T) {
	compiled, err := Load("windows")
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Reference(windowsSchema)
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]byte
	for _, line := range corpusLines(t)[:40] {
		if json.Valid(line) {
			lines = append(lines, mutants(t, line)...)
		}
	}
	counts := differ(t, compiled, ref, lines)
	t.Logf("windows mutants: %d lines: %d valid, %d invalid", len(lines), counts[verdictValid], counts[verdictInvalid])
}

// linuxEventsPath holds hand-written Linux events, every one valid, touching
// most of the Linux schema's event types.
const linuxEventsPath = "../../testdata/linux-events.ndjson"

// TestDifferentialLinux checks the Linux schema, much larger than the Windows
// one, on Linux events and their one-change variants, and on the Windows
// corpus, where every event must fail (no Windows process carries a uid).
func TestDifferentialLinux(t *testing.T) {
	compiled, err := Load("linux")
	if err != nil {
		t.Fatal(err)
	}
	if !compiled.Compiled() {
		t.Fatal(`Load("linux") is not compiled`)
	}
	ref, err := Reference(linuxSchema)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(linuxEventsPath)
	if err != nil {
		t.Fatal(err)
	}
	var events, lines [][]byte
	for line := range bytes.Lines(data) {
		events = append(events, bytes.TrimSpace(line))
	}
	for i, event := range events {
		if v, findings := judge(ref, event); v != verdictValid {
			t.Fatalf("%s:%d: the reference finds it %v: %+v", linuxEventsPath, i+1, v, findings)
		}
		lines = append(lines, mutants(t, event)...)
	}
	counts := differ(t, compiled, ref, append(events, lines...))
	t.Logf("linux events and mutants: %d lines: %d valid, %d invalid", len(events)+len(lines), counts[verdictValid], counts[verdictInvalid])
	if counts[verdictValid] < len(events) || counts[verdictInvalid] < len(lines)/2 {
		t.Errorf("mutants too often valid: %v (valid, invalid, not JSON)", counts)
	}

	windows := corpusLines(t)
	counts = differ(t, compiled, ref, windows)
	t.Logf("linux, windows corpus: %d lines: %d valid, %d invalid, %d not JSON", len(windows), counts[verdictValid], counts[verdictInvalid], counts[verdictNotJSON])
	if counts[verdictValid] != 0 {
		t.Errorf("%d Windows events valid under the Linux schema", counts[verdictValid])
	}
}

// mutants returns variants of a JSON event, each with one change: a member
// removed, a value replaced by one of another type (or by a string that is
// not a date-time), or an unknown member added to an object.
func mutants(tb testing.TB, event []byte) [][]byte {
	tb.Helper()
	d := json.NewDecoder(bytes.NewReader(event))
	d.UseNumber()
	var doc any
	if err := d.Decode(&doc); err != nil {
		tb.Fatal(err)
	}
	replacements := []any{"2025-13-01T00:00:00Z", "2016-12-31T23:59:60Z", "s", json.Number("7"), json.Number("7.0"),
		json.Number("-7.5"), json.Number("1e2"), nil, true, map[string]any{}, []any{}, []any{json.Number("1")}}
	var out [][]byte
	emit := func() {
		b, err := json.Marshal(doc)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	k := 0 // cycles through the replacements across locations
	// try mutates every location below v, restoring each change after emit.
	var try func(v any)
	try = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			v["zz_unknown"] = json.Number("1")
			emit()
			delete(v, "zz_unknown")
			names := make([]string, 0, len(v))
			for name := range v {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				old := v[name]
				delete(v, name)
				emit()
				for range 2 {
					v[name] = replacements[k%len(replacements)]
					k++
					emit()
				}
				v[name] = old
				try(old)
			}
		case []any:
			for i, old := range v {
				v[i] = replacements[k%len(replacements)]
				k++
				emit()
				v[i] = old
				try(old)
			}
		}
	}
	try(doc)
	return out
}
