package render

import "unicode/utf8"

// EscapeInvalidUTF8 rewrites each byte of a JSON text that is not UTF-8 as
// the four characters \xNN (an escaped backslash in JSON), so that decoding
// keeps it visible as Sanitize shows such bytes, where encoding/json would
// silently turn it into U+FFFD. Valid text is returned as it is. data must
// be valid JSON apart from its encoding: bytes outside strings are ASCII.
func EscapeInvalidUTF8(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	out := make([]byte, 0, len(data)+16)
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			out = append(out, '\\', '\\', 'x', hex[data[i]>>4], hex[data[i]&0xf])
		} else {
			out = append(out, data[i:i+n]...)
		}
		i += n
	}
	return out
}
