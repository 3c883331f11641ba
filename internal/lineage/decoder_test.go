package lineage

import (
	"reflect"
	"slices"
	"testing"

	"github.com/csmctl/csmctl/internal/model"
)

// A Decoder reuses its memory: what it fills must still be what Decode
// fills, with nothing left over from the event before, whichever came
// first (the lines are decoded in order, then in reverse).
func TestDecoderAgreesWithDecode(t *testing.T) {
	type decoded struct {
		name string
		line int
		data []byte
	}
	var all []decoded
	for _, name := range decodeInputs {
		eachLine(t, name, func(line int, data []byte) {
			all = append(all, decoded{name, line, slices.Clone(data)})
		})
	}
	var dec Decoder
	check := func(d decoded) {
		var want, got model.Event
		wantEnd, wantErr := Decode(d.data, 0, &want)
		gotEnd, gotErr := dec.Decode(d.data, 0, &got)
		if gotEnd != wantEnd || (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%s:%d: Decoder.Decode returned %d, %v; Decode %d, %v", d.name, d.line, gotEnd, gotErr, wantEnd, wantErr)
		}
		if !reflect.DeepEqual(&got, &want) {
			t.Errorf("%s:%d: Decoder.Decode differs from Decode\n got: %+v\nwant: %+v", d.name, d.line, got.Process, want.Process)
		}
	}
	for _, d := range all {
		check(d)
	}
	for _, d := range slices.Backward(all) {
		check(d)
	}
}

// Decoding an event for the tree allocates its strings, and nothing for its
// objects: every process, executable and context of an event is reused from
// the one before. This event has all of them, and no string to allocate
// (all are empty, and its times absent), so the work of the tree's decoding
// workers on it, Decoder.Decode then FillFrom, allocates nothing. Decode,
// which allocates every object, shows the test counts them.
func TestDecoderReusesObjects(t *testing.T) {
	process := `{"pid":3,"ppid":2,"tid":3,"cmdline":"","user":"","comm":"","argv0":"","args":[],` +
		`"args_truncated":false,"is_exec_child":true,"executable":{"path":"","name":""},` +
		`"container":{"id":""},"credentials":{"uid":0,"user":""}}`
	data := []byte(`{"agent":{"rule_id":""},"evt":{"name":""},"file":{"path":""},` +
		`"registry":{"key_path":"","value_name":""},"exit":{"code":1},"container":{"id":""},"usr":{"name":""},` +
		`"process":{"pid":4,"ppid":3,"executable":{"path":"","name":""},"container":{"id":""},` +
		`"credentials":{"uid":0,"user":""},"parent":` + process + `,"ancestors":[` +
		process + `,` + process + `,` + process + `,null],"truncated_ancestors":true}}`)
	var ev model.Event
	if _, err := Decode(data, 0, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Process == nil || len(ev.Process.Ancestors) != 4 || ev.Process.Parent.Executable == nil || ev.Exit == nil {
		t.Fatalf("the event lacks objects: %+v", ev)
	}
	if n := testing.AllocsPerRun(10, func() { _, _ = Decode(data, 0, &ev) }); n < 20 {
		t.Fatalf("Decode allocates %v objects per event, want at least 20: the count is wrong", n)
	}
	var dec Decoder
	var e Event
	n := testing.AllocsPerRun(10, func() {
		if _, err := dec.Decode(data, 0, &ev); err != nil {
			t.Fatal(err)
		}
		e.FillFrom(&ev)
	})
	if n != 0 {
		t.Errorf("Decoder.Decode and FillFrom allocate %v objects per event, want 0", n)
	}
	if len(e.Chain) != 4 || e.Chain[0].PID.String() != "3" || !e.TruncatedAncestors {
		t.Errorf("FillFrom kept %+v", e)
	}
}
