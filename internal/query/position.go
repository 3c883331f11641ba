package query

import (
	"strings"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// lineAt finds the line of src holding the 1-based byte offset, as gojq
// shows it under an error: at most 64 bytes of it around the offset, the
// line number, and the column of the offset in terminal cells once the line
// is escaped for the terminal.
func lineAt(src string, offset int) (text string, line, column int) {
	start := 0
	for src != "" {
		i := strings.IndexAny(src, "\r\n")
		var l, rest string
		next := 0
		if i < 0 {
			l, rest, next = src, "", len(src)
		} else {
			l, rest = src[:i], src[i+1:]
			next = i + 1
			if src[i] == '\r' && strings.HasPrefix(rest, "\n") {
				rest = rest[1:]
				next++
			}
		}
		line++
		text = l
		if offset <= start+len(l)+1 {
			offset -= start
			break
		}
		start += next
		src = rest
	}
	offset = min(max(offset-1, 0), len(text))
	if offset > 48 {
		skip := len(trimLastInvalidRune(text[:offset-48]))
		text = text[skip:]
		offset -= skip
	}
	text = trimLastInvalidRune(text[:min(64, len(text))])
	if offset < len(text) {
		offset = len(trimLastInvalidRune(text[:offset]))
	} else {
		offset = len(text)
	}
	// The line is printed escaped (a tab as \t): the caret goes under
	// the offset as printed.
	return text, line, iostreams.DisplayWidth(escape.Text(text[:offset]))
}

// trimLastInvalidRune drops a rune cut in half at the end of s.
func trimLastInvalidRune(s string) string {
	for i := len(s) - 1; i >= 0 && i > len(s)-utf8.UTFMax; i-- {
		if b := s[i]; b < utf8.RuneSelf {
			return s[:i+1]
		} else if utf8.RuneStart(b) {
			if r, _ := utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError {
				return s[:i]
			}
			break
		}
	}
	return s
}
