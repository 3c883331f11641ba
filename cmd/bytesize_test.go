package cmd

import (
	"strings"
	"testing"
)

func TestByteSize(t *testing.T) {
	tests := []struct {
		in   string
		want int // 0: an error
	}{
		{"256MiB", 256 << 20}, {"64KiB", 64 << 10}, {"1GiB", 1 << 30}, {"2G", 2 << 30},
		{"300MB", 300_000_000}, {"1048576", 1 << 20}, {"10B", 10}, {" 8 KiB ", 8 << 10},
		{"0", 0}, {"-1", 0}, {"12zz", 0}, {"MiB", 0}, {"", 0}, {"99999999GiB", 0},
	}
	for _, tt := range tests {
		var n int
		err := byteSize{&n}.Set(tt.in)
		if (err != nil) != (tt.want == 0) || n != tt.want && tt.want != 0 {
			t.Errorf("Set(%q) = %d, %v; want %d", tt.in, n, err, tt.want)
		}
	}
	n := 256 << 20
	if s := (byteSize{&n}).String(); s != "256MiB" {
		t.Errorf("String() = %q, want 256MiB", s)
	}
}

// --max-record-size reaches every command: the long line is reported with
// its file and line, and the events around it still come through.
func TestMaxRecordSize(t *testing.T) {
	in := `{"agent":{"rule_id":"a"},"title":"t"}` + "\n" +
		`{"agent":{"rule_id":"b"},"title":"` + strings.Repeat("x", 3000) + `"}` + "\n" +
		`{"agent":{"rule_id":"c"},"title":"t"}` + "\n"
	for _, args := range [][]string{
		{"validate"},
		{"show", "-o", "json"},
		{"tree"},
		{"query", "-r", ".agent.rule_id"},
	} {
		out, errOut, code := run(t, in, append([]string{"--max-record-size", "1KiB"}, args...)...)
		if code != 1 || !strings.Contains(out+errOut, "<stdin>:2") || !strings.Contains(out+errOut, "more than 1024 bytes") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want line 2 reported too long", args, code, out, errOut)
		}
		if args[0] == "query" && out != "a\nc\n" {
			t.Errorf("query: %q, want the events around the long line", out)
		}
	}
}
