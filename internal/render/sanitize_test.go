package render

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
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
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(AppendSanitized([]byte("pre:"), tt.in)); got != "pre:"+tt.want {
			t.Errorf("AppendSanitized(%q) = %q, want %q", tt.in, got, "pre:"+tt.want)
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

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred", "\u202e", "\xff", "\u0085", "a\\x1b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Sanitize(s)
		if !safeForTerminal(got) {
			t.Fatalf("Sanitize(%q) = %q is not safe", s, got)
		}
		if safeForTerminal(s) && got != s {
			t.Fatalf("Sanitize(%q) = %q changed a safe string", s, got)
		}
		if len(got) < len(s) {
			t.Fatalf("Sanitize(%q) = %q dropped bytes", s, got)
		}
	})
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred", "\u202e", "\xff", "\"\\", "\u2028", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lit := AppendJSONString(nil, s)
		if !safeForTerminal(string(lit)) {
			t.Fatalf("AppendJSONString(%q) = %s is not safe", s, lit)
		}
		var back string
		if err := json.Unmarshal(lit, &back); err != nil {
			t.Fatalf("AppendJSONString(%q) = %s is not JSON: %v", s, lit, err)
		}
		if want := strings.ToValidUTF8(s, "\ufffd"); back != want && utf8.ValidString(s) {
			t.Fatalf("AppendJSONString(%q) decodes to %q", s, back)
		}
	})
}
