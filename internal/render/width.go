package render

import (
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/iostreams"
)

// wrapCell cuts sanitized text into lines at most width columns wide. It
// breaks after a space, a path separator or punctuation when one falls in
// the last two thirds of a line, and anywhere otherwise; no character is
// dropped, so joining the lines gives the text back.
func wrapCell(s string, width int) []string {
	if width <= 0 || iostreams.DisplayWidth(s) <= width {
		return []string{s}
	}
	var lines []string
	start, w := 0, 0 // current line is s[start:i], w columns wide
	lastBreak := -1  // index just past the last good break in the current line
	breakW := 0      // width of s[start:lastBreak]
	var prev rune    // the rune before r; 0 at the start
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		rw := iostreams.RuneWidth(r)
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
		if isBreakAfter(r) && !(r == '\\' && startsEscape(s[i:])) && !startsOption(prev, r) {
			lastBreak, breakW = i, w
		}
		prev = r
	}
	return append(lines, s[start:])
}

// longestWord is how many columns the widest piece of s takes that
// wrapCell keeps on one line when it can: the text between two places it
// breaks at.
func longestWord(s string) int {
	longest, w := 0, 0
	var prev rune
	for _, r := range s {
		w += iostreams.RuneWidth(r)
		if isBreakAfter(r) && !startsOption(prev, r) {
			longest, w = max(longest, w), 0
		}
		prev = r
	}
	return max(longest, w)
}

func isBreakAfter(r rune) bool {
	switch r {
	case ' ', '\\', '/', ',', ';', '|', '-', '&':
		return true
	}
	return false
}

// startsOption reports whether r, after prev, is a dash that starts a
// command-line option (-File, --lang): it stays with the option's name.
func startsOption(prev, r rune) bool {
	return r == '-' && (prev == 0 || prev == ' ' || prev == '-')
}

// startsEscape reports whether s, just after a backslash, looks like the
// rest of an escape escape.Text wrote (\x1b, \u202e): the two stay together.
func startsEscape(s string) bool {
	return len(s) > 0 && (s[0] == 'x' || s[0] == 'u')
}
