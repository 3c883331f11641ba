package query

import (
	"bufio"
	"errors"
	"io"

	"github.com/itchyny/gojq"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/selector"
)

// RunOptions say what to read and where the results go.
type RunOptions struct {
	Files  []string // the inputs; none, or "-", is Stdin
	Stdin  io.Reader
	Out    io.Writer
	ErrOut io.Writer

	Format     Format
	NullInput  bool // -n: run the filter once, on null; input and inputs read the events
	Slurp      bool // -s: run the filter once, on an array of all the events
	Select     selector.Options
	Table      *TableOptions // -o table; nil for JSON
	Workers    int           // events are run in parallel by this many workers
	StderrTerm bool          // standard error is a terminal

	// Reading is how inputs are read (tests make the block size small to
	// exercise many batches).
	Reading input.Options
}

// Result is how a run went: what the exit status is made of.
type Result struct {
	Outputs       int  // values printed
	LastFalsy     bool // the last value printed was false or null (for -e)
	RuntimeErrors int  // events on which the filter failed
	InvalidJSON   int  // records that are not JSON, reported and skipped
	Halted        bool // the filter called halt or halt_error
	HaltCode      int
	// InputErrors counts inputs that could not be read whole.
	InputErrors int
}

// errHalt and errLimit stop the reading of input: after halt, and after
// the --limit-th event.
var (
	errHalt  error = stopError("halt")
	errLimit error = stopError("limit reached")
)

// stopError is pipeline.Stop with its reason: a constant, not
// fmt.Errorf's value, so that declaring one costs nothing at start-up.
type stopError string

func (e stopError) Error() string { return string(e) + ": " + pipeline.Stop.Error() }
func (e stopError) Unwrap() error { return pipeline.Stop }

// Run runs the program over the events of the inputs, printing the results.
// The error is a problem with the run itself (a selector that does not
// parse, an output that cannot be written); everything about the data is
// reported on ErrOut and counted in the Result.
func (p *Program) Run(o RunOptions) (*Result, error) {
	if o.Workers < 1 {
		o.Workers = 1
	}
	ru := &runner{p: p, o: o, res: &Result{}}
	ru.out = bufio.NewWriterSize(o.Out, 64<<10)
	events, err := pipeline.New(pipeline.Options{
		Files: o.Files, Stdin: o.Stdin, Reading: o.Reading,
		Select: o.Select, Workers: o.Workers, ErrOut: o.ErrOut,
		NewDoc: NewDocDecoder,
		// Standard output first: a message comes after the results before it.
		BeforeReport: func() { _ = ru.flushOut() },
	})
	defer events.Close()
	var ue *pipeline.UsageError
	if errors.As(err, &ue) {
		return nil, &UsageError{ue.Err}
	} else if err != nil {
		return nil, err
	}
	ru.events = events
	if o.Table != nil {
		ru.table = newTablePrinter(*o.Table, ru.out)
	}
	if p.readsInputs || o.NullInput || o.Slurp {
		err = ru.sequential(events.Reader())
	} else {
		err = ru.parallel()
	}
	if err == nil && ru.table != nil {
		err = ru.table.end()
	}
	if ferr := ru.out.Flush(); err == nil {
		err = ferr
	}
	ru.res.InputErrors = events.Tally.Unread
	return ru.res, err
}

// NewDocDecoder returns a decoder of events into the values jq filters see,
// for --where.
func NewDocDecoder() pipeline.DocDecoder { return new(Decoder) }

// UsageError is a run's options that do not make sense, such as a selector
// that does not parse.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// runner is one run's shared state, owned by the goroutine that prints.
type runner struct {
	p      *Program
	o      RunOptions
	res    *Result
	out    *bufio.Writer
	table  *tablePrinter
	events *pipeline.Pipeline // reads, prepares the selectors, reports input errors
	// countLimit: --limit is counted as results are printed (in parallel
	// runs; a sequential run counts as it reads).
	countLimit bool
}

// flushOut writes what is buffered for standard output, so that a message
// on standard error comes after the results before it.
func (ru *runner) flushOut() error {
	return ru.out.Flush()
}

// report prints a message about the data on standard error.
func (ru *runner) report(msg string) { ru.events.Report(msg) }

// halt ends the run as halt and halt_error do: halt_error's value goes to
// standard error, a string as it is and anything else as JSON.
func (ru *runner) halt(h *gojq.HaltError) {
	ru.res.Halted, ru.res.HaltCode = true, h.ExitCode()
	if v := h.Value(); v != nil {
		_ = ru.flushOut()
		enc := NewEncoder(Format{Compact: true, Join: true, Escape: ru.o.StderrTerm})
		_, _ = ru.o.ErrOut.Write(enc.AppendOutput(nil, v))
	}
}
