package model

import (
	"fmt"
	"strings"
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

// The texts of an event's escaped literals share chunks of storage: many
// cost a few allocations, not one each, and unquoting one never changes
// the text of an earlier one.
func TestInputUnquoteSharesStorage(t *testing.T) {
	var data []byte
	var starts []int
	for k := range 300 {
		starts = append(starts, len(data))
		data = fmt.Appendf(data, `"C:\\Users\\user%d\\caf\u00e9\t%s" `, k, strings.Repeat("\xff", k%5))
	}
	unquoteAll := func() []string {
		in := &input{b: data}
		texts := make([]string, len(starts))
		for k, start := range starts {
			end, _, err := jsonscan.String(data, start)
			if err != nil {
				t.Fatal(err)
			}
			texts[k] = in.unquote(start, end)
		}
		return texts
	}
	for k, text := range unquoteAll() {
		end, _, _ := jsonscan.String(data, starts[k])
		if want := jsonscan.Unquote(data[starts[k]:end]); text != want {
			t.Errorf("literal %d: unquote = %q, want %q", k, text, want)
		}
	}
	// One for the texts slice, one for the event's text, and the chunks:
	// room is made for three times each literal's length.
	chunks := 3*len(data)/escapedChunk + 1
	if allocs, most := testing.AllocsPerRun(5, func() { unquoteAll() }), float64(chunks+2); allocs > most {
		t.Errorf("unquoting %d literals: %.0f allocations, want at most %.0f", len(starts), allocs, most)
	}
}
