package query

import (
	"strings"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// A compile error shows the line of the filter it is on, but never more than
// excerptBytes of it, of which at most excerptLead come before the error:
// the bounds gojq's messages use, so that csmctl's read the same.
const (
	excerptBytes = 64
	excerptLead  = 48
)

// filterExcerpt is what a compile error shows of where it is in a filter.
type filterExcerpt struct {
	text   string // part of the line, cut between whole characters
	line   int    // 1-based; 0 for an empty filter
	column int    // terminal cells before the error in text as printed, escaped
}

// excerptAt finds the 1-based byte offset in src. Lines end at "\n", "\r\n"
// or a lone "\r". An offset at a line's end, on its line break or past the
// end of src points just after the last character of its line.
func excerptAt(src string, offset int) filterExcerpt {
	pos := offset - 1 // 0-based, and may be -1
	lineNo, lineStart := 0, 0
	text := ""
	for rest := src; rest != ""; {
		lineNo++
		text = rest
		end := strings.IndexAny(rest, "\r\n")
		if end < 0 {
			break
		}
		text, rest = rest[:end], rest[end+lineBreakLen(rest[end:]):]
		if pos <= lineStart+len(text) || rest == "" {
			break
		}
		lineStart += len(src[lineStart:]) - len(rest)
	}
	caret := min(max(pos-lineStart, 0), len(text))
	from := 0
	if caret > excerptLead {
		from = charStart(text, caret-excerptLead)
	}
	to := charStart(text, min(from+excerptBytes, len(text)))
	caret = charStart(text, min(caret, to))
	return filterExcerpt{
		text: text[from:to],
		line: lineNo,
		// The line is printed escaped (a tab as \t): the caret goes under
		// the error as printed.
		column: iostreams.DisplayWidth(escape.Text(text[from:caret])),
	}
}

// lineBreakLen is the length of the line break s starts with.
func lineBreakLen(s string) int {
	if strings.HasPrefix(s, "\r\n") {
		return 2
	}
	return 1
}

// charStart is the last index at or before i where a character of s begins,
// decoding s from its start: a cut there never splits a UTF-8 sequence (a
// byte that is not valid UTF-8 counts as one character).
func charStart(s string, i int) int {
	at := 0
	for at < i {
		_, n := utf8.DecodeRuneInString(s[at:])
		if at+n > i {
			break
		}
		at += n
	}
	return at
}
