// Package render turns csmctl's results into what a person or a program
// reads: text lines, tables, JSON. Everything that comes from event data is
// untrusted and passes through Sanitize (for text) or AppendJSONString (for
// JSON) on its way out; only csmctl's own colour codes reach the terminal raw.
package render

import (
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Sanitize returns s made safe to print on a terminal: control characters
// (C0, DEL, C1), bidirectional overrides and isolates, line and paragraph
// separators, and the invisible characters (zero-width spaces and joiners,
// the soft hyphen, fillers, tag characters: every format character) are
// escaped as \xNN, \uNNNN or \UNNNNNNNN, and bytes that are not UTF-8 as
// \xNN, so nothing in event data can move the cursor, retitle the window,
// hide text, reverse it or pass for other text (cmd\u200b.exe is not
// cmd.exe), and nothing is silently dropped. Backslashes are left alone:
// Windows paths are full of them.
func Sanitize(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return string(appendSanitized(append(make([]byte, 0, len(s)+16), s[:i]...), s, i))
		}
	}
	return s
}

// AppendSanitized appends Sanitize(s) to dst.
func AppendSanitized(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return appendSanitized(append(dst, s[:i]...), s, i)
		}
	}
	return append(dst, s...)
}

// appendSanitized escapes s[from:]; s[:from] is known safe and already in dst.
func appendSanitized(dst []byte, s string, from int) []byte {
	for i := from; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			dst = append(dst, c)
			i++
			continue
		}
		if c < 0x80 {
			dst = appendControl(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, '\\', 'x', hex[c>>4], hex[c&0xf])
		case unsafeRune(r):
			dst = appendRuneEscape(dst, r)
		default:
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst
}

const hex = "0123456789abcdef"

func appendControl(dst []byte, c byte) []byte {
	switch c {
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'x', hex[c>>4], hex[c&0xf])
}

// appendRuneEscape appends r as \uNNNN, or \UNNNNNNNN past U+FFFF (as Go
// writes them), for text.
func appendRuneEscape(dst []byte, r rune) []byte {
	if r > 0xffff {
		return append(dst, '\\', 'U', '0', '0', hex[r>>20&0xf], hex[r>>16&0xf],
			hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
	}
	return append(dst, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
}

// appendJSONRuneEscape appends r as a JSON escape: \uNNNN, or its UTF-16
// surrogate pair past U+FFFF, as JSON has no longer escape.
func appendJSONRuneEscape(dst []byte, r rune) []byte {
	if r > 0xffff {
		hi, lo := utf16.EncodeRune(r)
		return appendRuneEscape(appendRuneEscape(dst, hi), lo)
	}
	return appendRuneEscape(dst, r)
}

// unsafeRune reports the non-ASCII runes a terminal acts on, that change
// how text around them reads, or that show as nothing (or as a blank) so
// that text holding them looks like other text.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls, CSI among them
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	case r < 0xad:
		return false
	case r == 0x034f: // combining grapheme joiner
		return true
	case r == 0x115f, r == 0x1160, r == 0x3164, r == 0xffa0: // Hangul fillers, drawn blank
		return true
	case r >= 0xe0000 && r <= 0xe007f: // tag characters, assigned or not
		return true
	}
	// Format characters: the soft hyphen, zero-width space, joiners and
	// word joiner, the Mongolian vowel separator, bidi marks, embeddings,
	// overrides and isolates, invisible operators, the BOM, interlinear
	// annotation marks.
	return unicode.Is(unicode.Cf, r)
}
