// Package escape is how csmctl writes untrusted strings: as text for a
// terminal (Text) and as JSON (AppendJSONString, AppendCompactJSON). Every
// string from event data leaves csmctl through one of them, so that a
// character is escaped the same way wherever it is printed; only csmctl's own
// colour codes reach the terminal raw.
package escape

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Text returns s made safe to print on a terminal: control characters
// (C0, DEL, C1), bidirectional overrides and isolates, line and paragraph
// separators, and the invisible characters (zero-width spaces and joiners,
// the soft hyphen, fillers, tag characters: every format character) are
// escaped as \xNN, \uNNNN or \UNNNNNNNN, and bytes that are not UTF-8 as
// \xNN, so nothing in event data can move the cursor, retitle the window,
// hide text, reverse it or pass for other text (cmd\u200b.exe is not
// cmd.exe), and nothing is silently dropped. Backslashes are left alone:
// Windows paths are full of them.
func Text(s string) string {
	if i := PlainPrefix(s); i < len(s) {
		return string(appendText(append(make([]byte, 0, len(s)+16), s[:i]...), s, i))
	}
	return s
}

// AppendText appends Text(s) to dst.
func AppendText(dst []byte, s string) []byte {
	if i := PlainPrefix(s); i < len(s) {
		return appendText(append(dst, s[:i]...), s, i)
	}
	return append(dst, s...)
}

// AppendLines appends s as AppendText does, except that line breaks and
// tabs are kept: for text that is meant to be read as lines (jq -r).
func AppendLines(dst []byte, s string) []byte {
	for {
		i := strings.IndexAny(s, "\n\t")
		if i < 0 {
			return AppendText(dst, s)
		}
		dst = append(AppendText(dst, s[:i]), s[i])
		s = s[i+1:]
	}
}

// appendText escapes s[from:]; s[:from] is known safe and already in dst.
func appendText(dst []byte, s string, from int) []byte {
	for i := from; i < len(s); {
		c := s[i]
		if isPrintableASCII(c) {
			n := i + PlainPrefix(s[i:])
			dst = append(dst, s[i:n]...)
			i = n
			continue
		}
		if c < utf8.RuneSelf {
			dst = appendTextControl(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = appendHexByte(dst, c)
		case unsafeRune(r):
			dst = appendTextRune(dst, r)
		default:
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst
}

const hex = "0123456789abcdef"

// appendHexByte appends \xNN: how text shows a control byte without a
// name, or a byte that is not UTF-8.
func appendHexByte(dst []byte, c byte) []byte {
	return append(dst, '\\', 'x', hex[c>>4], hex[c&0xf])
}

// appendTextControl appends an ASCII control: the line break, the carriage
// return and the tab by their JSON names, as people know them; the rest,
// \b and \f among them, as \xNN.
func appendTextControl(dst []byte, c byte) []byte {
	if c == '\n' || c == '\r' || c == '\t' {
		return append(dst, '\\', shortEscapes[c])
	}
	return appendHexByte(dst, c)
}

// appendU4 appends \uNNNN for a rune of the Basic Multilingual Plane.
func appendU4(dst []byte, r rune) []byte {
	return append(dst, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
}

// appendTextRune appends r as \uNNNN, or \UNNNNNNNN past U+FFFF (as Go
// writes them), for text.
func appendTextRune(dst []byte, r rune) []byte {
	if r > 0xffff {
		return append(dst, '\\', 'U', '0', '0', hex[r>>20&0xf], hex[r>>16&0xf],
			hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
	}
	return appendU4(dst, r)
}

// appendJSONRune appends r as a JSON escape: \uNNNN, or its UTF-16
// surrogate pair past U+FFFF, as JSON has no longer escape.
func appendJSONRune(dst []byte, r rune) []byte {
	if r > 0xffff {
		hi, lo := utf16.EncodeRune(r)
		return appendU4(appendU4(dst, hi), lo)
	}
	return appendU4(dst, r)
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
