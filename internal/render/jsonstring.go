package render

import "unicode/utf8"

// AppendJSONString appends s as a JSON string literal that is also safe on a
// terminal: besides what JSON requires (quote, backslash, C0 controls), it
// escapes DEL, C1 controls and the bidirectional and separator runes that
// Sanitize escapes. Invalid UTF-8 becomes U+FFFD, as JSON cannot carry raw
// bytes (encoding/json does the same).
func AppendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			i++
			continue
		}
		if c < 0x80 {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += n
			start = i
			continue
		}
		if unsafeRune(r) {
			dst = append(dst, s[start:i]...)
			dst = appendJSONRuneEscape(dst, r)
			i += n
			start = i
			continue
		}
		i += n
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
