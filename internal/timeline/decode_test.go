package timeline

import (
	"io"
	"reflect"
	"sync"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/record"
)

// exampleInputs are every example and hostile file.
var exampleInputs = []string{"../../examples", "../../testdata/hostile", "../../cmd/testdata"}

// sameEntries checks that the columns of raw are the same decoded whole
// (model.Decode) and decoded in part (record.ColumnMembers), and so is
// tree -v's detail (record.DetailOf); it reports whether raw was an event.
func sameEntries(t *testing.T, raw []byte, pos input.Position) bool {
	t.Helper()
	whole, err := model.Decode(raw)
	part, _, perr := record.DecodeMembers(raw, record.ColumnMembers, nil)
	if err != nil {
		if perr == nil {
			t.Errorf("%s: whole: %v, in part: no error", pos, err)
		}
		return false
	}
	if perr != nil {
		t.Fatalf("%s: in part: %v", pos, perr)
	}
	rw, rp := record.Of(whole, "h", pos), record.Of(part, "h", pos)
	if ew, ep := EntryOf(&rw), EntryOf(&rp); !reflect.DeepEqual(ew, ep) {
		t.Errorf("%s: whole %+v\nin part %+v", pos, ew, ep)
	}
	detail, _, derr := record.DetailOf(raw, nil)
	if derr != nil || detail != rw.Detail {
		t.Errorf("%s: DetailOf %q (%v), want %q", pos, detail, derr, rw.Detail)
	}
	return true
}

// Every event of the examples and of the hostile files has the same
// timeline columns decoded in part as decoded whole.
func TestDecodeMembersDifferential(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{Files: exampleInputs, ErrOut: io.Discard, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var mu sync.Mutex
	events := 0
	work := func(b *pipeline.Batch) int {
		n := 0
		for ev := range b.Events(pipeline.Need{}) {
			if sameEntries(t, ev.Raw, ev.Pos) {
				n++
			}
		}
		return n
	}
	if err := pipeline.Run(p, work, func(n int) error { mu.Lock(); events += n; mu.Unlock(); return nil }); err != nil {
		t.Fatal(err)
	}
	if events < 100 {
		t.Errorf("only %d events compared", events)
	}
}

// Whatever the bytes, decoding in part gives the columns decoding whole
// gives, and fails when it fails.
func FuzzDecodeMembers(f *testing.F) {
	for _, s := range []string{
		`{"date":"2025-11-03T09:00:00Z","process":{"pid":1,"ancestors":[{"pid":2}],"pid":"x","user":"u"},"file":{"path":"/p"}}`,
		`{"process":[1],"agent":{"rule_id":"r","os":"linux"},"evt":{"name":"exec"},"usr":{"name":"n"}}`,
		`{"process":{"credentials":{"user":"root"}},"exit":{"code":3},"process":{"executable":{"path":"/a"}}}`,
		`{"signal":{"type":"SIGKILL","target":{"pid":5}},"date":7}`,
		`[1]`, `{"process":`, `{"process":{"pid":1,}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		sameEntries(t, raw, input.Position{File: "fuzz", Line: 1})
	})
}
