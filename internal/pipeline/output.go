package pipeline

import (
	"io"

	"github.com/csmctl/csmctl/internal/input"
)

// Output is what a worker makes of a batch for the terminal: bytes for
// standard output and, in order between them, the selected events (for
// --limit) and the problems to report on standard error.
type Output struct {
	Out []byte
	// Invalid counts problems already written into Out (validate's
	// findings): they make the run's status 1 as reported ones do.
	Invalid int
	marks   []mark
}

// mark is, at an offset of Output.Out, the end of a selected event's output
// or a problem to report there.
type mark struct {
	end     int
	problem string // "" for a selected event
}

// Selected marks the end of a selected event's output: --limit counts it.
func (o *Output) Selected() { o.marks = append(o.marks, mark{end: len(o.Out)}) }

// Problem records a problem with the event at pos, reported in order with
// the output and counted as a data problem.
func (o *Output) Problem(pos input.Position, msg string) {
	o.Failed(pos.String() + ": " + msg)
}

// Failed records a problem whose message names its place already (an
// *input.ValueError's).
func (o *Output) Failed(msg string) {
	o.marks = append(o.marks, mark{end: len(o.Out), problem: msg})
}

// Emit writes a worker's output in input order: standard output up to each
// problem, then the problem; it counts the problems, and stops after the
// --limit-th selected event, returning an error that ends Run quietly.
func (p *Pipeline) Emit(out io.Writer, o *Output) error {
	p.Tally.Problems += o.Invalid
	start := 0 // o.Out[start:] is not written yet
	flush := func(end int) error {
		if end == start {
			return nil
		}
		_, err := out.Write(o.Out[start:end])
		start = end
		return err
	}
	for _, m := range o.marks {
		if m.problem != "" {
			if err := flush(m.end); err != nil {
				return err
			}
			p.Report(m.problem)
			p.Tally.Problems++
			continue
		}
		p.Take()
		if p.Done() {
			if err := flush(m.end); err != nil {
				return err
			}
			return errLimit
		}
	}
	return flush(len(o.Out))
}
