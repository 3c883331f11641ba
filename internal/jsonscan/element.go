package jsonscan

import "fmt"

// AfterElement scans what follows a member value of an object (closing
// '}') or an element of an array (closing ']') at b[i], after any
// whitespace: a comma, after which more is true and next is the index of
// the following key or element (whitespace skipped), or the closing
// bracket, after which more is false and next is just past it.
func AfterElement(b []byte, i int, closing byte) (next int, more bool, err *SyntaxError) {
	i = SkipSpace(b, i)
	switch {
	case i >= len(b):
		return i, false, &SyntaxError{i, "unexpected end of input"}
	case b[i] == ',':
		return SkipSpace(b, i+1), true, nil
	case b[i] == closing:
		return i + 1, false, nil
	case closing == '}':
		return i, false, &SyntaxError{i, fmt.Sprintf("invalid character %s after object value (expecting ',' or '}')", DescribeByte(b[i]))}
	}
	return i, false, &SyntaxError{i, fmt.Sprintf("invalid character %s after array element (expecting ',' or ']')", DescribeByte(b[i]))}
}
