package lineage

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
)

// FuzzBuilder feeds arbitrary lines through Decode and the builder: nothing
// may panic, and the forest must be shown, focused and pruned in finite
// time, entering each process once.
//
//	go test -run=^$ -fuzz=FuzzBuilder ./internal/lineage
func FuzzBuilder(f *testing.F) {
	for _, file := range []string{"../../examples/attack.ndjson", "testdata/invalid.ndjson", "testdata/linux-ill-typed.ndjson", "testdata/profile-pid-reuse.ndjson"} {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		lines := bytes.Split(data, []byte("\n"))
		for i := 0; i+3 <= len(lines) && i < 30; i += 3 {
			f.Add(bytes.Join(lines[i:i+3], []byte("\n")))
		}
	}
	f.Add([]byte(event(proc(10, 0, "a"), proc(10, 0, "a")) + "\n" + event(proc(20, 2, "b"), proc(30, 3, "c"), proc(20, 2, "b"))))
	f.Add([]byte(`{"process":{"pid":1,"ancestors":[{"pid":1},{"pid":1},null]}}` + "\n" + `{"process":{"pid":1,"parent":{"pid":1}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b := NewBuilder()
		b.KeepHits = len(data)%2 == 0
		b.KeepArgs = len(data)%3 == 0
		for line, rec := range bytes.Split(data, []byte("\n")) {
			for pos := jsonscan.SkipSpace(rec, 0); pos < len(rec); pos = jsonscan.SkipSpace(rec, pos) {
				var ev model.Event
				end, err := Decode(rec, pos, &ev)
				if _, syntax := err.(*jsonscan.SyntaxError); syntax {
					if end < pos || end > len(rec) {
						t.Fatalf("syntax error at %d, decoding from %d of %d", end, pos, len(rec))
					}
					break
				}
				if end <= pos || end > len(rec) {
					t.Fatalf("Decode from %d ended at %d of %d", pos, end, len(rec))
				}
				pos = end
				if err != nil {
					continue
				}
				if n := b.Add("", &ev); n != nil && line%2 == 0 {
					b.Attach(n, "fuzz", line, &ev)
				}
			}
		}
		for _, f := range b.Forests() {
			entered := map[*Node]bool{}
			f.Walk(func(s Step) {
				if !s.Leave && !s.BackRef {
					if entered[s.Node] {
						t.Fatalf("pid %v entered twice", s.Node.Key.PID)
					}
					entered[s.Node] = true
				}
			})
			if len(entered) != len(f.Nodes) {
				t.Fatalf("walk entered %d of %d nodes", len(entered), len(f.Nodes))
			}
			f.FocusHits()
			f.HitsOnly()
			f.Walk(func(Step) {})
		}
	})
}

// FuzzDecode checks Decode against model.Decode on arbitrary input: the
// same verdict on syntax, and the same fields filled (but for the bytes
// that are not UTF-8, which Decode keeps).
//
//	go test -run=^$ -fuzz=FuzzDecode ./internal/lineage
func FuzzDecode(f *testing.F) {
	for _, file := range []string{"../../examples/attack.ndjson", "testdata/invalid.ndjson", "testdata/linux-ill-typed.ndjson", "testdata/profile-pid-reuse.ndjson"} {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		lines := bytes.Split(data, []byte("\n"))
		for _, line := range lines[:min(8, len(lines))] {
			f.Add(line)
		}
	}
	f.Add([]byte(`{"Process":{"PID":7,"p\u0069d":8,"ancestors":[null,{"pid":1.0}]},"process":null}`))
	previous, err := os.ReadFile("testdata/linux-ill-typed.ndjson")
	if err != nil {
		f.Fatal(err)
	}
	previous, _, _ = bytes.Cut(previous, []byte("\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		want, wantErr := model.Decode(data)
		var got model.Event
		end, err := Decode(data, 0, &got)
		if err == nil && jsonscan.SkipSpace(data, end) < len(data) {
			return // several values: model.Decode takes exactly one
		}
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("Decode error %v, model.Decode error %v", err, wantErr)
		}
		if err != nil {
			return
		}
		// A Decoder that decoded a full event before fills the same.
		var dec Decoder
		var reused model.Event
		_, _ = dec.Decode(previous, 0, &reused)
		if _, err := dec.Decode(data, 0, &reused); err != nil || !reflect.DeepEqual(&reused, &got) {
			t.Fatalf("Decoder.Decode (error %v) differs from Decode\n got: %#v\nwant: %#v", err, reused, got)
		}
		replaceInvalidUTF8(reflect.ValueOf(&got))
		if w := lineageFields(want); !reflect.DeepEqual(&got, w) {
			t.Fatalf("Decode differs from model.Decode\n got: %#v\nwant: %#v", got, *w)
		}
	})
}
