package zstd

// Largest symbols and accuracy logs of the sequence codes (RFC 8878 3.1.1.3.2.1).
const (
	maxLiteralLengthCode = 35
	maxMatchLengthCode   = 52
	maxOffsetCode        = 31
	maxLiteralLengthLog  = 9
	maxMatchLengthLog    = 9
	maxOffsetLog         = 8
)

// codeValue is what a literal length, match length or offset code stands
// for: a baseline plus a number of extra bits read from the stream.
type codeValue struct {
	baseline uint32
	extra    uint8
}

// literalLengthCodes and matchLengthCodes are RFC 8878 3.1.1.3.2.1.1's
// tables, for the decoder and the encoder: static data, which costs
// nothing at start-up. TestCodeTables checks them against the RFC's rule
// (consecutive ranges, each 2^extra long).
var literalLengthCodes = [maxLiteralLengthCode + 1]codeValue{
	{0, 0}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}, {6, 0}, {7, 0},
	{8, 0}, {9, 0}, {10, 0}, {11, 0}, {12, 0}, {13, 0}, {14, 0}, {15, 0},
	{16, 1}, {18, 1}, {20, 1}, {22, 1}, {24, 2}, {28, 2}, {32, 3}, {40, 3},
	{48, 4}, {64, 6}, {128, 7}, {256, 8}, {512, 9}, {1024, 10}, {2048, 11}, {4096, 12},
	{8192, 13}, {16384, 14}, {32768, 15}, {65536, 16},
}

var matchLengthCodes = [maxMatchLengthCode + 1]codeValue{
	{3, 0}, {4, 0}, {5, 0}, {6, 0}, {7, 0}, {8, 0}, {9, 0}, {10, 0},
	{11, 0}, {12, 0}, {13, 0}, {14, 0}, {15, 0}, {16, 0}, {17, 0}, {18, 0},
	{19, 0}, {20, 0}, {21, 0}, {22, 0}, {23, 0}, {24, 0}, {25, 0}, {26, 0},
	{27, 0}, {28, 0}, {29, 0}, {30, 0}, {31, 0}, {32, 0}, {33, 0}, {34, 0},
	{35, 1}, {37, 1}, {39, 1}, {41, 1}, {43, 2}, {47, 2}, {51, 3}, {59, 3},
	{67, 4}, {83, 4}, {99, 5}, {131, 7}, {259, 8}, {515, 9}, {1027, 10}, {2051, 11},
	{4099, 12}, {8195, 13}, {16387, 14}, {32771, 15}, {65539, 16},
}

// offsetCodes gives Offset_Value = 2^code + code extra bits.
var offsetCodes = [maxOffsetCode + 1]codeValue{
	{1, 0}, {2, 1}, {4, 2}, {8, 3},
	{16, 4}, {32, 5}, {64, 6}, {128, 7},
	{256, 8}, {512, 9}, {1024, 10}, {2048, 11},
	{4096, 12}, {8192, 13}, {16384, 14}, {32768, 15},
	{65536, 16}, {131072, 17}, {262144, 18}, {524288, 19},
	{1048576, 20}, {2097152, 21}, {4194304, 22}, {8388608, 23},
	{16777216, 24}, {33554432, 25}, {67108864, 26}, {134217728, 27},
	{268435456, 28}, {536870912, 29}, {1073741824, 30}, {2147483648, 31},
}

// The predefined distributions (RFC 8878 3.1.1.3.2.2), -1 standing for a
// "less than 1" probability.
var (
	predefinedLiteralLengths = [maxLiteralLengthCode + 1]int16{
		4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
		2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
		-1, -1, -1, -1,
	}
	predefinedMatchLengths = [maxMatchLengthCode + 1]int16{
		1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1,
		-1, -1, -1, -1, -1,
	}
	predefinedOffsets = [29]int16{
		1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1,
	}
)

const (
	predefinedLiteralLengthLog = 6
	predefinedMatchLengthLog   = 6
	predefinedOffsetLog        = 5
)
