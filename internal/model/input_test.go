package model

import (
	"testing"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// input.unquote decodes string literals with escapes exactly as
// jsonscan.Unquote, which decodes as encoding/json does.
func TestInputUnquote(t *testing.T) {
	for _, lit := range []string{
		`"C:\\Windows\\System32\\cmd.exe"`, `"\\"`, `"\"quoted\""`, `"\/\b\f\n\r\t"`,
		`"caf\u00e9\\"`, `"\ud83d\ude00 \ud800 lone"`, "\"\xff\\\\\"", "\"\xe2\\n\"", `"é\\ü"`,
		`"trailing\\"`, `"\\leading"`, `"a\\\\\\b"`,
	} {
		in := &input{b: []byte(" " + lit)}
		if got, want := in.unquote(1, len(in.b)), jsonscan.Unquote([]byte(lit)); got != want {
			t.Errorf("unquote(%s) = %q, want %q", lit, got, want)
		}
	}
}
