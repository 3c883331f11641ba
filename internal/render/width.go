package render

import (
	"unicode/utf8"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// displayWidth is how many terminal columns sanitized text takes. It is
// measured as tablewriter measures it, so that our alignment and its borders
// agree; ASCII, which is nearly all event text, skips the lookup.
func displayWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return twwidth.Width(s)
		}
	}
	return len(s)
}

func runeWidth(r rune) int {
	if r < utf8.RuneSelf {
		return 1
	}
	return twwidth.Width(string(r))
}

// wrapCell cuts sanitized text into lines at most width columns wide. It
// breaks after a space, a path separator or punctuation when one falls in
// the last two thirds of a line, and anywhere otherwise; no character is
// dropped, so joining the lines gives the text back.
func wrapCell(s string, width int) []string {
	if width <= 0 || displayWidth(s) <= width {
		return []string{s}
	}
	var lines []string
	start, w := 0, 0 // current line is s[start:i], w columns wide
	lastBreak := -1  // index just past the last good break in the current line
	breakW := 0      // width of s[start:lastBreak]
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		rw := runeWidth(r)
		if w+rw > width && i > start {
			cut := i
			if lastBreak > start && breakW >= width/3 {
				cut = lastBreak
			}
			lines = append(lines, s[start:cut])
			// Measure again from the cut, on a new line.
			start, i, w, lastBreak = cut, cut, 0, -1
			continue
		}
		w += rw
		i += n
		if isBreakAfter(r) && !(r == '\\' && startsEscape(s[i:])) {
			lastBreak, breakW = i, w
		}
	}
	return append(lines, s[start:])
}

func isBreakAfter(r rune) bool {
	switch r {
	case ' ', '\\', '/', ',', ';', '|', '-', '&':
		return true
	}
	return false
}

// startsEscape reports whether s, just after a backslash, looks like the
// rest of an escape Sanitize wrote (\x1b, \u202e): the two stay together.
func startsEscape(s string) bool {
	return len(s) > 0 && (s[0] == 'x' || s[0] == 'u')
}
