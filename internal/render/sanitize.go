// Package render turns csmctl's results into what a person or a program
// reads: text lines, tables, JSON. Everything that comes from event data is
// untrusted and passes through Sanitize (for text) or AppendJSONString (for
// JSON) on its way out; only csmctl's own colour codes reach the terminal raw.
package render

import "unicode/utf8"

// Sanitize returns s made safe to print on a terminal: control characters
// (C0, DEL, C1), bidirectional overrides and isolates, line and paragraph
// separators are escaped as \xNN or \uNNNN, and bytes that are not UTF-8 as
// \xNN, so nothing in event data can move the cursor, retitle the window,
// hide text or reverse it, and nothing is silently dropped. Backslashes are
// left alone: Windows paths are full of them.
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
			dst = append(dst, '\\', 'u')
			dst = append(dst, hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
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

// unsafeRune reports the non-ASCII runes a terminal acts on or that change
// how text around them reads.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls, CSI among them
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // bidi marks
		return true
	case r >= 0x202a && r <= 0x202e: // bidi embeddings and overrides
		return true
	case r >= 0x2066 && r <= 0x2069: // bidi isolates
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	case r == 0xfeff: // zero-width no-break space (BOM)
		return true
	}
	return false
}
