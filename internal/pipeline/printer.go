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

// maxSpareOutput is the largest output buffer PrintEvents keeps for the
// next batch; a batch of ordinary events prints a few MiB at most.
const maxSpareOutput = 8 << 20

// PrintEvents runs pr on every selected event on the workers and writes
// what it prints to out in input order. The error is out's: the problems
// with the data are in p.Tally.
func PrintEvents(p *Pipeline, out io.Writer, pr EventPrinter) error {
	// spare holds the output buffers of batches already written, for the
	// next batches: a buffer grown once to a batch's output is reused, where
	// a new one for each batch, grown by doubling, was most of what show
	// allocated. It holds as many as there can be batches in flight (see
	// input.Parallel), which is how many buffers the run ends up with.
	spare := make(chan []byte, 3*max(p.opts.Workers, 1))
	work := func(b *Batch) *Output {
		var reused []byte
		select {
		case reused = <-spare:
		default:
		}
		buf := bytes.NewBuffer(reused[:0])
		for ev := range b.Events(pr.Need) {
			pr.Print(buf, ev)
			b.Out = buf.Bytes()
			b.Selected()
		}
		b.Out = buf.Bytes() // the buffer, to be reused, even if nothing was printed
		return &b.Output
	}
	emit := func(o *Output) error {
		err := p.Emit(out, o)
		if cap(o.Out) > maxSpareOutput {
			return err // one huge record's: not worth keeping in memory
		}
		select {
		case spare <- o.Out[:0]: // written: out's Write keeps no reference
		default:
		}
		return err
	}
	return Run(p, work, emit)
}
