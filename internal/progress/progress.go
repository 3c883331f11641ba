// Package progress is the progress bar of long runs on a terminal.
package progress

import (
	"io"
	"time"

	"github.com/csmctl/csmctl/internal/escape"
)

// Source reports how many bytes a run has read of how many (0 when the
// total is unknown): input.Reader's Progress.
type Source interface {
	Progress() (done, total int64)
}

// every is how often the bar is redrawn at most: more often is flicker and
// system calls for nothing.
const every = 100 * time.Millisecond

// Bar is a progress bar on standard error, for long runs on a terminal
// only: it appears once the work has taken a while, so short runs stay
// quiet. It counts the bytes read from the inputs (compressed ones as they
// are on disk) against their size, or, when that is unknown (a pipe), shows
// the bytes read and the rate alone. A nil *Bar is no bar.
//
// It draws only when Update is called, never from a goroutine of its own,
// so that nothing it writes can land in the middle of the command's own
// messages.
type Bar struct {
	w     io.Writer
	tty   bool
	label string // escaped
	after time.Duration
	width func() int // the terminal's columns
	now   func() time.Time

	src     Source
	start   time.Time
	running bool      // started on a terminal, not finished
	drawn   int       // columns of the line on screen, 0 for none
	last    time.Time // of the last drawing
	turns   int       // the spinner's position, when the total is unknown
	seen    int64     // bytes read at the last drawing
	buf     []byte
}

// New makes a bar labelled with what is being done ("validating"), to be
// written to w once the run has taken after, and only if tty says w is a
// terminal; width tells the terminal's columns, asked at each drawing so
// that the bar follows a resize. It shows nothing until Start.
func New(w io.Writer, tty bool, width func() int, label string, after time.Duration) *Bar {
	if width == nil {
		width = func() int { return 80 }
	}
	return &Bar{w: w, tty: tty, width: width, label: escape.Text(label), after: after, now: time.Now}
}

// Start starts the bar's clock, on the bytes src reads. The clock starts
// with the run, before the bar shows, so that the rate is the run's: one
// started late would count everything read so far as done at once.
func (b *Bar) Start(src Source) {
	if b == nil {
		return
	}
	b.src, b.start = src, b.now()
	b.running = b.tty
}

// Update redraws the bar with the bytes read so far, once the run has
// taken long enough, and not more often than every 100 ms, even after a
// Clear: a run printing findings to the terminal would otherwise draw and
// wipe it between every two of them.
func (b *Bar) Update() {
	if b == nil || !b.running {
		return
	}
	now := b.now()
	elapsed := now.Sub(b.start)
	if elapsed < b.after || (!b.last.IsZero() && now.Sub(b.last) < every) {
		return
	}
	done, total := b.src.Progress()
	if done != b.seen {
		b.turns++ // the spinner turns as bytes come, not on a timer
		b.seen = done
	}
	line := appendLine(nil, b.label, done, total, elapsed, b.turns, b.width())
	b.buf = append(b.buf[:0], '\r')
	b.buf = append(b.buf, line...)
	if n := displayWidth(line); n < b.drawn {
		b.buf = appendSpaces(b.buf, b.drawn-n) // what a longer line left
	} else {
		b.drawn = n
	}
	b.last = now
	_, _ = b.w.Write(b.buf)
}

// Clear wipes the bar before other output is written, so lines never mix;
// an Update draws it again.
func (b *Bar) Clear() {
	if b == nil || b.drawn == 0 {
		return
	}
	b.buf = append(b.buf[:0], '\r')
	b.buf = appendSpaces(b.buf, b.drawn)
	b.buf = append(b.buf, '\r')
	b.drawn = 0
	_, _ = b.w.Write(b.buf)
}

// Finish ends the bar and wipes it; what is written after is left alone.
func (b *Bar) Finish() {
	if b == nil {
		return
	}
	b.Clear()
	b.running = false
}

func appendSpaces(dst []byte, n int) []byte {
	for ; n > 0; n-- {
		dst = append(dst, ' ')
	}
	return dst
}
