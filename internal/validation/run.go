package validation

import (
	"io"

	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/progress"
	"github.com/csmctl/csmctl/internal/schema"
)

// Options are what a run checks the events against and how it says so.
type Options struct {
	Validator schema.Validator
	Policy    schema.Policy
	Print     Printer
	Quiet     bool          // no summary
	Progress  *progress.Bar // nil for none; the pipeline clears it before it reports
}

// batch is one batch's output and counts, made by a worker.
type batch struct {
	pipeline.Output
	tally Tally
}

// Run validates every record of p, prints the verdicts with findings to
// out in input order, and, unless opts.Quiet, the summary through p's
// problem writer. The error is out's; the problems with the data are in
// p.Tally. outTTY says out is a terminal, where the bar is wiped before
// verdicts are printed so that they do not land on it.
func Run(p *pipeline.Pipeline, out io.Writer, outTTY bool, opts Options) error {
	// The validator checks each record whole, delimiting its values as it
	// goes: it needs no decoded event.
	work := func(b *pipeline.Batch) batch {
		var res batch
		var scratch []schema.Finding
		for i := range b.Records {
			scratch = schema.CheckRecord(opts.Validator, &b.Records[i], scratch, func(vd *schema.Verdict) {
				if res.tally.count(vd, opts.Policy) {
					res.Out = opts.Print(res.Out, vd)
				}
			})
		}
		res.Invalid = res.tally.Invalid
		return res
	}
	var total Tally
	bar := opts.Progress
	bar.Start(p.Reader())
	emit := func(res batch) error {
		total.add(res.tally)
		bar.Update()
		if len(res.Out) > 0 && outTTY {
			bar.Clear()
		}
		return p.Emit(out, &res.Output)
	}
	if err := pipeline.Run(p, work, emit); err != nil {
		return err
	}
	bar.Finish()
	total.Unread = p.Tally.Unread
	if !opts.Quiet {
		p.Say(total.Summary()...)
	}
	return nil
}
