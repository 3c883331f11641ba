package render

import "testing"

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0 events"},
		{1, "1 event"},
		{2, "2 events"},
		{-1, "-1 events"},
	}
	for _, tt := range tests {
		if got := Count(tt.n, "event", "events"); got != tt.want {
			t.Errorf("Count(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
