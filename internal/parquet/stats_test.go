package parquet

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"
)

// A chunk's summary: NULLs, min and max in byte order for strings (long
// ones as bounds), signed order for integers, none of only NULLs.
func TestStatsSummary(t *testing.T) {
	z := strings.Repeat("z", 70)
	le := func(n int64) string { return string(binary.LittleEndian.AppendUint64(nil, uint64(n))) }
	tests := []struct {
		name    string
		kind    Kind
		strings []string
		ints    []int64
		nulls   int64
		lo, hi  string
		bounds  bool
	}{
		{"strings", String, []string{"b", "a", "\xff", "c"}, nil, 2, "a", "\xff", true},
		{"empty string is a value", String, []string{"b", ""}, nil, 0, "", "b", true},
		{"long min", String, []string{"b", "a" + z, "c"}, nil, 0, "a" + z[:63], "c", true},
		{"long max", String, []string{"b", "b" + z}, nil, 1, "b", "b" + z[:62] + "{", true},
		{"long max, no byte to round up", String, []string{"a", strings.Repeat("\x7f", 70)}, nil, 0, "", "", false},
		{"only NULLs", String, nil, nil, 3, "", "", false},
		{"ints", Int64, nil, []int64{3, -1, math.MaxInt64, math.MinInt64, 0}, 0, le(math.MinInt64), le(math.MaxInt64), true},
		{"one int", Timestamp, nil, []int64{-5}, 4, le(-5), le(-5), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s stats
			s.nulls = tt.nulls
			for _, v := range tt.strings {
				s.string(v)
			}
			for _, v := range tt.ints {
				s.int64(v)
			}
			sum := s.summary(tt.kind)
			if sum.nulls != tt.nulls || sum.bounds != tt.bounds || tt.bounds && (string(sum.lo) != tt.lo || string(sum.hi) != tt.hi) {
				t.Errorf("%d NULLs, bounds %v: %q, %q; want %d, %v: %q, %q", sum.nulls, sum.bounds, sum.lo, sum.hi, tt.nulls, tt.bounds, tt.lo, tt.hi)
			}
		})
	}
}
