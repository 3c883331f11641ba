package model

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

// testdata/events.ndjson is generated, with schema violations and broken
// lines mixed in:
//
//	go -C ../shared/tools/gencorpus run . -n 40 -seed 8 -invalid 0.25 -broken 0.05 > internal/model/testdata/events.ndjson
func corpusLines(tb testing.TB) [][]byte {
	tb.Helper()
	data, err := os.ReadFile("testdata/events.ndjson")
	if err != nil {
		tb.Fatal(err)
	}
	var lines [][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, bytes.Clone(sc.Bytes()))
	}
	return lines
}

// strictDecode decodes data the way the fast path of Decode does, and
// reports whether that path alone accepts it.
func strictDecode(data []byte) (*Event, bool) {
	e := new(Event)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if dec.Decode((*eventFields)(e)) != nil {
		return e, false
	}
	// encoding/json folds case; the model matches keys exactly.
	_, exact := knownKeys(data, 0, eventObject.Get())
	return e, exact
}

// reencodedDecode decodes the re-encoding of a decoded event, which must be
// clean but for its ill-typed integers: Extra is not re-encoded, but an Int
// writes an ill-typed value as it was read, so as not to turn it into 0.
// Every other value comes from a Go field of the right type, so no unknown
// key is enough.
func reencodedDecode(data []byte) (*Event, bool) {
	e, err := Decode(data)
	if err != nil {
		return e, false
	}
	_, exact := knownKeys(data, 0, eventObject.Get())
	return e, exact
}

// lenientDecode decodes data with the lenient path alone.
func lenientDecode(data []byte) (*Event, error) {
	e := new(Event)
	return e, referenceObject(data, reflect.ValueOf(e).Elem(), eventObject.Get())
}

// TestCorpus checks the generated events: each decodes the same on the
// lenient path as on the strict one wherever the strict one accepts it,
// re-encodes to an event the strict path accepts and that re-encodes the
// same again; a broken line fails to decode.
func TestCorpus(t *testing.T) {
	var strict, lenient, broken int
	for i, line := range corpusLines(t) {
		e, err := Decode(line)
		if !json.Valid(line) {
			broken++
			if err == nil {
				t.Errorf("line %d: broken JSON decoded without error", i+1)
			}
			continue
		}
		if err != nil {
			t.Errorf("line %d: %v", i+1, err)
			continue
		}
		if _, ok := strictDecode(line); ok {
			strict++
			if l, err := lenientDecode(line); err != nil || !reflect.DeepEqual(l, e) {
				t.Errorf("line %d: lenient decode %+v, %v; strict %+v", i+1, l, err, e)
			}
		} else {
			lenient++
		}
		out, err := json.Marshal(e)
		if err != nil {
			t.Errorf("line %d: Marshal: %v", i+1, err)
			continue
		}
		again, ok := reencodedDecode(out)
		if !ok {
			t.Errorf("line %d: re-encoding is not clean: %s", i+1, out)
			continue
		}
		if out2, _ := json.Marshal(again); !bytes.Equal(out2, out) {
			t.Errorf("line %d: re-encoding is not stable:\n%s\n%s", i+1, out, out2)
		}
	}
	t.Logf("%d events decoded strictly, %d leniently, %d broken", strict, lenient, broken)
	// Guard against a corpus that stops exercising a path.
	if strict < 20 || lenient < 3 || broken < 1 {
		t.Errorf("corpus has %d strict, %d lenient, %d broken events; regenerate it", strict, lenient, broken)
	}
}

// TestRoundTrip checks that a valid event re-encodes byte for byte: field
// order, timestamps as written, absent fields absent.
func TestRoundTrip(t *testing.T) {
	for _, in := range []string{execEvent, permissionEvent, offsetEvent} {
		e, err := Decode([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(e)
		if err != nil || string(out) != in {
			t.Errorf("re-encoding differs (%v):\n got %s\nwant %s", err, out, in)
		}
	}
}
