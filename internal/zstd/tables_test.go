package zstd

import "testing"

// The code tables follow RFC 8878 3.1.1.3.2.1.1's rule: each code covers
// the range that starts where the one before ends, 2^extra values long;
// literal lengths from 0, match lengths from 3, every code up to 15 (31 for
// match lengths) one value; offsets are Offset_Value = 2^code + extra bits.
func TestCodeTables(t *testing.T) {
	for _, tt := range []struct {
		name    string
		codes   []codeValue
		first   uint32
		singles int
		last    uint32 // the RFC's last baseline
	}{
		{"literal length", literalLengthCodes[:], 0, 16, 65536},
		{"match length", matchLengthCodes[:], 3, 32, 65539},
	} {
		next := tt.first
		for code, c := range tt.codes {
			if c.baseline != next {
				t.Errorf("%s code %d: baseline %d, want %d", tt.name, code, c.baseline, next)
			}
			if code < tt.singles && c.extra != 0 {
				t.Errorf("%s code %d: %d extra bits, want none", tt.name, code, c.extra)
			}
			next = c.baseline + 1<<c.extra
		}
		if got := tt.codes[len(tt.codes)-1].baseline; got != tt.last {
			t.Errorf("%s: last baseline %d, want %d", tt.name, got, tt.last)
		}
	}
	for code, c := range offsetCodes {
		if c.baseline != 1<<code || int(c.extra) != code {
			t.Errorf("offset code %d: %+v", code, c)
		}
	}
	for _, d := range predefinedDistributions {
		sum := 0
		for _, p := range d.norm {
			sum += max(int(p), 1) // -1, less than 1, takes one cell
		}
		if sum != 1<<d.log {
			t.Errorf("predefined %s: %d cells, want %d", d.name, sum, 1<<d.log)
		}
	}
}

// testDistribution is a normalized distribution and its accuracy log.
type testDistribution struct {
	name string
	norm []int16
	log  uint8
}

// predefinedDistributions are RFC 8878's three, for the tests.
var predefinedDistributions = []testDistribution{
	{"literals length", predefinedLiteralLengths[:], predefinedLiteralLengthLog},
	{"match length", predefinedMatchLengths[:], predefinedMatchLengthLog},
	{"offset", predefinedOffsets[:], predefinedOffsetLog},
}
