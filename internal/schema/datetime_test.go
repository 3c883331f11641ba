package schema

import (
	"encoding/json"
	"testing"
)

// dateTimeCases are RFC 3339 date-times (section 5.6) as JSON Schema's format
// "date-time" reads them, leap seconds included.
var dateTimeCases = []struct {
	in    string
	valid bool
	// refLax marks strings the reference validator accepts although they are
	// not RFC 3339: it parses each time and offset field with strconv.Atoi,
	// which takes a sign ("+9" as an hour). Only our verdict is asserted.
	refLax bool
}{
	{"2025-11-03T09:00:00Z", true, false},
	{"2025-11-03t09:00:00z", true, false},
	{"2025-11-03T09:00:00z", true, false},
	{"2025-11-03t09:00:00Z", true, false},
	{"2025-11-03T09:00:00.5Z", true, false},
	{"2025-11-03T09:00:00.123456789Z", true, false},
	{"2025-11-03T09:00:00.000000000000000000001Z", true, false},
	{"2025-11-03T09:00:00+01:00", true, false},
	{"2025-11-03T09:00:00-05:30", true, false},
	{"2025-11-03T09:00:00.25+23:59", true, false},
	{"2025-11-03T09:00:00-00:00", true, false},
	{"2025-11-03T00:00:00Z", true, false},
	{"2025-11-03T23:59:59Z", true, false},
	{"0000-01-01T00:00:00Z", true, false},
	{"9999-12-31T23:59:59Z", true, false},

	// Leap seconds: only at 23:59:60 UTC, once the offset is applied.
	{"1998-12-31T23:59:60Z", true, false},
	{"2025-06-30T23:59:60Z", true, false},
	{"2025-06-30T23:59:60.999z", true, false},
	{"2025-06-30T22:59:60Z", false, false},
	{"2025-06-30T23:58:60Z", false, false},
	{"2025-06-30T23:59:60+01:00", false, false},
	{"2025-07-01T00:59:60+01:00", true, false},
	{"2025-06-30T22:59:60-01:00", true, false},
	{"2025-06-30T23:59:60-01:00", false, false},
	{"2025-06-30T15:59:60-08:00", true, false},
	{"2025-07-01T05:29:60+05:30", true, false},
	{"2025-06-30T23:59:61Z", false, false},

	// Calendar.
	{"2024-02-29T12:00:00Z", true, false},
	{"2000-02-29T12:00:00Z", true, false},
	{"2023-02-29T12:00:00Z", false, false},
	{"1900-02-29T12:00:00Z", false, false},
	{"2025-02-30T00:00:00Z", false, false},
	{"2025-04-31T00:00:00Z", false, false},
	{"2025-06-31T00:00:00Z", false, false},
	{"2025-09-31T00:00:00Z", false, false},
	{"2025-11-31T00:00:00Z", false, false},
	{"2025-12-31T00:00:00Z", true, false},
	{"2025-01-31T00:00:00Z", true, false},
	{"2025-00-10T00:00:00Z", false, false},
	{"2025-13-10T00:00:00Z", false, false},
	{"2025-01-00T00:00:00Z", false, false},
	{"2025-01-32T00:00:00Z", false, false},

	// Clock.
	{"2025-11-03T24:00:00Z", false, false},
	{"2025-11-03T23:60:00Z", false, false},
	{"2025-11-03T09:00:70Z", false, false},

	// Offsets.
	{"2025-11-03T09:00:00", false, false},
	{"2025-11-03T09:00:00.5", false, false},
	{"2025-11-03T09:00:00+01:60", false, false},
	{"2025-11-03T09:00:00+24:00", false, false},
	{"2025-11-03T09:00:00+0100", false, false},
	{"2025-11-03T09:00:00+01", false, false},
	{"2025-11-03T09:00:00 +01:00", false, false},
	{"2025-11-03T09:00:00UTC", false, false},
	{"2025-11-03T09:00:00ZZ", false, false},
	{"2025-11-03T09:00:00Z ", false, false},
	{"2025-11-03T09:00:00*01:00", false, false},

	// Shape.
	{"", false, false},
	{"2025-11-03", false, false},
	{"2025-11-03 09:00:00Z", false, false},
	{"2025-11-03_09:00:00Z", false, false},
	{" 2025-11-03T09:00:00Z", false, false},
	{"2025-11-03T09:00:00.Z", false, false},
	{"2025-11-03T09:00:00,5Z", false, false},
	{"2025-11-03T9:00:00Z", false, false},
	{"2025-11-03T09:00Z", false, false},
	{"25-11-03T09:00:00Z", false, false},
	{"2025/11/03T09:00:00Z", false, false},
	{"2025-1-03T09:00:00Z", false, false},
	{"20251103T090000Z", false, false},
	{"2025-11-03T09:00:00.5.5Z", false, false},
	{"２０２５-11-03T09:00:00Z", false, false},

	// Signs in numeric fields: not RFC 3339, but strconv.Atoi takes them.
	{"2025-11-03T+9:00:00Z", false, true},
	{"2025-11-03T09:+0:00Z", false, true},
	{"2025-11-03T09:00:-0Z", false, true},
	{"2025-11-03T09:00:00+01:+0", false, true},
	{"2025-11-03T09:00:00++1:00", false, true},
	{"2025-11-03T09:00:00+-0:00", false, true},
}

