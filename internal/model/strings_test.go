package model

import (
	"reflect"
	"testing"
)

// stringsByOpenValue decodes an array of strings as decodeStrings did
// before it read the strings straight into the slice: through openValue.
func stringsByOpenValue(data []byte) (items []string, end int, fits bool, ok bool) {
	in := &input{b: data}
	v, end, fits, err := openValue(in, 0, 0, '[')
	if err != nil {
		return nil, end, false, false
	}
	array, _ := v.([]any)
	if !fits || array == nil {
		return nil, end, fits, true
	}
	items = make([]string, len(array))
	for k, item := range array {
		switch item := item.(type) {
		case string:
			items[k] = item
		case nil:
		default:
			return nil, end, false, true
		}
	}
	return items, end, true, true
}

func checkDecodeStrings(t *testing.T, data []byte) {
	t.Helper()
	want, wantEnd, wantFits, ok := stringsByOpenValue(data)
	var got []string
	end, fits, err := decodeStrings(&input{b: data}, reflect.ValueOf(&got).Elem(), 0, 0)
	if (err == nil) != ok {
		t.Fatalf("%q: error %v, openValue's ok %v", data, err, ok)
	}
	if !ok {
		return
	}
	if end != wantEnd || fits != wantFits || !reflect.DeepEqual(got, want) || (got == nil) != (want == nil) {
		t.Fatalf("%q: %q %d %v, want %q %d %v", data, got, end, fits, want, wantEnd, wantFits)
	}
}

var decodeStringsCases = []string{
	`["a","b\u00e9",null,"c\\"d"]`, `[]`, ` [ ] `, `null`, `[1]`, `["a",2]`, `["a",{}]`,
	`["a",[]]`, `"a"`, `{}`, `[1e999]`, `["a",`, `["\xff"]`, `[ "a" , "b" ]`, `[null,null]`,
}

func TestDecodeStringsMatchesOpenValue(t *testing.T) {
	for _, s := range decodeStringsCases {
		checkDecodeStrings(t, []byte(s))
	}
}

// FuzzDecodeStrings holds decodeStrings to the decoding through openValue:
//
//	go test ./internal/model -run '^$' -fuzz FuzzDecodeStrings -fuzztime 30s
func FuzzDecodeStrings(f *testing.F) {
	for _, s := range decodeStringsCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		checkDecodeStrings(t, data)
	})
}
