package model

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// FuzzDecode checks that Decode never panics, that what it returns
// re-encodes to an event the strict path accepts, and that its two paths
// agree: an unknown key the fast path missed would lose data silently.
//
//	go test ./internal/model -run '^$' -fuzz FuzzDecode -fuzztime 30s
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		execEvent, permissionEvent, offsetEvent,
		`{"title":42,"hostname":"h","process":{"pid":"1","ancestors":[{"pid":2,"user_sid":"x"},7]}}`,
		`{"date":"2025-13-45 25:61:00","evt":{"async":"true"},"agent":{"rule_version":3}}`,
		`{"Title":"t","process":{"pid":1},"process":{"ppid":2}}`,
		`{"exit":{"cause":"EXITED","code":0},"container":{"created_at":{}}}`,
		`null`, `[]`, `{`, `{} x`,
	} {
		f.Add([]byte(s))
	}
	for _, line := range corpusLines(f) {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Decode(data)
		if err != nil {
			if e != nil {
				t.Fatalf("Decode returned an event and an error: %v", err)
			}
			return
		}
		out, err := json.Marshal(e)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		again, ok := reencodedDecode(out)
		if !ok {
			t.Fatalf("re-encoding is not clean: %s", out)
		}
		if out2, _ := json.Marshal(again); !bytes.Equal(out, out2) {
			t.Fatalf("re-encoding is not stable:\n%s\n%s", out, out2)
		}
		if hasRepeatedKey(data) {
			return
		}
		// Decode takes the strict path exactly when encoding/json's strict
		// Decoder accepts the input, and the lenient path gives the same
		// event there.
		l, err := lenientDecode(data)
		if err != nil {
			t.Fatalf("lenient decode: %v", err)
		}
		if strictEvent, ok := strictDecode(data); ok && !reflect.DeepEqual(l, strictEvent) {
			t.Fatalf("lenient decode %+v; strict %+v", l, strictEvent)
		}
		if !reflect.DeepEqual(e, l) {
			t.Fatalf("Decode %+v; lenient decode %+v", e, l)
		}
	})
}

// hasRepeatedKey reports whether some object in the valid JSON data repeats
// a key, as encoding/json matches keys: ignoring case. There the two paths
// differ on purpose: encoding/json merges repeated objects, the lenient path
// keeps the last.
func hasRepeatedKey(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		keys   []string
		atKey  bool // the next token of this object is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.atKey {
			if key, ok := tok.(string); ok {
				for _, k := range top.keys {
					if strings.EqualFold(k, key) {
						return true
					}
				}
				top.keys = append(top.keys, key)
				top.atKey = false
				continue
			}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			stack = append(stack, &frame{object: tok == json.Delim('{'), atKey: tok == json.Delim('{')})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		// A value (or a closed container) ends a property of the enclosing object.
		if len(stack) > 0 && stack[len(stack)-1].object {
			stack[len(stack)-1].atKey = true
		}
	}
}
