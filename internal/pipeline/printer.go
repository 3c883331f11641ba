package pipeline

import (
	"bytes"
	"io"
)

// EventPrinter prints each selected event on its own, and says what it
// needs decoded: the printer of a command that prints events one by one
// (show).
type EventPrinter struct {
	Need  Need
	Print func(buf *bytes.Buffer, ev *Event)
}

// PrintEvents runs pr on every selected event on the workers and writes
// what it prints to out in input order. The error is out's: the problems
// with the data are in p.Tally.
func PrintEvents(p *Pipeline, out io.Writer, pr EventPrinter) error {
	work := func(b *Batch) *Output {
		buf := bytes.NewBuffer(b.Out)
		for ev := range b.Events(pr.Need) {
			pr.Print(buf, ev)
			b.Out = buf.Bytes()
			b.Selected()
		}
		return &b.Output
	}
	return Run(p, work, func(o *Output) error { return p.Emit(out, o) })
}
