package jsonscan

import (
	"unicode/utf16"
	"unicode/utf8"
)

// Unquote decodes a string literal (quotes included) the way encoding/json
// does: escapes resolved, invalid UTF-8 and lone surrogates replaced by
// U+FFFD. A literal that is not one is returned as it is.
func Unquote(lit []byte) string {
	if len(lit) < 2 || lit[0] != '"' {
		return string(lit)
	}
	b, end, ok := AppendUnquoted(make([]byte, 0, len(lit)), string(lit), 1)
	if !ok || end != len(lit) {
		return string(lit)
	}
	return string(b)
}

// AppendUnquoted appends the text of a string literal, decoded from s[j] on, up to its closing
// quote, as encoding/json does: escapes resolved, invalid UTF-8 and lone
// surrogates replaced by U+FFFD. It returns the index past the quote.
func AppendUnquoted(b []byte, s string, j int) ([]byte, int, bool) {
	for j < len(s) {
		c := s[j]
		switch {
		case c == '"':
			return b, j + 1, true
		case c == '\\':
			if j+1 >= len(s) {
				return b, j + 1, false
			}
			switch e := s[j+1]; e {
			case '"', '\\', '/':
				b = append(b, e)
				j += 2
			case 'b':
				b = append(b, '\b')
				j += 2
			case 'f':
				b = append(b, '\f')
				j += 2
			case 'n':
				b = append(b, '\n')
				j += 2
			case 'r':
				b = append(b, '\r')
				j += 2
			case 't':
				b = append(b, '\t')
				j += 2
			case 'u':
				r := hex4(s, j+2)
				if r < 0 {
					return b, j + 2, false
				}
				j += 6
				if utf16.IsSurrogate(r) {
					if j+1 < len(s) && s[j] == '\\' && s[j+1] == 'u' {
						if r2 := hex4(s, j+2); r2 >= 0 {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								b = utf8.AppendRune(b, dec)
								j += 6
								break
							}
						}
					}
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
			default:
				return b, j + 1, false
			}
		case c < 0x20:
			return b, j, false
		case c < utf8.RuneSelf:
			// A run of plain ASCII is copied at once: most of a path
			// between its backslashes.
			k := plainRun(s, j+1)
			b = append(b, s[j:k]...)
			j = k
		default:
			r, n := utf8.DecodeRuneInString(s[j:])
			b = utf8.AppendRune(b, r) // RuneError for an invalid byte
			j += n
		}
	}
	return b, j, false
}

// hex4 reads four hex digits at s[i], or returns -1.
func hex4(s string, i int) rune {
	if i+4 > len(s) {
		return -1
	}
	var r rune
	for k := i; k < i+4; k++ {
		v, ok := hexValue(s[k])
		if !ok {
			return -1
		}
		r = r<<4 | rune(v)
	}
	return r
}
