package escape

import "unicode/utf8"

// JSON is how strings are escaped in JSON beyond what JSON requires. In
// every mode the quote, the backslash, the C0 controls and DEL are escaped
// (\b \f \n \r \t by name, the rest as \u00NN) and bytes that are not UTF-8
// become \ufffd, as JSON cannot carry them: the bytes gojq writes.
type JSON uint8

const (
	// JQ keeps every other character as it is, as gojq does.
	JQ JSON = iota
	// ASCII escapes every non-ASCII character, astral ones as surrogate
	// pairs, as jq -a does.
	ASCII
	// Terminal escapes the characters Text escapes (C1 controls, bidi
	// overrides, separators, invisible characters) too, for JSON bound for
	// a terminal, or read back by a person from a file.
	Terminal

	// forText keeps every character and every byte that is not UTF-8 as it
	// is, for JSON text that Text escapes next (AppendCompactText).
	forText
)

// AppendJSONString appends s as a JSON string literal escaped as mode says.
func AppendJSONString(dst []byte, s string, mode JSON) []byte {
	dst = appendStringBody(append(dst, '"'), s, mode, false)
	return append(dst, '"')
}

// appendStringBody appends the inside of a JSON string literal: s escaped
// as mode says; with written, s is already the inside of a literal and its
// escapes are kept as they are written.
func appendStringBody(dst []byte, s string, mode JSON, written bool) []byte {
	start := 0 // s[start:i] is yet to be copied
	for i := 0; i < len(s); {
		c := s[i]
		if c >= ' ' && c <= '~' && c != '"' && c != '\\' {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if written && c == '\\' {
				i += 2
				continue
			}
			dst = appendJSONByte(append(dst, s[start:i]...), c)
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 && mode != forText || mode != JQ && escapesRune(mode, r) {
			dst = appendJSONRune(append(dst, s[start:i]...), r)
			start = i + n
		}
		i += n
	}
	return append(dst, s[start:]...)
}

// escapesRune reports whether mode escapes a valid non-ASCII rune.
func escapesRune(mode JSON, r rune) bool {
	return mode == ASCII || mode == Terminal && unsafeRune(r)
}

// shortEscapes are the characters JSON escapes by name, and their names.
var shortEscapes = [utf8.RuneSelf]byte{'"': '"', '\\': '\\', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't'}

// appendJSONByte escapes an ASCII byte (c < 0x80) as gojq does.
func appendJSONByte(dst []byte, c byte) []byte {
	if name := shortEscapes[c]; name != 0 {
		return append(dst, '\\', name)
	}
	return append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
}
