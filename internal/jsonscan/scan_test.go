package jsonscan

import (
	"encoding/binary"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		in       string
		end      int // index just past the number; -1: a syntax error
		integral bool
	}{
		{"0", 1, true},
		{"1", 1, true},
		{"-0", 2, true},
		{"-1", 2, true},
		{"1.0", 3, true},
		{"1.000", 5, true},
		{"1e3", 3, true},
		{"1E+2", 4, true},
		{"1e-0", 4, true},
		{"1.5e1", 5, true},    // 15
		{"150e-1", 6, true},   // 15
		{"100e-2", 6, true},   // 1
		{"100.0e-2", 8, true}, // 1.000
		{"0.1e1", 5, true},    // 1
		{"0.10e1", 6, true},   // 1.0
		{"12300e-2", 8, true}, // 123
		{"0e-5", 4, true},     // 0
		{"-0.0e-5", 7, true},  // 0
		{"0.000", 5, true},    // 0
		{"1e400", 5, true},    // beyond float64, still whole
		{"0.5e99999999999999999999", 24, true},
		{"123456789012345678901234567890", 30, true},
		{"1.5", 3, false},
		{"-1.5", 4, false},
		{"1e-1", 4, false},
		{"0.01e1", 6, false},   // 0.1
		{"0.10", 4, false},     // 0.1
		{"10.5", 4, false},     // the integer part's zero must not count
		{"1.0e-1", 6, false},   // 0.1
		{"12300e-3", 8, false}, // 12.3
		{"1e-400", 6, false},
		{"1e-99999999999999999999", 23, false},
		{"123456789012345678901234567890.5", 32, false},
		// The number ends where the grammar ends; the caller judges what follows.
		{"01", 1, true},
		{"-01", 2, true},
		{"00", 1, true},
		{"1,", 1, true},
		{"1.5]", 3, false},
		{"2e1}", 3, true},
		// Not numbers.
		{"-", -1, false},
		{"-a", -1, false},
		{"+1", -1, false},
		{".5", -1, false},
		{"1.", -1, false},
		{"1.e1", -1, false},
		{"1e", -1, false},
		{"1e+", -1, false},
		{"1e-x", -1, false},
		{"-.5", -1, false},
	}
	for _, tt := range tests {
		end, integral, err := Number([]byte(tt.in), 0)
		if tt.end < 0 {
			if err == nil {
				t.Errorf("Number(%q) = %d, %v, nil; want a syntax error", tt.in, end, integral)
			}
			continue
		}
		if err != nil || end != tt.end || integral != tt.integral {
			t.Errorf("Number(%q) = %d, %v, %v; want %d, %v, nil", tt.in, end, integral, err, tt.end, tt.integral)
		}
	}
}

