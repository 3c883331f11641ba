package escape

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/itchyny/gojq"
)

func TestAppendJSONString(t *testing.T) {
	tests := []struct {
		in                  string
		jq, ascii, terminal string
	}{
		{"plain", `"plain"`, `"plain"`, `"plain"`},
		{`q"b\`, `"q\"b\\"`, `"q\"b\\"`, `"q\"b\\"`},
		{"\b\f\n\r\t", `"\b\f\n\r\t"`, `"\b\f\n\r\t"`, `"\b\f\n\r\t"`},
		{"\x00\x1b[2J\x7f", `"\u0000\u001b[2J\u007f"`, `"\u0000\u001b[2J\u007f"`, `"\u0000\u001b[2J\u007f"`},
		{"bad \xff\xfe", `"bad \ufffd\ufffd"`, `"bad \ufffd\ufffd"`, `"bad \ufffd\ufffd"`},
		{"été 日本", `"été 日本"`, `"\u00e9t\u00e9 \u65e5\u672c"`, `"été 日本"`},
		{"\U0001F600", "\"\U0001F600\"", `"\ud83d\ude00"`, "\"\U0001F600\""},
		{"\u202egpj\u0085\u2028", "\"\u202egpj\u0085\u2028\"", `"\u202egpj\u0085\u2028"`, `"\u202egpj\u0085\u2028"`},
		{"tag\U000E0041", "\"tag\U000E0041\"", `"tag\udb40\udc41"`, `"tag\udb40\udc41"`},
		{"<&>", `"<&>"`, `"<&>"`, `"<&>"`},
		{"", `""`, `""`, `""`},
	}
	for _, tt := range tests {
		for _, m := range []struct {
			mode JSON
			want string
		}{{JQ, tt.jq}, {ASCII, tt.ascii}, {Terminal, tt.terminal}} {
			if got := string(AppendJSONString([]byte("pre:"), tt.in, m.mode)); got != "pre:"+m.want {
				t.Errorf("AppendJSONString(%q, mode %d) = %s, want %s", tt.in, m.mode, got, m.want)
			}
		}
	}
}

// decodesTo checks that lit is one JSON string holding what encoding/json
// makes of s (each byte that is not UTF-8 as U+FFFD).
func decodesTo(t *testing.T, lit []byte, s string) {
	t.Helper()
	ref, _ := json.Marshal(s)
	var want, back string
	if err := json.Unmarshal(ref, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(lit, &back); err != nil {
		t.Fatalf("%q: %s is not a JSON string: %v", s, lit, err)
	}
	if back != want {
		t.Fatalf("%q: %s decodes to %q, want %q", s, lit, back, want)
	}
}

// FuzzAppendJSONString holds the one string writer to encoding/json (valid
// JSON, same value) in every mode, to gojq's encoder byte for byte where jq
// escapes as gojq does, and to Text's promise where it escapes for a
// terminal.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred", "\u202e", "\xff", "\"\\", "\u2028", "\b\f\x7f", "\U0001F600", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		jq := AppendJSONString(nil, s, JQ)
		decodesTo(t, jq, s)
		if ref, err := gojq.Marshal(s); err != nil || !bytes.Equal(jq, ref) {
			t.Fatalf("%q: %s, gojq writes %s", s, jq, ref)
		}
		ascii := AppendJSONString(nil, s, ASCII)
		decodesTo(t, ascii, s)
		for _, c := range ascii {
			if c < 0x20 || c >= 0x7f {
				t.Fatalf("%q: ASCII wrote %s", s, ascii)
			}
		}
		term := AppendJSONString(nil, s, Terminal)
		decodesTo(t, term, s)
		if !safeForTerminal(string(term)) {
			t.Fatalf("%q: Terminal wrote %s, not safe", s, term)
		}
		if safeForTerminal(s) && !bytes.Equal(term, jq) {
			t.Fatalf("%q: Terminal wrote %s, gojq %s", s, term, jq)
		}
	})
}

func TestAppendCompactJSON(t *testing.T) {
	tests := []struct{ in, terminal, jq string }{
		{`{ "a" : [1, 2, {"b": "x y"}] }`, `{"a":[1,2,{"b":"x y"}]}`, `{"a":[1,2,{"b":"x y"}]}`},
		{"{\"a\":\"\\\" \\\\\" , \"b\" : \"\\u001b[2J\"}", `{"a":"\" \\","b":"\u001b[2J"}`, `{"a":"\" \\","b":"\u001b[2J"}`},
		{"\"raw \u202e rlo \u0085 nel\"", `"raw \u202e rlo \u0085 nel"`, "\"raw \u202e rlo \u0085 nel\""},
		{"\"del \x7f\"", `"del \u007f"`, `"del \u007f"`},
		{"\"bad \xff byte\"", `"bad \ufffd byte"`, `"bad \ufffd byte"`},
		{"\"日本語 été\"", `"日本語 été"`, `"日本語 été"`},
		{"\"ends in \\", "\"ends in \\", "\"ends in \\"}, // not JSON: kept, no panic
	}
	for _, tt := range tests {
		if got := string(AppendCompactJSON(nil, []byte(tt.in), Terminal)); got != tt.terminal {
			t.Errorf("AppendCompactJSON(%q, Terminal) = %q, want %q", tt.in, got, tt.terminal)
		}
		if got := string(AppendCompactJSON(nil, []byte(tt.in), JQ)); got != tt.jq {
			t.Errorf("AppendCompactJSON(%q, JQ) = %q, want %q", tt.in, got, tt.jq)
		}
	}
}

// FuzzAppendCompactJSON: for valid JSON, the compact text is valid JSON
// holding the same value (as csmctl decodes values: numbers as written), and json.Compact's
// bytes wherever no string needed escaping.
func FuzzAppendCompactJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2.5e3, "x\u202e", null, true]}`, "\"\xff\x7f\"", ` [ ] `, `"\ud83d\ude00"`, `{"\u0085": {}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			AppendCompactJSON(nil, data, Terminal) // must not panic
			return
		}
		want, err := decodeNumbers(data)
		if err != nil {
			t.Fatal(err)
		}
		var ref bytes.Buffer
		_ = json.Compact(&ref, data)
		for _, mode := range []JSON{JQ, ASCII, Terminal} {
			got := AppendCompactJSON(nil, data, mode)
			back, err := decodeNumbers(got)
			if err != nil {
				t.Fatalf("%q, mode %d: %q is not JSON: %v", data, mode, got, err)
			}
			if !jsonEqual(back, want) {
				t.Fatalf("%q, mode %d: %q holds %v, want %v", data, mode, got, back, want)
			}
			if mode == Terminal && !safeForTerminal(string(got)) {
				t.Fatalf("%q: Terminal wrote %q, not safe", data, got)
			}
			if mode != ASCII && safeForTerminal(string(data)) && !bytes.Equal(got, ref.Bytes()) {
				t.Fatalf("%q, mode %d: %q, json.Compact %q", data, mode, got, ref.Bytes())
			}
		}
	})
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestInvalidUTF8InJSON(t *testing.T) {
	in := []byte("{\"a\":\"ok \xff\xfe é \xc3\"}")
	out := InvalidUTF8InJSON(in)
	var v struct{ A string }
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatal(err)
	}
	if want := `ok \xff\xfe é \xc3`; v.A != want {
		t.Errorf("decoded %q, want %q", v.A, want)
	}
	valid := []byte(`{"a":"é"}`)
	if got := InvalidUTF8InJSON(valid); &got[0] != &valid[0] {
		t.Error("valid text was copied")
	}
}

// AppendCompactText leaves escaping to Text: a bad byte comes out of both
// as \xNN, as everywhere in text.
func TestAppendCompactText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{ \"pid\" : \"1\xff0\" }", `{"pid":"1\xff0"}`},
		{"[ \"\u202e\", \"a\\u0008\" ]", `["\u202e","a\u0008"]`},
		{` 1.5 `, `1.5`},
	}
	for _, tt := range tests {
		if got := Text(string(AppendCompactText(nil, []byte(tt.in)))); got != tt.want {
			t.Errorf("Text(AppendCompactText(%q)) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// decodeNumbers decodes one JSON value with its numbers as written, as
// csmctl compares values.
func decodeNumbers(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}
