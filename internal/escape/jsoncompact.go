package escape

import "unsafe"

// AppendCompactJSON appends a JSON value without its insignificant
// whitespace, as json.Compact does, with its strings escaped as mode says
// (see AppendJSONString) except that the escapes they hold are kept as
// written, so the value means what it meant. data should be valid JSON;
// other text is cut of its spaces all the same, never a panic.
func AppendCompactJSON(dst, data []byte, mode JSON) []byte {
	start := 0 // data[start:i] is yet to be copied
	for i := 0; i < len(data); {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			dst = append(dst, data[start:i]...)
			i++
			start = i
		case '"':
			end := stringEnd(data, i+1)
			dst = append(dst, data[start:i+1]...)
			if end > i+1 {
				dst = appendStringBody(dst, unsafe.String(&data[i+1], end-i-1), mode, true)
			}
			i, start = end+1, end // the closing quote is copied with what follows
		default:
			i++
		}
	}
	return append(dst, data[start:]...)
}

// AppendCompactText appends a JSON value on one line for text that Text
// escapes next: compacted as AppendCompactJSON does, its strings kept byte
// for byte, so that Text shows what they hold as it shows it everywhere (a
// byte that is not UTF-8 as \xNN, not as \ufffd).
func AppendCompactText(dst, data []byte) []byte {
	return AppendCompactJSON(dst, data, forText)
}

// stringEnd is the index of the quote that ends the string starting at
// data[i], or len(data) if none does.
func stringEnd(data []byte, i int) int {
	for ; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(data)
}
