package model

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// checkDecodeValue holds DecodeValue and DecodeValueShared, at each value
// of data in turn, to delimiting with jsonscan.Skip and decoding the value
// with Decode.
func checkDecodeValue(t *testing.T, data []byte) {
	t.Helper()
	for pos := 0; pos < len(data); {
		var got Event
		end, err := DecodeValue(data, pos, &got)
		wantEnd, wantErr := jsonscan.Skip(data, pos, 0)
		if wantErr != nil {
			if err == nil || err.Error() != wantErr.Error() || end != wantEnd {
				t.Fatalf("%q at %d: %d %v, want Skip's %d %v", data, pos, end, err, wantEnd, wantErr)
			}
			return
		}
		want, decodeErr := Decode(data[pos:wantEnd])
		if end != wantEnd || (err == nil) != (decodeErr == nil) || err != nil && err.Error() != decodeErr.Error() {
			t.Fatalf("%q at %d: %d %v, want %d %v", data, pos, end, err, wantEnd, decodeErr)
		}
		if err == nil && !reflect.DeepEqual(&got, want) {
			t.Fatalf("%q at %d: decoded %+v, want %+v", data, pos, got, *want)
		}
		var shared Event
		sharedEnd, sharedErr := DecodeValueShared(data, pos, &shared)
		if sharedEnd != end || (sharedErr == nil) != (err == nil) || err == nil && !reflect.DeepEqual(&shared, want) {
			t.Fatalf("%q at %d: shared decoding %d %v %+v, want %d %v %+v", data, pos, sharedEnd, sharedErr, shared, end, err, want)
		}
		if pos = jsonscan.SkipSpace(data, end); pos == end && pos < len(data) {
			return // no space between values: the next one is not delimited as jq does
		}
	}
}

var decodeValueCases = []string{
	`{"title":"t","process":{"pid":1,"args":["a"]}}`,
	` {"title":"a"} {"title":"b","pid":"x"} `,
	`{"title":"a"}{"title":"b"}`,
	`5 {"title":"a"}`,
	`{"title":"a"} [1]`,
	`{"title":"a","x":[1,}`,
	`{"title":"a\u00e9\\"} {"title":`,
	`{"process":{"ancestors":[{"pid":1},2]}} null`,
	`   `,
	`{"a":{"b":{"c":[[[[{}]]]]}}}`,
}

func TestDecodeValueMatchesSkipThenDecode(t *testing.T) {
	for _, s := range decodeValueCases {
		checkDecodeValue(t, []byte(s))
	}
	forEachLine(t, "testdata/linux-sections.ndjson.gz", func(_ int, data []byte) {
		checkDecodeValue(t, bytes.Clone(data))
	})
}

// FuzzDecodeValue holds DecodeValue to Skip then Decode on any input:
//
//	go test ./internal/model -run '^$' -fuzz FuzzDecodeValue -fuzztime 30s
func FuzzDecodeValue(f *testing.F) {
	for _, s := range decodeValueCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecodeValue(t, data)
	})
}
