package manpage

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLine(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{".SH injected", `\&.SH injected`},
		{"'br injected", `\&'br injected`},
		{"  indented", `\&  indented`},
		{"a.b 'c'", "a.b 'c'"},
		{`C:\Windows\System32`, `C:\eWindows\eSystem32`},
		{`\fBbold`, `\efBbold`},
		{"--flag -x", `\-\-flag \-x`},
		{"dns…", `dns\[u2026]`},
		{"検", `\[u691C]`},
		{"😀", `\[u1F600]`},
		{"tab\there", "tab here"},
		{"bell\a esc\x1b[31m bad\xff", `bell\[uFFFD] esc\[uFFFD][31m bad\[uFFFD]`},
		{"", ""},
	} {
		if got := line(tt.in); got != tt.want {
			t.Errorf("line(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQuoted(t *testing.T) {
	if got, want := quoted(`say "hi" \ -`), `"say \(dqhi\(dq \e \-"`; got != want {
		t.Errorf("quoted = %q, want %q", got, want)
	}
}

// Whatever the text, a line written through line is text: it is not a
// request, holds no control character and no newline, and is ASCII.
func FuzzLine(f *testing.F) {
	for _, s := range []string{".TH x", "'\\\"", " \t.", "\xff\x00\n.x", "…"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := line(s)
		if strings.HasPrefix(got, ".") || strings.HasPrefix(got, "'") || strings.HasPrefix(got, " ") {
			t.Fatalf("line(%q) = %q: a request", s, got)
		}
		for i := 0; i < len(got); i++ {
			if c := got[i]; c < 0x20 || c >= 0x7f {
				t.Fatalf("line(%q) = %q: byte %#x", s, got, c)
			}
		}
		if !utf8.ValidString(got) {
			t.Fatalf("line(%q) = %q: not UTF-8", s, got)
		}
		// A backslash is always the start of an escape csmctl wrote.
		rest := got
		for {
			i := strings.IndexByte(rest, '\\')
			if i < 0 {
				break
			}
			rest = rest[i+1:]
			if !(strings.HasPrefix(rest, "e") || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "&") || strings.HasPrefix(rest, "[u")) {
				t.Fatalf("line(%q) = %q: a stray escape", s, got)
			}
		}
	})
}
