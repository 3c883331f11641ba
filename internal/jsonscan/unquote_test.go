package jsonscan

import (
	"encoding/json"
	"testing"
)

// FuzzUnquote: on every valid string literal, Unquote decodes as
// encoding/json does (escapes, surrogate pairs, U+FFFD for bad bytes).
func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`"plain"`, `"a\u00e9\n\"\\"`, `"\ud83d\ude00"`, `"\ud800x"`, "\"\xff\xfe\"", `"\/\b\f\r\t"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, lit []byte) {
		var want string
		if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' || json.Unmarshal(lit, &want) != nil {
			return // Unquote takes a literal alone, without whitespace
		}
		if got := Unquote(lit); got != want {
			t.Fatalf("Unquote(%q) = %q, encoding/json %q", lit, got, want)
		}
	})
}
