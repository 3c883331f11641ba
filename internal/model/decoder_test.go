package model

import "testing"

// digits takes the literals it can read exactly, and leaves the rest to
// ParseInt.
func TestDigits(t *testing.T) {
	for _, tt := range []struct {
		lit  string
		want int64
		ok   bool
	}{
		{"0", 0, true}, {"-0", 0, true}, {"42968", 42968, true}, {"-1", -1, true},
		{"999999999999999999", 999999999999999999, true}, {"-999999999999999999", -999999999999999999, true},
		{"1000000000000000000", 0, false}, // 19 digits: ParseInt's
		{"1.0", 0, false}, {"1e3", 0, false}, {"-", 0, false}, {"", 0, false},
	} {
		if got, ok := digits([]byte(tt.lit)); got != tt.want || ok != tt.ok {
			t.Errorf("digits(%q) = %d, %v; want %d, %v", tt.lit, got, ok, tt.want, tt.ok)
		}
	}
}
