package escape

// PlainPrefix returns how many bytes s starts with that are printable
// ASCII (0x20 to 0x7e): the text Text leaves as it is, one terminal column
// a byte. Nearly all event text is.
func PlainPrefix(s string) int {
	i := 0
	for i < len(s) && isPrintableASCII(s[i]) {
		i++
	}
	return i
}

func isPrintableASCII(c byte) bool { return c >= 0x20 && c < 0x7f }
