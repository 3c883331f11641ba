package export

import (
	"testing"
	"time"
)

func TestPartitionDirs(t *testing.T) {
	usec := func(s string) int64 {
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UnixMicro()
	}
	tests := []struct {
		p    Partitioning
		date string
		want string
	}{
		{NoPartition, "2025-11-03T09:12:44.5170932Z", ""},
		{ByDay, "2025-11-03T09:12:44.5170932Z", "dt=20251103"},
		{ByDay, "2025-11-03T23:59:59.999999Z", "dt=20251103"},
		{ByDay, "2025-11-04T00:00:00Z", "dt=20251104"},
		{ByDay, "2025-11-04T01:30:00+02:00", "dt=20251103"}, // UTC, not the event's offset
		{ByHour, "2025-11-03T09:12:44.5170932Z", "dt=20251103/hour=09"},
		{ByHour, "2025-11-03T09:59:59.999999Z", "dt=20251103/hour=09"},
		{ByHour, "2025-11-03T10:00:00Z", "dt=20251103/hour=10"},
		{ByHour, "2025-11-03T10:30:00-05:00", "dt=20251103/hour=15"},
		{ByHour, "1969-12-31T23:59:59.5Z", "dt=19691231/hour=23"}, // before the epoch: floor, not towards zero
		{ByHour, "0001-01-01T00:00:00Z", "dt=00010101/hour=00"},
		{ByDay, "9999-12-31T23:59:59Z", "dt=99991231"},
	}
	for _, tt := range tests {
		if got := tt.p.dir(tt.p.bucket(usec(tt.date))); got != tt.want {
			t.Errorf("%s %s: dir %q, want %q", tt.p.Name, tt.date, got, tt.want)
		}
	}
}

func TestNullPartition(t *testing.T) {
	for p, want := range map[string]string{
		"none": "",
		"day":  "dt=__HIVE_DEFAULT_PARTITION__",
		"hour": "dt=__HIVE_DEFAULT_PARTITION__/hour=__HIVE_DEFAULT_PARTITION__",
	} {
		part := map[string]Partitioning{"none": NoPartition, "day": ByDay, "hour": ByHour}[p]
		if got := part.nullDir(); got != want {
			t.Errorf("%s: %q, want %q", p, got, want)
		}
	}
}
