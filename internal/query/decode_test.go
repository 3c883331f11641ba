package query

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// stdDecode is the reference: what the gojq command decodes, with
// encoding/json and UseNumber.
func stdDecode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

func TestDecodeAgreesWithEncodingJSON(t *testing.T) {
	for _, in := range []string{
		`null`, `true`, `false`, `0`, `-0`, `1.0`, `1.50`, `1e3`, `1E+2`, `-1e-7`, `123456789012345678901234567890`,
		`1e1000`, `""`, `"plain"`, `"tab\there"`, `"\u00e9\u4e2d\ud83d\ude00"`, `"lone\ud800x"`, `"rev\udc00\ud800"`,
		`"\ud800\u0041"`, `"\ud83d\ude00\ud83d"`, `"\/\b\f\n\r\t\"\\"`, "\"raw \xff\xfe bytes\"", "\"caf\xc3\xa9\"",
		"\"\xed\xa0\x80 surrogate in utf-8\"", `[]`, `{}`, `[1,[2,[3,{}]]]`, `{"a":1,"a":2}`, `{"":0,"\u0041":1}`,
		` { "a" : [ 1 , 2 ] } `, `{"a":{"b":{"c":null}}}`,
	} {
		want, err := stdDecode([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		var d Decoder
		got, end, serr := d.Decode(in, 0)
		if serr != nil {
			t.Errorf("%s: %v", in, serr)
			continue
		}
		if strings.TrimSpace(in[end:]) != "" {
			t.Errorf("%s: stopped at %d", in, end)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v, want %#v", in, got, want)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	for _, in := range []string{
		``, ` `, `{`, `[`, `[1,]`, `{"a":1,}`, `{"a"}`, `{a:1}`, `01x`, `-`, `1.`, `1e`, `1e+`, `.5`, `+1`,
		`"abc`, `"\x"`, `"\u12"`, `"\u12g4"`, "\"ctl\x01\"", `tru`, `nul`, `falsy`, `[1 2]`, `{"a":1 "b":2}`,
		`"\'"`, strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	} {
		var d Decoder
		_, end, err := d.Decode(in, 0)
		if err == nil && strings.TrimSpace(in[end:]) == "" {
			t.Errorf("%q: accepted", in)
		}
	}
}

// Nesting up to encoding/json's limit is fine; one more level is not.
func TestDecodeDepthLimit(t *testing.T) {
	var d Decoder
	ok := strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth)
	if _, _, err := d.Decode(ok, 0); err != nil {
		t.Errorf("depth %d: %v", maxDepth, err)
	}
	deep := "[" + ok + "]"
	if _, _, err := d.Decode(deep, 0); err == nil {
		t.Errorf("depth %d: accepted", maxDepth+1)
	}
}

// Several values on a line are decoded one after the other, as jq reads them.
func TestDecodeSeveralValues(t *testing.T) {
	in := `1 "two"[3]{"four":4}null`
	var d Decoder
	var got []any
	for i := skipSpace(in, 0); i < len(in); i = skipSpace(in, i) {
		v, end, err := d.Decode(in, i)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
		i = end
	}
	want := []any{json.Number("1"), "two", []any{json.Number("3")}, map[string]any{"four": json.Number("4")}, nil}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestParseValue(t *testing.T) {
	if v, err := ParseValue(` {"a":1.50} `); err != nil || !reflect.DeepEqual(v, map[string]any{"a": json.Number("1.50")}) {
		t.Errorf("got %#v, %v", v, err)
	}
	for _, in := range []string{``, `1 2`, `{`} {
		if _, err := ParseValue(in); err == nil {
			t.Errorf("%q: accepted", in)
		}
	}
}

// FuzzDecode: the decoder accepts exactly what encoding/json accepts, but
// the numbers past MaxIntegerDigits, and decodes it to the same value.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e3,"x\u00e9",null,true]}`, `"\ud83d\ude00"`, `[{"a":1,"a":2}]`, "\"\xff\"", `-0.0e-0`,
		"[" + strings.Repeat("9", MaxIntegerDigits+1) + "]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, werr := stdDecode(data)
		valid := werr == nil && json.Valid(data)
		var d Decoder
		got, end, err := d.Decode(string(data), 0)
		ok := err == nil && len(bytes.TrimLeft(data[end:], " \t\r\n")) == 0
		if err != nil && strings.HasPrefix(err.Msg, "number too long") {
			if !hasLongDigitRun(data) {
				t.Fatalf("%q: %v", data, err)
			}
			return
		}
		if ok != valid {
			t.Fatalf("%q: decoder ok=%v, encoding/json ok=%v (%v, %v)", data, ok, valid, err, werr)
		}
		if ok && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %#v, want %#v", data, got, want)
		}
	})
}
