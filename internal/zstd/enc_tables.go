package zstd

// How the encoder finds the code of a length or an offset (RFC 8878
// section 3.1.1.3.2.1; the tables of what each code stands for, shared
// with the decoder, are in tables.go). Static data: declaring them runs no
// code at start-up.

// encLLSmallCode is the code of each literals length below 64; longer
// ones follow a power-of-two rule (encLLCode).
var encLLSmallCode = [64]uint8{
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	16, 16, 17, 17, 18, 18, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21,
	22, 22, 22, 22, 22, 22, 22, 22, 23, 23, 23, 23, 23, 23, 23, 23,
	24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24,
}

// encMLSmallCode is the code of each match length minus 3 below 128.
var encMLSmallCode = [128]uint8{
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
	32, 32, 33, 33, 34, 34, 35, 35, 36, 36, 36, 36, 37, 37, 37, 37,
	38, 38, 38, 38, 38, 38, 38, 38, 39, 39, 39, 39, 39, 39, 39, 39,
	40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40,
	41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41,
	42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42,
	42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42,
}

// encLLCode returns the code of a literals length (at most 131071).
func encLLCode(litLen uint32) uint8 {
	if litLen < 64 {
		return encLLSmallCode[litLen]
	}
	// From 64 on, code 25 starts at 1<<6 and each code doubles the base.
	return uint8(encHighBit(litLen)) + 19
}

// encMLCode returns the code of a match length (3 to 131074).
func encMLCode(matchLen uint32) uint8 {
	v := matchLen - 3
	if v < 128 {
		return encMLSmallCode[v]
	}
	// From 131 on, code 43 starts at 128+3 and each code doubles the base.
	return uint8(encHighBit(v)) + 36
}

// encOFCode returns the code of an Offset_Value: its highest bit, the
// bits below being the extra bits.
func encOFCode(offsetValue uint32) uint8 {
	return uint8(encHighBit(offsetValue))
}
