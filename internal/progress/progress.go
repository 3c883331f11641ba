// Package progress is the progress bar of long runs on a terminal.
package progress

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Source reports how many bytes a run has read of how many (0 when the
// total is unknown): input.Reader's Progress.
type Source interface {
	Progress() (done, total int64)
}

// Bar is a progress bar on standard error, for long runs on a terminal
// only: it appears once the work has taken a while, so short runs stay
// quiet. It counts the bytes read from the inputs (compressed ones as they
// are on disk) against their size, or, when that is unknown (a pipe), shows
// the bytes read and the rate alone. A nil *Bar is no bar.
type Bar struct {
	w     io.Writer
	tty   bool
	label string
	after time.Duration // shown once the run has taken this long
	src   Source
	start time.Time
	bar   *progressbar.ProgressBar // nil when not on a terminal, or not running
	shown *gatedWriter
}

// New makes a bar labelled with what is being done ("validating"), to be
// written to w once the run has taken after, and only if tty says w is a
// terminal. It shows nothing until Start.
func New(w io.Writer, tty bool, label string, after time.Duration) *Bar {
	return &Bar{w: w, tty: tty, label: label, after: after}
}

// Start starts the bar's clock, on the bytes src reads.
func (b *Bar) Start(src Source) {
	if b == nil {
		return
	}
	b.src, b.start = src, time.Now()
	if !b.tty {
		return
	}
	// The bar starts with the run, unseen, so that its rate is the run's:
	// one started late would count everything read so far as done at once.
	b.shown = &gatedWriter{w: b.w}
	_, total := src.Progress()
	if total == 0 {
		total = -1 // unknown: a spinner, the bytes read and the rate
	}
	b.bar = progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(b.shown),
		progressbar.OptionSetDescription(b.label),
		progressbar.OptionShowBytes(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
		// The spinner turns as bytes come, not on a timer: a timer's
		// goroutine would write to stderr beside the command's messages.
		progressbar.OptionSetSpinnerChangeInterval(0),
	)
	_ = b.bar.Set64(0) // starts its clock
}

// Update moves the bar to the bytes read so far.
func (b *Bar) Update() {
	if b == nil || b.bar == nil {
		return
	}
	if !b.shown.open && time.Since(b.start) >= b.after {
		b.shown.open = true
	}
	done, _ := b.src.Progress()
	_ = b.bar.Set64(done)
}

// Clear wipes the bar before other output is written, so lines never mix.
func (b *Bar) Clear() {
	if b != nil && b.bar != nil {
		_ = b.bar.Clear()
	}
}

// Finish ends the bar and wipes it; what is written after is left alone.
func (b *Bar) Finish() {
	if b != nil && b.bar != nil {
		_ = b.bar.Finish()
		b.bar = nil
	}
}

// gatedWriter drops what is written to it until it is opened.
type gatedWriter struct {
	w    io.Writer
	open bool
}

func (g *gatedWriter) Write(b []byte) (int, error) {
	if !g.open {
		return len(b), nil
	}
	return g.w.Write(b)
}
