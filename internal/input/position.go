package input

import "strconv"

// Position is where something is in the input: a file (as the user named
// it), a 1-based line and, when it points into a line, a 1-based column in
// bytes. It is the one way csmctl writes FILE:LINE[:COL].
type Position struct {
	File string
	Line int
	Col  int // 0: the position is a whole line
}

// String writes the position as FILE:LINE, or FILE:LINE:COL when it has a
// column. The file name is as given: whoever prints it escapes it.
func (p Position) String() string {
	return string(p.Append(nil))
}

// Append appends the position as String writes it.
func (p Position) Append(dst []byte) []byte {
	dst = append(dst, p.File...)
	dst = append(dst, ':')
	dst = strconv.AppendInt(dst, int64(p.Line), 10)
	if p.Col > 0 {
		dst = append(dst, ':')
		dst = strconv.AppendInt(dst, int64(p.Col), 10)
	}
	return dst
}
