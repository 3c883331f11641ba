package zstd

import "sync"

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

// fillCodes gives codes from the first one on consecutive ranges starting
// at base, each 2^extra long: the RFC's tables are built that way.
func fillCodes(dst []codeValue, base uint32, extra ...uint8) {
	for i, e := range extra {
		dst[i] = codeValue{baseline: base, extra: e}
		base += 1 << e
	}
}

// literalLengthCodes, matchLengthCodes and offsetCodes are RFC 8878
// 3.1.1.3.2.1.1's tables, built on first use.
var literalLengthCodes = sync.OnceValue(func() *[maxLiteralLengthCode + 1]codeValue {
	var t [maxLiteralLengthCode + 1]codeValue
	for i := range 16 {
		t[i] = codeValue{baseline: uint32(i)}
	}
	fillCodes(t[16:], 16, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
	return &t
})

var matchLengthCodes = sync.OnceValue(func() *[maxMatchLengthCode + 1]codeValue {
	var t [maxMatchLengthCode + 1]codeValue
	for i := range 32 {
		t[i] = codeValue{baseline: uint32(i) + 3}
	}
	fillCodes(t[32:], 35, 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
	return &t
})

// offsetCodes gives Offset_Value = 2^code + code extra bits.
var offsetCodes = sync.OnceValue(func() *[maxOffsetCode + 1]codeValue {
	var t [maxOffsetCode + 1]codeValue
	for i := range t {
		t[i] = codeValue{baseline: 1 << i, extra: uint8(i)}
	}
	return &t
})

// The predefined distributions (RFC 8878 3.1.1.3.2.2), -1 standing for a
// "less than 1" probability.
var (
	predefinedLiteralLengths = []int16{
		4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
		2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
		-1, -1, -1, -1,
	}
	predefinedMatchLengths = []int16{
		1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1,
		-1, -1, -1, -1, -1,
	}
	predefinedOffsets = []int16{
		1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1,
	}
)

const (
	predefinedLiteralLengthLog = 6
	predefinedMatchLengthLog   = 6
	predefinedOffsetLog        = 5
)
