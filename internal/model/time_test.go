package model

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestTimeUnmarshal(t *testing.T) {
	tests := []struct {
		in     string // JSON text
		valid  bool
		want   string // RFC 3339 with the value's own offset, when valid
		offset int    // seconds east of UTC, when valid
	}{
		{`"2025-11-03T09:00:00Z"`, true, "2025-11-03T09:00:00Z", 0},
		{`"2025-11-03T09:00:00.0079955Z"`, true, "2025-11-03T09:00:00.0079955Z", 0},
		{`"2025-11-03T10:00:00+01:00"`, true, "2025-11-03T10:00:00+01:00", 3600},
		{`"2025-11-03T03:30:00.5-05:30"`, true, "2025-11-03T03:30:00.5-05:30", -19800},
		{`"2025-11-03t09:00:00z"`, true, "2025-11-03T09:00:00Z", 0}, // RFC 3339 allows lower case
		{`"2025-11-03T09:00:00\u005A"`, true, "2025-11-03T09:00:00Z", 0},
		{`"2025-13-45 25:61:00"`, false, "", 0},
		{`"2025-11-03T09:00:00"`, false, "", 0}, // no offset
		{`"2025-11-03 09:00:00Z"`, false, "", 0},
		{`"2025-11-03T09:00:00,5Z"`, false, "", 0}, // time.Parse would take the comma
		{`"2025-11-03T24:00:00Z"`, false, "", 0},
		{`"2016-12-31T23:59:60Z"`, true, "2017-01-01T00:00:00Z", 0}, // a leap second reads as the next one
		{`"2016-12-31T18:59:60-05:00"`, true, "2016-12-31T19:00:00-05:00", -18000},
		{`"2025-11-03T09:00:60Z"`, false, "", 0}, // leap seconds are at 23:59 UTC
		{`"2024-02-29T00:00:00Z"`, true, "2024-02-29T00:00:00Z", 0},
		{`"2025-02-29T00:00:00Z"`, false, "", 0},
		{`"2025-11-03T09:00:00+24:00"`, false, "", 0}, // Go's parser would take it
		{`"2025-11-03T9:00:00Z"`, false, "", 0},
		{`"2025-11-03T09:00:00.Z"`, false, "", 0},
		{`"2025-11-03T09:00:00.1234567891Z"`, true, "2025-11-03T09:00:00.123456789Z", 0},
		{`""`, false, "", 0},
		{`{}`, false, "", 0},
		{`1762160400`, false, "", 0},
		{`true`, false, "", 0},
	}
	for _, tt := range tests {
		var got Time
		// Only a value that is not a string is an error, and it is kept
		// all the same.
		err := json.Unmarshal([]byte(tt.in), &got)
		if wantErr := tt.in[0] != '"'; wantErr != errors.As(err, new(*json.UnmarshalTypeError)) || (err != nil && !wantErr) {
			t.Errorf("Unmarshal(%s): %v, want a type error: %v", tt.in, err, wantErr)
			continue
		}
		if got.Valid() != tt.valid || got.IsZero() || got.Raw() != tt.in {
			t.Errorf("Unmarshal(%s): valid %v, zero %v, raw %s", tt.in, got.Valid(), got.IsZero(), got.Raw())
		}
		if tt.valid {
			if _, offset := got.Zone(); got.Format(time.RFC3339Nano) != tt.want || offset != tt.offset {
				t.Errorf("Unmarshal(%s) = %s (offset %d), want %s (offset %d)", tt.in, got.Format(time.RFC3339Nano), offset, tt.want, tt.offset)
			}
		} else if !got.Time.IsZero() {
			t.Errorf("Unmarshal(%s) = %v, want the zero time", tt.in, got.Time)
		}
		out, err := json.Marshal(got)
		if err != nil || string(out) != tt.in {
			t.Errorf("Marshal(Unmarshal(%s)) = %s, %v: want the input back", tt.in, out, err)
		}
	}
}

func TestTimeAbsent(t *testing.T) {
	var absent Time
	if err := json.Unmarshal([]byte("null"), &absent); err != nil {
		t.Fatal(err)
	}
	if !absent.IsZero() || absent.Valid() || absent.Raw() != "" {
		t.Errorf("null: zero %v, valid %v, raw %q", absent.IsZero(), absent.Valid(), absent.Raw())
	}
	// omitzero drops absent times, and only those.
	out, err := json.Marshal(Process{PID: IntOf(4), ExitTime: Time{raw: `"bad"`, invalid: true}})
	if want := `{"pid":4,"exit_time":"bad"}`; err != nil || string(out) != want {
		t.Errorf("Marshal = %s, %v; want %s", out, err, want)
	}
}

func TestTimeBuiltInGo(t *testing.T) {
	at := Time{Time: time.Date(2025, 11, 3, 10, 0, 0, 500, time.FixedZone("", 3600))}
	if !at.Valid() || at.IsZero() || at.Raw() != "" {
		t.Errorf("valid %v, zero %v, raw %q", at.Valid(), at.IsZero(), at.Raw())
	}
	out, err := json.Marshal(at)
	if want := `"2025-11-03T10:00:00.0000005+01:00"`; err != nil || string(out) != want {
		t.Errorf("Marshal = %s, %v; want %s", out, err, want)
	}
	if out, _ := json.Marshal(Time{}); string(out) != "null" {
		t.Errorf("Marshal(Time{}) = %s, want null", out)
	}
}

func TestTimeWritten(t *testing.T) {
	tests := []struct{ json, want string }{
		{`"2025-11-03T09:00:00.1334550Z"`, "2025-11-03T09:00:00.1334550Z"}, // trailing zero kept
		{`"2025-11-03T10:00:00+01:00"`, "2025-11-03T10:00:00+01:00"},       // offset kept
		{`"2025-11-03T09:00:00.000Z"`, "2025-11-03T09:00:00.000Z"},
		{`"2025-11-03T09:00:00\u002e5Z"`, "2025-11-03T09:00:00.5Z"}, // escaped: formatted
	}
	for _, tt := range tests {
		var tm Time
		_ = tm.UnmarshalJSON([]byte(tt.json))
		if !tm.Valid() {
			t.Fatalf("%s: not valid", tt.json)
		}
		if got := tm.Written(); got != tt.want {
			t.Errorf("Written(%s) = %q, want %q", tt.json, got, tt.want)
		}
	}
}
