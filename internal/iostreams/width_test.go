package iostreams

import (
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		what string
		s    string
		want int
	}{
		{"empty", "", 0},
		{"ASCII", `C:\Windows\cmd.exe /c dir`, 25},
		{"CJK wide", "日本語", 6},
		{"fullwidth", "ＡＢ", 4},
		{"Hangul", "한국", 4},
		{"Latin with accents", "été", 3},
		{"combining acute", "e\u0301", 1},
		{"enclosing circle", "a\u20dd", 1},
		{"emoji", "🙂", 2},
		{"emoji and text", "ok 👍 ok", 8},
		{"zero-width space", "a\u200bb", 2},
		{"C0 controls", "\x1b\x07", 0},
		{"DEL and C1", "\x7f\u0085", 0},
		{"escape as printed", `\x1b[31m`, 8},
		{"bidi escape as printed", `\u202egpj.exe`, 13},
	}
	for _, tt := range tests {
		if got := DisplayWidth(tt.s); got != tt.want {
			t.Errorf("%s: DisplayWidth(%q) = %d, want %d", tt.what, tt.s, got, tt.want)
		}
		// The table's text is escaped: no tab, which tablewriter gives a
		// width of its own.
		if got := twwidth.Width(tt.s); got != tt.want {
			t.Errorf("%s: tablewriter measures %q as %d, want %d", tt.what, tt.s, got, tt.want)
		}
		n := 0
		for _, r := range tt.s {
			n += RuneWidth(r)
		}
		if n != tt.want {
			t.Errorf("%s: RuneWidth over %q adds up to %d, want %d", tt.what, tt.s, n, tt.want)
		}
	}
}
