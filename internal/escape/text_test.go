package escape

import (
	"fmt"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{`C:\Windows\System32\cmd.exe /c "dir"`, `C:\Windows\System32\cmd.exe /c "dir"`},
		{"title\x1b]0;pwned\x07", `title\x1b]0;pwned\x07`},
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", `\x1b]8;;http://evil\x1b\click\x1b]8;;\x1b\`},
		{"line1\nline2\r\tx", `line1\nline2\r\tx`},
		{"\u202egpj.exe", `\u202egpj.exe`},
		{"\u009b31m", `\u009b31m`},
		{"a\u2028b\u2066c\ufeff", `a\u2028b\u2066c\ufeff`},
		{"caf\xc3", `caf\xc3`},
		{"\xff\xfe", `\xff\xfe`},
		{"naïve 日本 🙂", "naïve 日本 🙂"},
		{"del\x7f", `del\x7f`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(AppendText([]byte("pre:"), tt.in)); got != "pre:"+tt.want {
			t.Errorf("AppendText(%q) = %q, want %q", tt.in, got, "pre:"+tt.want)
		}
	}
}

// safeForTerminal reports whether s holds nothing a terminal acts on.
func safeForTerminal(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || unsafeRune(r) {
			return false
		}
	}
	return true
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred", "\u202e", "\xff", "\u0085", "a\\x1b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		if !safeForTerminal(got) {
			t.Fatalf("Text(%q) = %q is not safe", s, got)
		}
		if safeForTerminal(s) && got != s {
			t.Fatalf("Text(%q) = %q changed a safe string", s, got)
		}
		if len(got) < len(s) {
			t.Fatalf("Text(%q) = %q dropped bytes", s, got)
		}
	})
}

// TestTextInvisible checks every character that shows as nothing, or
// as a blank, or reorders text: each must come out as an escape, in text
// and in JSON, so that cmd\u200b.exe never passes for cmd.exe.
func TestTextInvisible(t *testing.T) {
	ranges := []struct {
		lo, hi rune
		what   string
	}{
		{0x00ad, 0x00ad, "soft hyphen"},
		{0x034f, 0x034f, "combining grapheme joiner"},
		{0x061c, 0x061c, "Arabic letter mark"},
		{0x115f, 0x1160, "Hangul choseong and jungseong fillers"},
		{0x180e, 0x180e, "Mongolian vowel separator"},
		{0x200b, 0x200d, "zero-width space, non-joiner, joiner"},
		{0x200e, 0x200f, "bidi marks"},
		{0x2028, 0x2029, "line and paragraph separators"},
		{0x202a, 0x202e, "bidi embeddings and overrides"},
		{0x2060, 0x2064, "word joiner, invisible operators"},
		{0x2066, 0x2069, "bidi isolates"},
		{0x3164, 0x3164, "Hangul filler"},
		{0xfeff, 0xfeff, "zero-width no-break space"},
		{0xffa0, 0xffa0, "halfwidth Hangul filler"},
		{0xfff9, 0xfffb, "interlinear annotation marks"},
		{0xe0000, 0xe007f, "tag characters"},
	}
	for _, rg := range ranges {
		for r := rg.lo; r <= rg.hi; r++ {
			in := "cmd" + string(r) + ".exe"
			want := fmt.Sprintf(`cmd\u%04x.exe`, r)
			wantJSON := want
			if r > 0xffff {
				want = fmt.Sprintf(`cmd\U%08x.exe`, r)
				hi, lo := utf16.EncodeRune(r)
				wantJSON = fmt.Sprintf(`cmd\u%04x\u%04x.exe`, hi, lo)
			}
			if got := Text(in); got != want {
				t.Errorf("%s: Text(%q) = %q, want %q", rg.what, in, got, want)
			}
			if got := string(AppendJSONString(nil, in, Terminal)); got != `"`+wantJSON+`"` {
				t.Errorf("%s: AppendJSONString(%q) = %s, want %q", rg.what, in, got, `"`+wantJSON+`"`)
			}
			if got := string(AppendCompactJSON(nil, []byte(`{"a": "`+in+`"}`), Terminal)); got != `{"a":"`+wantJSON+`"}` {
				t.Errorf("%s: AppendCompactJSON(%q) = %s", rg.what, in, got)
			}
		}
	}
	// Visible neighbours stay as they are.
	for _, s := range []string{"\u00ac\u00ae", "\u034e\u0350", "\u3163\u3165", "\U0001f600", "\u00e9"} {
		if got := Text(s); got != s {
			t.Errorf("Text(%q) = %q, want it unchanged", s, got)
		}
	}
}

// PlainPrefix stops at the first byte Text would escape or that is not
// ASCII: a control, DEL, or any byte of a multi-byte character.
func TestPlainPrefix(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"cmd.exe /c whoami", 17},
		{" ~", 2},
		{"a\x1fb", 1},
		{"ab\x7f", 2},
		{"café", 3},
		{"\x80", 0},
		{"\xff", 0},
		{"x\u202e", 1},
	} {
		if got := PlainPrefix(tt.s); got != tt.want {
			t.Errorf("PlainPrefix(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}
