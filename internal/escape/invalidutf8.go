package escape

import "unicode/utf8"

// InvalidUTF8InJSON rewrites each byte of a JSON text that is not UTF-8 as
// the four characters \xNN (an escaped backslash in JSON), so that the
// decoded string shows it as Text shows such bytes, where decoding would
// silently turn it into U+FFFD. Valid text is returned as it is. data must
// be valid JSON apart from its encoding: bytes outside strings are ASCII.
func InvalidUTF8InJSON(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	out := make([]byte, 0, len(data)+16)
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			out = appendHexByte(append(out, '\\'), data[i])
		} else {
			out = append(out, data[i:i+n]...)
		}
		i += n
	}
	return out
}
