package parquet

import (
	"encoding/binary"
	"unicode/utf8"
)

// statsPrefix is the most bytes a string's min or max takes in the
// statistics: longer ones are cut (a max is then rounded up), as the
// format allows bounds that are not values, so that the footer does not
// carry whole events.
const statsPrefix = 64

// stats are a chunk's statistics: NULLs, and min and max of the values
// present, ints in signed order, strings in byte-wise unsigned order.
type stats struct {
	nulls      int64
	any        bool
	minI, maxI int64
	minS, maxS string
}

func (s *stats) int64(v int64) {
	if !s.any {
		s.any, s.minI, s.maxI = true, v, v
		return
	}
	s.minI, s.maxI = min(s.minI, v), max(s.maxI, v)
}

func (s *stats) string(v string) {
	// The bounds read statsPrefix+1 bytes at most (one more tells a cut
	// string), and the prefix of a min or max is the min or max of the
	// prefixes: comparing prefixes is enough, and cheaper for long events.
	v = v[:min(len(v), statsPrefix+1)]
	if !s.any {
		s.any, s.minS, s.maxS = true, v, v
		return
	}
	if v < s.minS {
		s.minS = v
	}
	if v > s.maxS {
		s.maxS = v
	}
}

// summary is what the footer says of a chunk's values: NULLs, and min
// and max, PLAIN encoded (strings without their length), when there are
// any: none when the chunk has only NULLs, or when no short upper bound
// exists. It holds no string of the rows.
type summary struct {
	nulls  int64
	lo, hi []byte
	bounds bool
}

func (s *stats) summary(kind Kind) summary {
	sum := summary{nulls: s.nulls}
	switch {
	case !s.any:
	case kind != String:
		sum.lo = binary.LittleEndian.AppendUint64(nil, uint64(s.minI))
		sum.hi = binary.LittleEndian.AppendUint64(nil, uint64(s.maxI))
		sum.bounds = true
	default:
		sum.hi, sum.bounds = upperBound(s.maxS)
		sum.lo = []byte(lowerBound(s.minS))
	}
	return sum
}

// lowerBound is s, or a prefix of it of statsPrefix bytes at most, cut at
// the start of a character.
func lowerBound(s string) string {
	if len(s) <= statsPrefix {
		return s
	}
	n := statsPrefix
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// upperBound is s, or, when it is longer than statsPrefix, the shortest
// string above every string that starts as s does up to its last ASCII
// byte below 0x7f in its first statsPrefix bytes (that byte plus one),
// which stays UTF-8 when s is; none when there is no such byte.
func upperBound(s string) ([]byte, bool) {
	if len(s) <= statsPrefix {
		return []byte(s), true
	}
	for i := statsPrefix - 1; i >= 0; i-- {
		if s[i] < 0x7f {
			b := []byte(s[:i+1])
			b[i]++
			return b, true
		}
	}
	return nil, false
}

// reset clears the statistics for the next chunk.
func (s *stats) reset() { *s = stats{} }

// write appends the Statistics struct as field id.
func (s *summary) write(t *thriftWriter, id int16) {
	t.structField(id)
	t.i64(3, s.nulls)
	if s.bounds {
		t.binary(5, s.hi)
		t.binary(6, s.lo)
	}
	t.end()
}
