package query

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/itchyny/gojq"
)

func TestEncodeNumbers(t *testing.T) {
	huge, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	for _, tt := range []struct {
		v    any
		want string
	}{
		{0, "0"}, {-12, "-12"}, {1.5, "1.5"}, {1e21, "1e+21"}, {1e20, "100000000000000000000"},
		{1e-7, "1e-7"}, {1e-6, "0.000001"}, {-1.25e-10, "-1.25e-10"}, {math.Inf(1), "1.7976931348623157e+308"},
		{math.Inf(-1), "-1.7976931348623157e+308"}, {math.NaN(), "null"}, {math.Copysign(0, -1), "-0"},
		{huge, "123456789012345678901234567890"}, {json.Number("1.0"), "1.0"}, {json.Number("1E+2"), "1E+2"},
	} {
		got := string(NewEncoder(Format{Compact: true}).Append(nil, tt.v))
		if got != tt.want {
			t.Errorf("%v: got %s, want %s", tt.v, got, tt.want)
		}
		ref, _ := gojq.Marshal(tt.v)
		if got != string(ref) {
			t.Errorf("%v: got %s, gojq.Marshal %s", tt.v, got, ref)
		}
	}
}

func TestEncodeASCII(t *testing.T) {
	got := string(NewEncoder(Format{Compact: true, ASCII: true}).Append(nil, map[string]any{"é": "a\u00e9\U0001F600\x7f\n"}))
	want := `{"\u00e9":"a\u00e9\ud83d\ude00\u007f\n"}`
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// On a terminal nothing in a value may drive it: JSON strings escape C1
// controls and bidi overrides too, and raw strings are sanitized (but keep
// their line breaks and tabs).
func TestEncodeTerminal(t *testing.T) {
	hostile := "evil\x1b]0;title\x07\u202e\u0085\tend\nnext"
	js := string(NewEncoder(Format{Compact: true, Escape: true}).AppendOutput(nil, map[string]any{"k\u202e": hostile}))
	raw := string(NewEncoder(Format{Raw: true, Escape: true}).AppendOutput(nil, hostile))
	for _, out := range []string{js, raw} {
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u0085"} {
			if strings.Contains(out, bad) {
				t.Errorf("%q contains %q", out, bad)
			}
		}
	}
	if !strings.Contains(raw, "\tend\nnext") {
		t.Errorf("raw output lost its tab or line break: %q", raw)
	}
	if js != `{"k\u202e":"evil\u001b]0;title\u0007\u202e\u0085\tend\nnext"}`+"\n" {
		t.Errorf("JSON on a terminal: %s", js)
	}
}

// values decodes data and adds what gojq computes from it, so that ints,
// floats and big integers are encoded too, not only json.Number.
func fuzzValues(t *testing.T, data []byte) []any {
	var d Decoder
	v, end, err := d.Decode(string(data), 0)
	if err != nil || len(bytes.TrimSpace(data[end:])) > 0 {
		return nil
	}
	vs := []any{v}
	q, _ := gojq.Parse(`[.. | numbers | (. + 0, . * 3, -., . / 7, floor?)], [.. | strings | (explode | implode), ascii_downcase, @base64d?]`)
	code, _ := gojq.Compile(q)
	iter := code.Run(v)
	for {
		x, ok := iter.Next()
		if !ok {
			break
		}
		if _, isErr := x.(error); !isErr {
			vs = append(vs, x)
		}
	}
	return vs
}

// FuzzEncode: compact output is gojq's own Marshal, byte for byte.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{`{"b":[1,2.5e3,"x\u00e9",null,true],"a":{}}`, `"\ud83d\ude00\u007f"`, `[1e400,-0,0.1,123456789012345678901]`, "\"\xff\"", `"aGVsbG8K\u0080"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		enc := NewEncoder(Format{Compact: true})
		for _, v := range fuzzValues(t, data) {
			want, err := gojq.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if got := enc.Append(nil, v); !bytes.Equal(got, want) {
				t.Fatalf("%#v:\ngot  %s\nwant %s", v, got, want)
			}
		}
	})
}

var transcodeFormats = []Format{
	{Compact: true}, {Indent: 2}, {Indent: 0}, {Tab: true}, {Indent: 3, Colors: iostreams.NewPalette(true).JSON}, {Compact: true, ASCII: true},
	{Raw: true, Indent: 2}, {Join: true, Compact: true}, {Compact: true, Escape: true}, {Raw: true, Escape: true, Colors: iostreams.NewPalette(true).JSON},
}

// FuzzTranscode: printing `.` from the text gives the same bytes as
// decoding the value and encoding it, in every format; and it declines
// exactly the texts the decoder rejects.
func FuzzTranscode(f *testing.F) {
	for _, s := range []string{`{"b":[1,2.5e3,"x\u00e9",null,true],"a":{},"a":[]}`, `"\ud83d\ude00\u007f"`, `{"z":{"y":1,"x":[{"b":1,"a":2}]},"\u0041":0}`, "\"\xff\"", ` [ ] `, `{"a":1,"a":{"c":1,"b":2}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Decoder
		v, vend, derr := d.Decode(string(data), 0)
		for _, format := range transcodeFormats {
			enc := NewEncoder(format)
			got, end, ok := enc.AppendOutputText([]byte("prefix"), data, 0)
			if ok != (derr == nil) {
				t.Fatalf("%q %+v: transcode ok=%v, decode error %v", data, format, ok, derr)
			}
			if !ok {
				if string(got) != "prefix" {
					t.Fatalf("%q: output left behind: %q", data, got)
				}
				continue
			}
			if end != vend {
				t.Fatalf("%q %+v: transcode ends at %d, decode at %d", data, format, end, vend)
			}
			want := NewEncoder(format).AppendOutput([]byte("prefix"), v)
			if !bytes.Equal(got, want) {
				t.Fatalf("%q %+v:\ngot  %q\nwant %q", data, format, got, want)
			}
		}
	})
}

// The depth limit is the decoder's: transcode declines what it rejects.
func TestTranscodeDepthLimit(t *testing.T) {
	for _, n := range []int{maxDepth, maxDepth + 1} {
		data := []byte(strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n))
		var d Decoder
		_, _, derr := d.Decode(string(data), 0)
		_, _, ok := NewEncoder(Format{Compact: true}).AppendOutputText(nil, data, 0)
		if ok != (derr == nil) || ok != (n <= maxDepth) {
			t.Errorf("depth %d: transcode ok=%v, decode error %v", n, ok, derr)
		}
	}
}

// On a terminal, a string holding nothing a terminal acts on is written
// byte for byte as gojq writes it: \b and \f by name, DEL as \u007f.
func TestEncodeTerminalAsGojq(t *testing.T) {
	for _, s := range []string{"bs\b ff\f", "del\x7f", "nul\x00 esc\x1b", "été 日本 \U0001F600", `q" \`} {
		got := NewEncoder(Format{Compact: true, Escape: true}).Append(nil, s)
		want, _ := gojq.Marshal(s)
		if string(got) != string(want) {
			t.Errorf("%q: got %s, gojq writes %s", s, got, want)
		}
	}
}
