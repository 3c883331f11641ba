package render

import "unicode/utf8"

// AppendCompactJSON appends a JSON value without its insignificant
// whitespace, as json.Compact does, and made safe for a terminal as
// AppendJSONString makes strings: DEL, C1 controls and bidirectional and
// separator runes inside strings are written as \u escapes, and invalid
// UTF-8 as \ufffd. Everything else is kept byte for byte, escapes included,
// so the value means what it meant. data must be valid JSON.
func AppendCompactJSON(dst, data []byte) []byte {
	inString := false
	start := 0 // data[start:i] is yet to be copied
	for i := 0; i < len(data); {
		c := data[i]
		if !inString {
			switch c {
			case ' ', '\t', '\n', '\r':
				dst = append(dst, data[start:i]...)
				i++
				start = i
				continue
			case '"':
				inString = true
			}
			i++
			continue
		}
		switch {
		case c == '\\':
			i += 2 // the escaped byte cannot end the string
			continue
		case c == '"':
			inString = false
			i++
			continue
		case c < 0x7f:
			i++
			continue
		case c == 0x7f:
			dst = append(dst, data[start:i]...)
			dst = append(dst, `\u007f`...)
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, data[start:i]...)
			dst = append(dst, `\ufffd`...)
		case unsafeRune(r):
			dst = append(dst, data[start:i]...)
			dst = appendJSONRuneEscape(dst, r)
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	return append(dst, data[start:]...)
}
