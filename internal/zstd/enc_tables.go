package zstd

// The encoder's copies of RFC 8878's code tables (section 3.1.1.3.2.1)
// and predefined distributions (section 3.1.1.3.2.2). They are static
// data: declaring them runs no code at start-up.

// Predefined normalized distributions and their accuracy logs; -1 is a
// "less than 1" probability, which still takes one cell of the table.
var (
	encLLNorm = [36]int16{
		4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
		2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
		-1, -1, -1, -1,
	}
	encMLNorm = [53]int16{
		1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1,
		-1, -1, -1, -1, -1,
	}
	encOFNorm = [29]int16{
		1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1,
	}
)

const (
	encLLLog = 6
	encMLLog = 6
	encOFLog = 5
)

// encLLBase and encLLBits give, for each literals length code, the
// smallest length it stands for and how many extra bits follow it.
var (
	encLLBase = [36]uint32{
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
		16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096,
		8192, 16384, 32768, 65536,
	}
	encLLBits = [36]uint8{
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12,
		13, 14, 15, 16,
	}
)

// encMLBase and encMLBits are the same for match lengths (3 and more).
var (
	encMLBase = [53]uint32{
		3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
		19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
		35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
		4099, 8195, 16387, 32771, 65539,
	}
	encMLBits = [53]uint8{
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11,
		12, 13, 14, 15, 16,
	}
)

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