func TestCheckDateTime(t *testing.T) {
	for _, tt := range dateTimeCases {
		err := checkDateTime([]byte(tt.in))
		if (err == nil) != tt.valid {
			t.Errorf("checkDateTime(%q) = %v, want valid %v", tt.in, err, tt.valid)
		}
	}
}

const dateTimeSchema = `{"type":"string","format":"date-time"}`

// TestDateTimeFormat checks the format through both validators, so the
// compiled one is held to the reference on every case the reference gets right.
func TestDateTimeFormat(t *testing.T) {
	compiled, ref := validators(t, dateTimeSchema)
	for _, tt := range dateTimeCases {
		lit, _ := json.Marshal(tt.in)
		want := 0
		if !tt.valid {
			want = 1
		}
		findings := mustValidate(t, compiled, string(lit))
		if len(findings) != want {
			t.Errorf("compiled: %s: findings %v, want valid %v", lit, findings, tt.valid)
		} else if want == 1 && (findings[0].Keyword != "format" || findings[0].Path != "") {
			t.Errorf("compiled: %s: finding %+v, want a format finding at the root", lit, findings[0])
		}
		if tt.refLax {
			if refFindings := mustValidate(t, ref, string(lit)); len(refFindings) != 0 {
				t.Errorf("reference: %s: now rejected (%v): it is no longer lax here, drop refLax", lit, refFindings)
			}
			continue
		}
		if refFindings := mustValidate(t, ref, string(lit)); len(refFindings) != want {
			t.Errorf("reference: %s: findings %v, want valid %v", lit, refFindings, tt.valid)
		}
	}
}

// TestDateTimeEscaped checks that the format applies to a string's text, not
// its bytes: escapes are resolved first.
func TestDateTimeEscaped(t *testing.T) {
	compiled, ref := validators(t, dateTimeSchema)
	tests := []struct {
		lit   string
		valid bool
	}{
		{`"2025-11-03T09:00:00\u005a"`, true},  // \u005a is Z
		{`"2025-11-03\u005409:00:00Z"`, true},  // \u0054 is T
		{`"2025-11-03\u002009:00:00Z"`, false}, // a space
		{`"2025-11-03T09:00:00Z\n"`, false},
		{"\"2025-11-03T09:00:00\xff\"", false}, // invalid UTF-8 becomes U+FFFD
	}
	for _, tt := range tests {
		for _, v := range []Validator{compiled, ref} {
			findings := mustValidate(t, v, tt.lit)
			if (len(findings) == 0) != tt.valid {
				t.Errorf("compiled=%v: %s: findings %v, want valid %v", v.Compiled(), tt.lit, findings, tt.valid)
			}
		}
	}
}

// TestDateTimeOnlyStrings checks that the format constrains strings only, as
// JSON Schema formats do.
func TestDateTimeOnlyStrings(t *testing.T) {
	compiled, ref := validators(t, `{"format":"date-time"}`)
	for _, v := range []Validator{compiled, ref} {
		for _, in := range []string{`12`, `null`, `{"a":"b"}`, `["x"]`, `true`} {
			if findings := mustValidate(t, v, in); len(findings) != 0 {
				t.Errorf("compiled=%v: %s: findings %v, want none", v.Compiled(), in, findings)
			}
		}
		if findings := mustValidate(t, v, `"x"`); len(findings) != 1 {
			t.Errorf("compiled=%v: \"x\": findings %v, want one", v.Compiled(), findings)
		}
	}
}
