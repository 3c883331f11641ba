package stats

import (
	"testing"
	"time"
)

func TestBucketOf(t *testing.T) {
	at := func(s string) int64 {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.Unix()
	}
	tests := []struct {
		first, last string
		want        int64 // seconds
	}{
		{"2025-11-03T09:00:00Z", "2025-11-03T09:00:00Z", 60},
		{"2025-11-03T09:00:00Z", "2025-11-03T09:23:59Z", 60},   // 24 minutes
		{"2025-11-03T09:00:00Z", "2025-11-03T09:24:00Z", 120},  // 25 minutes
		{"2025-11-03T09:00:00Z", "2025-11-03T10:40:00Z", 300},  // 21 buckets of 5
		{"2025-11-03T09:00:00Z", "2025-11-03T20:59:59Z", 1800}, // 24 half hours
		{"2025-11-03T00:00:00Z", "2025-11-03T23:59:59Z", 3600},
		{"2025-11-01T00:00:00Z", "2025-11-20T00:00:00Z", 86400},
		{"2025-01-01T00:00:00Z", "2025-03-01T00:00:00Z", 7 * 86400},
		{"2020-01-01T00:00:00Z", "2025-01-01T00:00:00Z", 80 * 86400},     // 1827 days / 23 + 1
		{"0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", 158786 * 86400}, // past a time.Duration
		{"1969-12-31T23:59:00Z", "1970-01-01T00:00:59Z", 60},             // before 1970 rounds down
	}
	for _, tt := range tests {
		first, last := at(tt.first), at(tt.last)
		b := bucketOf(first, last)
		if b != tt.want {
			t.Errorf("bucketOf(%s, %s) = %d s, want %d s", tt.first, tt.last, b, tt.want)
		}
		origin := histogramOrigin(first, b)
		if rows := floorDiv(last-origin, b) + 1; rows > maxBuckets {
			t.Errorf("bucketOf(%s, %s): %d rows", tt.first, tt.last, rows)
		}
		if origin > first || first-origin >= b {
			t.Errorf("bucketOf(%s, %s): the first row starts at %s", tt.first, tt.last, time.Unix(origin, 0).UTC())
		}
		if b > 7*day && origin != floorDiv(first, day)*day {
			t.Errorf("bucketOf(%s, %s): rows of %d days start at %s, not on the first event's day", tt.first, tt.last, b/day, time.Unix(origin, 0).UTC())
		}
	}
}

func TestFloorDivAndNames(t *testing.T) {
	for _, tt := range []struct{ a, b, want int64 }{{7, 2, 3}, {-7, 2, -4}, {-8, 2, -4}, {0, 5, 0}, {-1, 60, -1}} {
		if got := floorDiv(tt.a, tt.b); got != tt.want {
			t.Errorf("floorDiv(%d, %d) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	for b, want := range map[int64]string{60: "minute", 300: "5 minutes", 3600: "hour", 7200: "2 hours", 86400: "day", 77 * 86400: "77 days"} {
		if got := bucketName(b); got != want {
			t.Errorf("bucketName(%d) = %q, want %q", b, got, want)
		}
	}
	t0 := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{{1500 * time.Microsecond, "2ms"}, {90*time.Second + 400*time.Millisecond, "1m30s"}, {99 * 24 * time.Hour, "2376h0m0s"}, {100 * 24 * time.Hour, "100 days"}} {
		if got := spanText(t0, t0.Add(tt.d)); got != tt.want {
			t.Errorf("spanText(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
