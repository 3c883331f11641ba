package query

import (
	"bytes"
	"errors"
	"flag"
	"os/exec"
	"strings"
	"testing"
)

var gojqBin = flag.String("gojq", "", "also compare compile-error messages with this gojq binary's")

func TestExcerptAt(t *testing.T) {
	x100 := strings.Repeat("x", 100)
	e40 := strings.Repeat("é", 40) // 80 bytes, a character at every even index
	tests := []struct {
		name   string
		src    string
		offset int // 1-based
		want   filterExcerpt
	}{
		{"empty filter", "", 1, filterExcerpt{"", 0, 0}},
		{"start", "abc", 1, filterExcerpt{"abc", 1, 0}},
		{"offset 0 is the start", "abc", 0, filterExcerpt{"abc", 1, 0}},
		{"end of input", ".a | foo(", 10, filterExcerpt{".a | foo(", 1, 9}},
		{"second line", "a\nbc\nd", 4, filterExcerpt{"bc", 2, 1}},
		{"on a line break", "ab\ncd", 3, filterExcerpt{"ab", 1, 2}},
		{"after CRLF", "ab\r\ncd", 5, filterExcerpt{"cd", 2, 0}},
		{"after a lone CR", "ab\rcd", 5, filterExcerpt{"cd", 2, 1}},
		{"past the end after a final newline", "ab\n", 10, filterExcerpt{"ab", 1, 2}},
		{"past the end of the last line", "ab\ncd", 40, filterExcerpt{"cd", 2, 2}},
		{"long line: 48 bytes before, 64 in all", x100, 81, filterExcerpt{x100[:64], 1, 48}},
		{"long line near its end", x100[:70], 71, filterExcerpt{x100[:48], 1, 48}},
		{"long line near its start", x100[:70], 11, filterExcerpt{x100[:64], 1, 10}},
		// The window would start at index 33, inside the é at 32.
		{"start not inside a character", e40 + "ab", 82, filterExcerpt{strings.Repeat("é", 24) + "ab", 1, 25}},
		// The window would end at index 64, inside the é at 63.
		{"end not inside a character", "a" + e40, 1, filterExcerpt{"a" + strings.Repeat("é", 31), 1, 0}},
		{"wide characters take two cells", "日本語 | foo(", 17, filterExcerpt{"日本語 | foo(", 1, 13}},
		{"a combining mark takes none", "e\u0301x", 4, filterExcerpt{"e\u0301x", 1, 1}},
		// The line is printed escaped: the caret counts the escapes.
		{"a tab is printed as \\t", ".a |\tfoo(", 10, filterExcerpt{".a |\tfoo(", 1, 10}},
		{"a zero-width space is printed as \\u200b", "\u200bfoo(", 8, filterExcerpt{"\u200bfoo(", 1, 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := excerptAt(tt.src, tt.offset); got != tt.want {
				t.Errorf("excerptAt(%q, %d) = %+v, want %+v", tt.src, tt.offset, got, tt.want)
			}
		})
	}
}

// With -gojq, a filter that does not parse gets gojq's message, byte for
// byte (gojq's starts with "gojq: " where csmctl's command adds "csmctl: "):
//
//	go test ./internal/query -run TestParseErrorMessageAsGojq -gojq $(which gojq)
func TestParseErrorMessageAsGojq(t *testing.T) {
	filters := []string{
		".a | foo(",
		"{",
		strings.Repeat("x", 100) + " | (",
		strings.Repeat("é", 40) + " | (",
		"日本語 | foo(",
		"1 +\n2 +\n(",
		".a\r\n| ]",
		`"` + strings.Repeat("ab", 40) + `" | .[`,
	}
	for _, f := range filters {
		_, err := Compile(Options{Filter: f})
		var ce *CompileError
		if !errors.As(err, &ce) {
			t.Fatalf("%q: got %v, want a compile error", f, err)
		}
		if !strings.HasPrefix(ce.Msg, "invalid query: ") {
			t.Errorf("%q: %q is not a parse error message", f, ce.Msg)
		}
		if *gojqBin == "" {
			continue
		}
		cmd := exec.Command(*gojqBin, "-n", f)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		cmd.Run()
		if want := strings.TrimPrefix(stderr.String(), "gojq: "); ce.Msg+"\n" != want {
			t.Errorf("%q:\n got %q\nwant %q", f, ce.Msg+"\n", want)
		}
	}
	if *gojqBin == "" {
		t.Skip("no -gojq binary given: checked only that each is a parse error")
	}
}
