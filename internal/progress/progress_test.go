package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// fixed is a source that has read done bytes of total.
type fixed struct{ done, total int64 }

func (f *fixed) Progress() (int64, int64) { return f.done, f.total }

func TestBar(t *testing.T) {
	tests := []struct {
		name     string
		tty      bool
		after    time.Duration
		wantShow bool
	}{
		{"into a pipe: never", false, 0, false},
		{"on a terminal, once the run has taken long enough", true, 0, true},
		{"on a terminal, a short run: not yet", true, time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w bytes.Buffer
			src := &fixed{total: 1000}
			b := New(&w, tt.tty, "validating", tt.after)
			b.Clear() // before Start: a problem reported while the run starts
			b.Start(src)
			src.done = 500
			b.Update()
			if got := strings.Contains(w.String(), "validating"); got != tt.wantShow {
				t.Errorf("shown %v, want %v: %q", got, tt.wantShow, w.String())
			}
			b.Finish()
			// After the end the bar is gone: a summary written then is
			// not preceded by a wipe.
			n := w.Len()
			b.Clear()
			b.Update()
			if w.Len() != n {
				t.Errorf("wrote %q after Finish", w.String()[n:])
			}
		})
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
