package jsonscan

import (
	"bytes"
	"testing"
)

// String's word-at-a-time fast path agrees with a byte-at-a-time look for
// the first byte that is not plain, and then with stringRest from there: every byte that needs a look, at
// every place of strings of every length around the word size, with and
// without bytes after the string.
func TestStringFastPathAgrees(t *testing.T) {
	looks := []byte{'"', '\\', 0x00, 0x1f, 0x7f, 0x80, 0xc3, 0xff, 'n', 'u'}
	for n := range 20 {
		for at := -1; at < n; at++ {
			for _, c := range looks {
				body := bytes.Repeat([]byte{'a'}, n)
				if at >= 0 {
					body[at] = c
				}
				for _, tail := range []string{"", `"`, `" : 1}`, `\u00e9"xxxxxxxxx`} {
					b := append(append([]byte{'"'}, body...), tail...)
					checkString(t, b)
				}
			}
		}
	}
}

// FuzzString holds String to the byte-at-a-time reference on any input.
func FuzzString(f *testing.F) {
	for _, s := range []string{`"abc"`, `"abcdefgh"`, `"abcdefghi\"j"`, `"\u00e9"`, "\"a\xffb\"", `"abc`, "\"ab\x01\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) == 0 || b[0] != '"' {
			b = append([]byte{'"'}, b...)
		}
		checkString(t, b)
	})
}

func checkString(t *testing.T, b []byte) {
	t.Helper()
	end, escaped, err := String(b, 0)
	i := 1
	for i < len(b) && strSafe[b[i]] {
		i++
	}
	var wantEnd int
	var wantEscaped bool
	var wantErr *SyntaxError
	if i < len(b) && b[i] == '"' {
		wantEnd = i + 1
	} else {
		wantEnd, wantEscaped, wantErr = stringRest(b, i)
	}
	if end != wantEnd || escaped != wantEscaped || (err == nil) != (wantErr == nil) ||
		err != nil && (err.Offset != wantErr.Offset || err.Msg != wantErr.Msg) {
		t.Fatalf("String(%q) = %d, %v, %v; want %d, %v, %v", b, end, escaped, err, wantEnd, wantEscaped, wantErr)
	}
	if err != nil {
		return
	}
	// KeyString reads the same string as String.
	key := append(append([]byte{}, b[:end]...), ':')
	strEnd, colon, keyEscaped, kerr := KeyString(key, 0)
	if kerr != nil || strEnd != end || colon != end+1 || keyEscaped != escaped {
		t.Fatalf("KeyString(%q) = %d, %d, %v, %v; want %d, %d, %v", key, strEnd, colon, keyEscaped, kerr, end, end+1, escaped)
	}
}
