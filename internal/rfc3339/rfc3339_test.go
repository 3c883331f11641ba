package rfc3339

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want string // time.RFC3339Nano of the result; "" for an error
	}{
		{"2025-11-03T09:00:00Z", "2025-11-03T09:00:00Z"},
		{"2025-11-03t09:00:00z", "2025-11-03T09:00:00Z"},
		{"2025-11-03T10:00:00.0182222+01:00", "2025-11-03T10:00:00.0182222+01:00"},
		{"2025-11-03T10:00:00.1234567891-05:30", "2025-11-03T10:00:00.123456789-05:30"},
		{"2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z"},
		{"2017-01-01T00:59:60+01:00", "2017-01-01T01:00:00+01:00"},
		{"2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"},
		{"2023-02-29T00:00:00Z", ""},
		{"1900-02-29T00:00:00Z", ""},
		{"2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z"},
		{"2025-02-30T00:00:00Z", ""},
		{"2016-12-31T22:59:60Z", ""},
		{"2025-11-03 09:00:00Z", ""},
		{"2025-11-03T09:00:00", ""},
		{"2025-11-03T09:00:00.Z", ""},
		{"2025-11-03T09:00:00+01:60", ""},
		{"2025-11-03T09:00:00+1:00", ""},
		{"2025-11-03T9:00:00Z", ""},
		{"+025-11-03T09:00:00Z", ""},
		{"", ""},
		{"1762160400", ""},
	}
	for _, tt := range tests {
		got, err := Parse([]byte(tt.in))
		if tt.want == "" {
			if err == nil {
				t.Errorf("Parse(%q) = %v, want an error", tt.in, got)
			}
			if Check([]byte(tt.in)) == nil {
				t.Errorf("Check(%q) = nil, want an error", tt.in)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if s := got.Format(time.RFC3339Nano); s != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, s, tt.want)
		}
	}
}

// Check must not allocate: the validator calls it on every timestamp.
func TestCheckDoesNotAllocate(t *testing.T) {
	s := []byte("2025-11-03T10:00:00.0182222+01:00")
	if n := testing.AllocsPerRun(100, func() { _ = Check(s) }); n != 0 {
		t.Errorf("Check allocates %v times", n)
	}
}
