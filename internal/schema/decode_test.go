package schema

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// decodeCases are documents decodeSchema must decode as encoding/json does,
// or refuse as it does.
var decodeCases = []string{
	`{}`, `[]`, ` {"a" : [ 1 , -2.5e3 , true , false , null , "x" ] } `,
	`{"a":1,"a":2}`, `{"\u00e9\/\"k":"\ud83d\ude00","lone":"\ud800","bad":"` + "\xff" + `"}`,
	`{"n":123456789012345678901234567890,"f":1E-7,"z":-0}`,
	`{"a":{"b":{"c":[[],[{}]]}}}`, `"just a string"`, `12`, `{"a":1} trailing`,
	`{"a":1`, `{"a" 1}`, `[1,]`, ``, `   `, `{"a":tru}`, `nul`, "{\"a\":\"\x01\"}",
}

func TestDecodeSchemaMatchesEncodingJSON(t *testing.T) {
	docs := [][]byte{windowsSchema, linuxSchema}
	for _, c := range decodeCases {
		docs = append(docs, []byte(c))
	}
	for _, doc := range docs {
		checkDecodeSchema(t, doc)
	}
}

// FuzzDecodeSchema holds decodeSchema to encoding/json on any document:
//
//	go test ./internal/schema -run '^$' -fuzz FuzzDecodeSchema -fuzztime 30s
func FuzzDecodeSchema(f *testing.F) {
	for _, c := range decodeCases {
		f.Add([]byte(c))
	}
	f.Fuzz(checkDecodeSchema)
}

// checkDecodeSchema compares decodeSchema with encoding/json's Decoder with
// UseNumber, the reference: the same value, or an error from both.
func checkDecodeSchema(t *testing.T, doc []byte) {
	t.Helper()
	got, err := decodeSchema(doc)
	d := json.NewDecoder(bytes.NewReader(doc))
	d.UseNumber()
	var want any
	refErr := d.Decode(&want)
	if (err != nil) != (refErr != nil) {
		t.Fatalf("%.80q: error %v, encoding/json's %v", doc, err, refErr)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%.80q: decoded\n%#v\nencoding/json decodes\n%#v", doc, got, want)
	}
}
