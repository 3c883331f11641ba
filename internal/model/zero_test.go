package model

import (
	"bytes"
	"reflect"
	"testing"
	"time"
	"unsafe"
)

// checkZeroTests holds the zero tests of every field of every schema
// object of ev to reflect: absent to Property.IsZero's sense as reflect
// computes it, zero to reflect.Value.IsZero.
func checkZeroTests(t *testing.T, ev *Event) {
	t.Helper()
	root, _ := ObjectOf(ev)
	eachObject(root, "", func(o Object, at string) {
		base := unsafe.Pointer(o.v.UnsafeAddr())
		for i := range o.of.fields {
			f := &o.of.fields[i]
			fv := o.v.FieldByIndex(f.index)
			p := unsafe.Add(base, f.offset)
			if p != unsafe.Pointer(fv.UnsafeAddr()) {
				t.Fatalf("%s/%s: offset %d is not the field's", at, f.key, f.offset)
			}
			if got, want := f.absent(p), reflectAbsent(fv); got != want {
				t.Errorf("%s/%s = %#v: absent %v, reflect says %v", at, f.key, fv.Interface(), got, want)
			}
			if got, want := f.zero(p), fv.IsZero(); got != want {
				t.Errorf("%s/%s = %#v: zero %v, reflect says %v", at, f.key, fv.Interface(), got, want)
			}
		}
	})
}

func TestZeroTestsMatchReflect(t *testing.T) {
	for _, s := range []string{
		`{}`,
		`{"process":{"pid":0,"tid":"x","args":[],"envs":null,"is_thread":false,"exec_time":"bad","fork_time":"2025-01-01T00:00:00Z",
		  "credentials":{"uid":0,"destination":null},"ancestors":[{},null,{"pid":3}],"variables":{}},
		  "sysctl":{"proc":{}},"user_session":{"k8s_extra":{}},"x":1}`,
		`{"process":{"credentials":{"destination":{"uid":1}},"user_session":{"k8s_extra":{"a":["b"]}},"variables":{"v":1}},"evt":{"async":true}}`,
	} {
		checkZeroTests(t, mustDecode(t, s))
	}
	for _, line := range corpusLines(t) {
		if ev, err := Decode(line); err == nil {
			checkZeroTests(t, ev)
		}
	}
	forEachLine(t, "testdata/linux-sections.ndjson.gz", func(_ int, data []byte) {
		checkZeroTests(t, mustDecode(t, string(data)))
	})
	// Values only Go builds: a zero Time in another zone, an Int with a
	// number but no text.
	ev := &Event{Date: Time{Time: time.Time{}.In(time.FixedZone("X", 3600))}, Process: &ProcessContext{Process: Process{PID: Int{n: 3}}}}
	checkZeroTests(t, ev)
}

// FuzzZeroTests holds the zero tests to reflect on any decoded event:
//
//	go test ./internal/model -run '^$' -fuzz FuzzZeroTests -fuzztime 30s
func FuzzZeroTests(f *testing.F) {
	f.Add([]byte(`{"process":{"pid":0,"args":[],"is_thread":false,"ancestors":[{},null],"variables":{}}}`))
	forEachLine(f, "testdata/linux-sections.ndjson.gz", func(_ int, data []byte) {
		f.Add(bytes.Clone(data))
	})
	f.Fuzz(func(t *testing.T, data []byte) {
		if ev, err := Decode(data); err == nil {
			checkZeroTests(t, ev)
		}
	})
}

// TestPresentIsPropertiesNotZero holds Present to Properties without the
// absent properties, on every object of the committed Linux events.
func TestPresentIsPropertiesNotZero(t *testing.T) {
	forEachLine(t, "testdata/linux-sections.ndjson.gz", func(line int, data []byte) {
		root, _ := ObjectOf(mustDecode(t, string(data)))
		eachObject(root, "", func(o Object, at string) {
			var want, got []string
			for p := range o.Properties() {
				if !reflectAbsent(p.field()) {
					want = append(want, p.Key)
				}
			}
			for p := range o.Present() {
				got = append(got, p.Key)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("line %d %s: Present %q, want %q", line, at, got, want)
			}
		})
	})
}
