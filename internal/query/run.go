package query

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/itchyny/gojq"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/input"
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
	errHalt  = errors.New("halt")
	errLimit = errors.New("limit reached")
)

// Run runs the program over the events of the inputs, printing the results.
// The error is a problem with the run itself (a selector that does not
// parse, an output that cannot be written); everything about the data is
// reported on ErrOut and counted in the Result.
func (p *Program) Run(o RunOptions) (*Result, error) {
	if o.Workers < 1 {
		o.Workers = 1
	}
	sel, stdin, cleanup, err := selector.Prepare(o.Select, o.Files, o.Stdin, o.Reading)
	defer cleanup()
	var oe *selector.OptionsError
	if errors.As(err, &oe) {
		return nil, &UsageError{oe.Err}
	} else if err != nil {
		return nil, err
	}
	anchor := sel.Anchor()
	ru := &runner{p: p, o: o, res: &Result{}, anchor: anchor}
	if _, err := ru.newSelection(); err != nil {
		return nil, &UsageError{err}
	}
	ru.out = bufio.NewWriterSize(o.Out, 64<<10)
	if o.Table != nil {
		ru.table = newTablePrinter(*o.Table, ru.out)
	}
	r := input.Open(o.Files, stdin, o.Reading)
	if p.readsInputs || o.NullInput || o.Slurp {
		err = ru.sequential(r)
	} else {
		err = ru.parallel(r)
	}
	if err == nil && ru.table != nil {
		err = ru.table.end()
	}
	if ferr := ru.out.Flush(); err == nil {
		err = ferr
	}
	return ru.res, err
}

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
	anchor time.Time
	out    *bufio.Writer
	table  *tablePrinter
	// countLimit: --limit is counted as results are printed (in parallel
	// runs; a sequential run counts as it reads).
	countLimit bool
	taken      int
}

// flushOut writes what is buffered for standard output, so that a message
// on standard error comes after the results before it.
func (ru *runner) flushOut() error {
	return ru.out.Flush()
}

// report prints a message about the data on standard error.
func (ru *runner) report(msg string) {
	_ = ru.flushOut()
	fmt.Fprintf(ru.o.ErrOut, "csmctl: %s\n", escape.Text(msg))
}

// inputError reports an input that could not be read.
func (ru *runner) inputError(err error) {
	ru.report(err.Error())
	if !errors.Is(err, input.ErrNoEvents) {
		ru.res.InputErrors++
	}
}

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