func TestNumberErrorOffset(t *testing.T) {
	tests := []struct {
		in     string
		offset int
	}{
		{"-", 1},
		{"1.", 2},
		{"1.x", 2},
		{"1e", 2},
		{"1e+", 3},
		{"1ex", 2},
		{".5", 0},
	}
	for _, tt := range tests {
		_, _, err := Number([]byte(tt.in), 0)
		if err == nil || err.Offset != tt.offset {
			t.Errorf("Number(%q) error = %v, want one at offset %d", tt.in, err, tt.offset)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		in      string
		end     int // -1: a syntax error
		escaped bool
	}{
		{`""`, 2, false},
		{`"abc"`, 5, false},
		{`"abc" trailing`, 5, false},
		{`"a\"b"`, 6, true},
		{`"\\"`, 4, true},
		{`"\/"`, 4, true},
		{`"\b\f\n\r\t"`, 12, true},
		{`"\u00e9"`, 8, true},
		{`"\uD83D\uDE00"`, 14, true},
		{`"\uABCDx"`, 9, true},
		{"\"\x7f\"", 3, false},         // DEL is not a control character for JSON
		{"\"é\"", 4, false},            // valid UTF-8: the text is the bytes
		{"\"\xe2\x82\xac\"", 5, false}, // €
		{"\"\xff\"", 3, true},          // invalid UTF-8: the text will differ
		{"\"a\xc3\"", 4, true},         // truncated sequence
		{"\"\xed\xa0\x80\"", 5, true},  // an encoded surrogate is not UTF-8
		{"\"\xc0\xaf\"", 4, true},      // overlong encoding
		{`"a`, -1, false},              // unterminated
		{`"a\`, -1, false},             // unterminated escape
		{`"\x"`, -1, false},            // unknown escape
		{`"\U0041"`, -1, false},        // \U is not an escape
		{`"\u12"`, -1, false},          // short \u escape
		{`"\u12G4"`, -1, false},        // not hex
		{`"\u123`, -1, false},          // end of input in \u escape
		{"\"a\nb\"", -1, false},        // raw control characters are forbidden
		{"\"\t\"", -1, false},
		{"\"\x00\"", -1, false},
		{"\"\x1f\"", -1, false},
	}
	for _, tt := range tests {
		end, escaped, err := String([]byte(tt.in), 0)
		if tt.end < 0 {
			if err == nil {
				t.Errorf("String(%q) = %d, %v, nil; want a syntax error", tt.in, end, escaped)
			}
			continue
		}
		if err != nil || end != tt.end || escaped != tt.escaped {
			t.Errorf("String(%q) = %d, %v, %v; want %d, %v, nil", tt.in, end, escaped, err, tt.end, tt.escaped)
		}
	}
}

func TestStringErrorOffset(t *testing.T) {
	tests := []struct {
		in     string
		offset int
	}{
		{`"abc`, 4},
		{`"ab\`, 4},
		{`"ab\q"`, 4},
		{`"\u00x0"`, 5},
		{`"\u00`, 5},
		{"\"ab\x01\"", 3},
	}
	for _, tt := range tests {
		_, _, err := String([]byte(tt.in), 0)
		if err == nil || err.Offset != tt.offset {
			t.Errorf("String(%q) error = %v, want one at offset %d", tt.in, err, tt.offset)
		}
	}
}

func TestLiteral(t *testing.T) {
	tests := []struct {
		in  string
		end int // -1: a syntax error
	}{
		{"true", 4},
		{"false", 5},
		{"null", 4},
		{"null,", 4},
		{"tru", -1},
		{"trUe", -1},
		{"fals", -1},
		{"nul", -1},
		{"nil", -1},
	}
	for _, tt := range tests {
		end, err := Literal([]byte(tt.in), 0)
		if tt.end < 0 {
			if err == nil {
				t.Errorf("Literal(%q) = %d, nil; want a syntax error", tt.in, end)
			}
			continue
		}
		if err != nil || end != tt.end {
			t.Errorf("Literal(%q) = %d, %v; want %d, nil", tt.in, end, err, tt.end)
		}
	}
}

func TestSkip(t *testing.T) {
	tests := []struct {
		in  string
		end int // -1: a syntax error
	}{
		{`1`, 1},
		{`  1  `, 3},
		{`"a" "b"`, 3},
		{`[]`, 2},
		{`{}`, 2},
		{`[ ]`, 3},
		{`{ }`, 3},
		{`[1,2,3]`, 7},
		{`[ 1 , [ 2 ] , { } ]`, 19},
		{`{"a":1,"b":[true,false,null],"c":{"d":"e"}}`, 43},
		{"{ \"a\" :\t1 ,\n\"b\"\r: 2 }", 21},
		{`[01]`, -1}, // a leading zero: the 1 cannot follow the number 0
		{`{"a":01}`, -1},
		{`[-]`, -1},
		{`[1.]`, -1},
		{`[.5]`, -1},
		{`[1e]`, -1},
		{`[`, -1},
		{`[1`, -1},
		{`[1,`, -1},
		{`[1,]`, -1},
		{`[,1]`, -1},
		{`{`, -1},
		{`{"a"`, -1},
		{`{"a":`, -1},
		{`{"a":1`, -1},
		{`{"a":1,}`, -1},
		{`{"a" 1}`, -1},
		{`{a:1}`, -1},
		{`{1:1}`, -1},
		{`{"a":1]`, -1},
		{`[1}`, -1},
		{`[1 2]`, -1},
		{``, -1},
		{`   `, -1},
		{`]`, -1},
		{`+1`, -1},
		{`'a'`, -1},
		{`nul`, -1},
	}
	for _, tt := range tests {
		end, err := Skip([]byte(tt.in), 0, 0)
		if tt.end < 0 {
			if err == nil {
				t.Errorf("Skip(%q) = %d, nil; want a syntax error", tt.in, end)
			}
			continue
		}
		if err != nil || end != tt.end {
			t.Errorf("Skip(%q) = %d, %v; want %d, nil", tt.in, end, err, tt.end)
		}
	}
}

// nested returns n arrays or objects, one inside the other, around a 1.
func nested(n int, object bool) []byte {
	open, close := "[", "]"
	if object {
		open, close = `{"a":`, "}"
	}
	return []byte(strings.Repeat(open, n) + "1" + strings.Repeat(close, n))
}

func TestSkipDepth(t *testing.T) {
	for _, object := range []bool{false, true} {
		ok := nested(MaxDepth, object)
		if end, err := Skip(ok, 0, 0); err != nil || end != len(ok) {
			t.Errorf("object=%v: Skip at depth %d = %d, %v; want %d, nil", object, MaxDepth, end, err, len(ok))
		}
		if !json.Valid(ok) {
			t.Errorf("object=%v: encoding/json rejects depth %d: MaxDepth no longer matches it", object, MaxDepth)
		}
		deep := nested(MaxDepth+1, object)
		if _, err := Skip(deep, 0, 0); err == nil || !strings.Contains(err.Msg, "depth") {
			t.Errorf("object=%v: Skip at depth %d = %v; want a depth error", object, MaxDepth+1, err)
		}
		if json.Valid(deep) {
			t.Errorf("object=%v: encoding/json accepts depth %d: MaxDepth no longer matches it", object, MaxDepth+1)
		}
		// The containers around the value count too.
		if _, err := Skip(nested(MaxDepth-4, object), 0, 5); err == nil {
			t.Errorf("object=%v: Skip of depth %d inside 5 containers succeeded; want a depth error", object, MaxDepth-4)
		}
		if _, err := Skip(nested(MaxDepth-5, object), 0, 5); err != nil {
			t.Errorf("object=%v: Skip of depth %d inside 5 containers = %v; want success", object, MaxDepth-5, err)
		}
	}
}

// TestSkipHostileDepth checks that a value far deeper than MaxDepth fails at
// the limit, fast, whatever follows it.
func TestSkipHostileDepth(t *testing.T) {
	for _, object := range []bool{false, true} {
		b := nested(200000, object)
		start := time.Now()
		end, err := Skip(b, 0, 0)
		if err == nil {
			t.Fatalf("object=%v: Skip of 200000 levels succeeded", object)
		}
		step := 1
		if object {
			step = len(`{"a":`)
		}
		if want := MaxDepth * step; end != want || err.Offset != want {
			t.Errorf("object=%v: Skip stopped at %d (offset %d), want %d: the opening bracket past the limit", object, end, err.Offset, want)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("object=%v: Skip took %v to reject 200000 levels", object, d)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct {
		in  string
		end int // -1: a syntax error
	}{
		{`"a":1`, 4},
		{`"a" : 1`, 5},
		{`"a"`, -1},
		{`"a" 1`, -1},
		{`a:1`, -1},
		{``, -1},
	}
	for _, tt := range tests {
		end, err := Key([]byte(tt.in), 0)
		if tt.end < 0 {
			if err == nil {
				t.Errorf("Key(%q) = %d, nil; want a syntax error", tt.in, end)
			}
			continue
		}
		if err != nil || end != tt.end {
			t.Errorf("Key(%q) = %d, %v; want %d, nil", tt.in, end, err, tt.end)
		}
	}
}

func TestUnquote(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"abc"`, "abc"},
		{`"a\"b\\c\/d"`, `a"b\c/d`},
		{`"\u00e9\u20AC"`, "é€"},
		{`"\uD83D\uDE00"`, "😀"},
		{`"\uD800"`, "\uFFFD"}, // a lone surrogate
		{"\"\xff\"", "\uFFFD"},
		{"\"a\xc3\"", "a\uFFFD"},
	}
	for _, tt := range tests {
		if got := Unquote([]byte(tt.in)); got != tt.want {
			t.Errorf("Unquote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDescribeByte(t *testing.T) {
	tests := []struct {
		in   byte
		want string
	}{
		{'a', "'a'"},
		{'\'', `'\''`},
		{0x00, `'\x00'`},
		{0x1b, `'\x1b'`},
		{0x7f, `'\x7f'`},
		{0xff, `'\xff'`},
	}
	for _, tt := range tests {
		if got := DescribeByte(tt.in); got != tt.want {
			t.Errorf("DescribeByte(%#x) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzSkip checks Skip against encoding/json on whether the input is exactly
// one JSON value: the input framer and the reference validator both trust
// Skip's verdict on syntax.
func FuzzSkip(f *testing.F) {
	for _, s := range []string{
		`{"a":[1,2.5e-3,"x\u00e9",true,false,null],"b":{}}`,
		`[01]`, `-`, `1.`, `1e`, `.5`, `"\ud800"`, "\"\xff\"", "\"\t\"",
		`{"a" : 1 , "b" : [ ] }`, ` 1 `, `1 2`, `[1,]`, `{"a":1,}`, `nul`,
		string(nested(3, true)), string(nested(3, false)),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		end, err := Skip(b, 0, 0)
		if err == nil && (end <= 0 || end > len(b)) {
			t.Fatalf("Skip(%q) = %d, nil: end out of range", b, end)
		}
		if err != nil && (err.Offset < 0 || err.Offset > len(b)) {
			t.Fatalf("Skip(%q) error at offset %d, out of range", b, err.Offset)
		}
		// Skip's own scalar paths agree with the general one, errors included.
		nestedEnd, nestedErr := skipNested(b, SkipSpace(b, 0), 0)
		if nestedEnd != end || (err == nil) != (nestedErr == nil) || err != nil && *err != *nestedErr {
			t.Fatalf("Skip(%q) = %d, %v; skipNested: %d, %v", b, end, err, nestedEnd, nestedErr)
		}
		ours := err == nil && SkipSpace(b, end) == len(b)
		if want := json.Valid(b); ours != want {
			t.Fatalf("Skip(%q) = %d, %v: one value: %v; json.Valid: %v", b, end, err, ours, want)
		}
	})
}

func TestInt(t *testing.T) {
	tests := []struct {
		lit  string
		want int64
		ok   bool
	}{
		{"0", 0, true}, {"-7", -7, true}, {"1.0", 1, true}, {"1e3", 1000, true}, {"150e-1", 15, true},
		{"-1.0737e9", -1073700000, true}, {"9223372036854775807", 1<<63 - 1, true},
		{"-9223372036854775808", -1 << 63, true}, {"9223372036854775808", 0, false},
		{"1.5", 0, false}, {"1e-1", 0, false}, {"1e400", 0, false}, {"x", 0, false}, {"1 ", 0, false},
	}
	for _, tt := range tests {
		if got, ok := Int([]byte(tt.lit)); got != tt.want || ok != tt.ok {
			t.Errorf("Int(%s) = %d, %v; want %d, %v", tt.lit, got, ok, tt.want, tt.ok)
		}
	}
}

// lookMask's lowest bit is the high bit of the first byte strSafe does
// not pass, and it is zero when every byte passes, whatever the bytes
// around it: every byte value, at every place of the eight, among plain
// bytes and among bytes that need a look themselves.
func TestLookMask(t *testing.T) {
	for _, fill := range []byte{'a', 0x00, 0x1f, 0x20, '"', '\\', 0x7f, 0x80, 0xff} {
		for c := range 256 {
			for at := range 8 {
				var w [8]byte
				for k := range w {
					w[k] = fill
				}
				w[at] = byte(c)
				var want uint64
				for k, b := range w {
					if !strSafe[b] {
						want = 0x80 << (8 * k)
						break
					}
				}
				if got := lookMask(binary.LittleEndian.Uint64(w[:])); got&-got != want || got&^highs != 0 {
					t.Fatalf("lookMask(% x) = %#x, want %#x", w, got, want)
				}
			}
		}
	}
}

// plainRun stops at the first byte strSafe does not pass, from any start,
// whether the literal is read as bytes (String) or as a string (Unquote):
// a byte that needs a look at every place of a word and in the tail after
// the last whole word, and none at all.
func TestPlainRun(t *testing.T) {
	for _, c := range []byte{'"', '\\', 0x00, 0x1f, 0x80, 0xff} {
		for n := range 20 {
			for at := 0; at <= n; at++ {
				b := []byte(strings.Repeat("a", n))
				want := n // none: the end
				if at < n {
					b[at] = c
					want = at
				}
				for from := 0; from <= min(at, n); from++ {
					if got := plainRun(b, from); got != want {
						t.Fatalf("plainRun(%q, %d) = %d, want %d", b, from, got, want)
					}
					if got := plainRun(string(b), from); got != want {
						t.Fatalf("plainRun(string %q, %d) = %d, want %d", b, from, got, want)
					}
				}
			}
		}
	}
}
