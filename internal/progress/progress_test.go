package progress

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// fixed is a source that has read done bytes of total.
type fixed struct{ done, total int64 }

func (f *fixed) Progress() (int64, int64) { return f.done, f.total }

func width(n int) func() int { return func() int { return n } }

// clock is a fake time.Now that moves only when told.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestBar(w *bytes.Buffer, tty bool, label string, after time.Duration, cols int) (*Bar, *clock) {
	c := &clock{t: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	b := New(w, tty, width(cols), label, after)
	b.now = c.now
	return b, c
}

func TestBar(t *testing.T) {
	tests := []struct {
		name     string
		tty      bool
		after    time.Duration
		wantShow bool
	}{
		{"into a pipe: never", false, 0, false},
		{"on a terminal, once the run has taken long enough", true, time.Second, true},
		{"on a terminal, a short run: not yet", true, time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w bytes.Buffer
			src := &fixed{total: 1000}
			b, c := newTestBar(&w, tt.tty, "validating", tt.after, 80)
			b.Clear() // before Start: a problem reported while the run starts
			b.Start(src)
			src.done = 500
			c.advance(2 * time.Second)
			b.Update()
			if got := strings.Contains(w.String(), "validating"); got != tt.wantShow {
				t.Errorf("shown %v, want %v: %q", got, tt.wantShow, w.String())
			}
			b.Finish()
			// After the end the bar is gone: a summary written then is
			// not preceded by a wipe.
			n := w.Len()
			b.Clear()
			c.advance(time.Second)
			b.Update()
			if w.Len() != n {
				t.Errorf("wrote %q after Finish", w.String()[n:])
			}
		})
	}
}

// What the bar writes, byte for byte, through a run: drawn, redrawn no
// more often than every 100 ms, cleared before a message (and drawn again
// no sooner), a shorter line padded over a longer one, wiped at the end.
func TestBarWrites(t *testing.T) {
	var w bytes.Buffer
	src := &fixed{total: 100e6}
	b, c := newTestBar(&w, true, "validating", time.Second, 80)
	b.Start(src)
	step := func(d time.Duration, done int64) string {
		w.Reset()
		c.advance(d)
		src.done = done
		b.Update()
		return w.String()
	}
	tests := []struct {
		name string
		got  func() string
		want string
	}{
		{"before a second", func() string { return step(900*time.Millisecond, 1e6) }, ""},
		{"after a second", func() string { return step(100*time.Millisecond, 2e6) },
			"\rvalidating   2% [                              ] 2.0 MB / 100.0 MB, 2.0 MB/s"},
		{"50 ms later: not redrawn", func() string { return step(50*time.Millisecond, 3e6) }, ""},
		{"100 ms after the drawing", func() string { return step(50*time.Millisecond, 55e6) },
			"\rvalidating  55% [===============>              ] 55.0 MB / 100.0 MB, 50.0 MB/s"},
		{"cleared", func() string { w.Reset(); b.Clear(); return w.String() },
			"\r" + strings.Repeat(" ", 78) + "\r"},
		{"not redrawn at once after a clear", func() string { return step(0, 99e6) }, ""},
		{"redrawn 100 ms after the last drawing", func() string { return step(100*time.Millisecond, 99e6) },
			"\rvalidating  99% [============================> ] 99.0 MB / 100.0 MB, 82.5 MB/s"},
		{"finished", func() string { w.Reset(); b.Finish(); return w.String() },
			"\r" + strings.Repeat(" ", 78) + "\r"},
	}
	for _, tt := range tests {
		if got := tt.got(); got != tt.want {
			t.Errorf("%s: wrote %q, want %q", tt.name, got, tt.want)
		}
	}

	// A shorter line is padded over what the longer one left.
	w.Reset()
	src = &fixed{}
	b, c = newTestBar(&w, true, "validating", 0, 80)
	b.Start(src)
	c.advance(time.Second)
	src.done = 123456
	b.Update()
	c.advance(time.Second)
	b.Update() // no new bytes: the rate halves, the line shortens, the spinner stays
	want := "\rvalidating \\ 123.5 kB, 123.5 kB/s" + "\rvalidating \\ 123.5 kB, 61.7 kB/s "
	if w.String() != want {
		t.Errorf("wrote %q, want %q", w.String(), want)
	}
}

// The line at fixed widths, wide to narrower than its label, with and
// without a total, and labels that hold what a terminal must not get raw.
func TestLineGolden(t *testing.T) {
	var out bytes.Buffer
	for _, tt := range []struct {
		label       string
		done, total int64
		elapsed     time.Duration
		turns       int
	}{
		{"validating", 0, 0, 0, 0},
		{"validating", 999, 0, time.Second, 1},
		{"validating", 42_300_000, 100_000_000, 1500 * time.Millisecond, 2},
		{"validating", 100_000_000, 100_000_000, 3 * time.Second, 3},
		{"validating", 120_000_000, 100_000_000, 3 * time.Second, 3}, // grew while read
		{"validating", 7_500_000_000_000, 0, time.Hour, 5},
		{"val\x1b[31mred\x07\u202ecaf\xff", 1000, 2000, time.Second, 0},
		{"検証中", 1000, 2000, time.Second, 0},
	} {
		for _, cols := range []int{100, 80, 60, 40, 30, 12, 1, 0} {
			b := New(nil, true, nil, tt.label, 0)
			line := appendLine(nil, b.label, tt.done, tt.total, tt.elapsed, tt.turns, cols)
			if n := iostreams.DisplayWidth(string(line)); n > max(cols-1, 0) {
				t.Errorf("%q at %d columns: %d columns wide", line, cols, n)
			}
			if bytes.ContainsFunc(line, func(r rune) bool { return r < 0x20 || r == 0x7f || r == 0x202e }) {
				t.Errorf("%q: a control character", line)
			}
			fmt.Fprintf(&out, "%3d |%s|\n", cols, line)
		}
		out.WriteByte('\n')
	}
	golden.Assert(t, filepath.Join("testdata", "line.golden"), out.Bytes())
}

func TestAppendBytes(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{
		{0, "0 B"}, {999, "999 B"}, {1000, "1.0 kB"}, {1049, "1.0 kB"}, {1050, "1.1 kB"},
		{999_949, "999.9 kB"}, {999_950, "1.0 MB"}, {42_345_678, "42.3 MB"},
		{5e12, "5.0 TB"}, {9_223_372_036_854_775_807, "9.2 EB"},
	} {
		if got := string(appendBytes(nil, tt.n)); got != tt.want {
			t.Errorf("appendBytes(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// A nil bar is no bar: a command without one calls it all the same.
func TestNilBar(t *testing.T) {
	var b *Bar
	b.Start(&fixed{})
	b.Update()
	b.Clear()
	b.Finish()
}
