// Package pipeline is the one way events go through csmctl. It opens the
// inputs (through package input), prepares the selectors (reading the input
// once more when --since or --until is a duration), runs a command's work
// function on batches of events in parallel, hands the results back in
// input order, applies --limit in that order, reports the problems met on
// standard error in order with the output, and tallies them into the exit
// status.
//
// A command supplies a work function, which turns a Batch into a result of
// its own type (usually with an Output), and an emit function, which prints
// or gathers the results in order.
package pipeline

import (
	"errors"
	"io"
	"sync"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/selector"
)

// Options say what a run reads, how it selects, and where its problems go.
type Options struct {
	Files   []string // the inputs; none, or "-", is Stdin
	Stdin   io.Reader
	Reading input.Options
	Select  selector.Options
	Workers int // batches worked on at once; less than 1 means 1
	// ErrOut is where problems are reported, one "csmctl: " line each.
	ErrOut io.Writer
	// NewDoc makes a decoder of events into the values --where's jq
	// expression sees, one for each worker; needed with --where only.
	NewDoc func() DocDecoder
	// BeforeReport, if set, runs before anything is written to ErrOut: it
	// flushes buffered output, or clears a progress bar, so that lines
	// never mix and come in input order.
	BeforeReport func()
}

// DocDecoder decodes the JSON value at s[pos:] into the values jq sees
// (query.Decoder). It need not be safe for concurrent use.
type DocDecoder interface {
	Decode(s string, pos int) (v any, end int, err *jsonscan.SyntaxError)
}

// Pipeline is one run over the inputs. Make it with New and Close it.
type Pipeline struct {
	opts    Options
	reader  *input.Reader
	cleanup func()
	// filters holds selectors without --limit, one per worker at a time:
	// --limit counts in input order, which only the emitting side knows.
	filters *sync.Pool
	taken   int // selected events counted so far, for --limit

	// Tally counts the problems met so far.
	Tally Tally
}

// New checks the selectors and prepares the run. A *UsageError is a
// selector flag that makes no sense; any other error failed to keep
// standard input for a second reading. The caller must Close the pipeline,
// even after an error.
func New(opts Options) (*Pipeline, error) {
	if opts.Workers < 1 {
		opts.Workers = 1
	}
	p := &Pipeline{opts: opts}
	sel, stdin, cleanup, err := selector.Prepare(opts.Select, opts.Files, opts.Stdin, opts.Reading)
	p.cleanup = cleanup
	if err != nil {
		var oe *selector.OptionsError
		if errors.As(err, &oe) {
			return p, &UsageError{Err: oe.Err}
		}
		return p, &InputError{Err: err}
	}
	unlimited := opts.Select
	unlimited.Limit = 0
	anchor := sel.Anchor()
	p.filters = &sync.Pool{}
	p.filters.New = func() any {
		s, _ := selector.New(unlimited, anchor) // Prepare checked the options
		return s
	}
	if opts.Select.Where != "" && opts.NewDoc == nil {
		return p, errors.New("pipeline: --where needs Options.NewDoc")
	}
	p.reader = input.Open(opts.Files, stdin, opts.Reading)
	return p, nil
}

// Close removes what the run kept on disk (standard input, spooled for a
// duration anchor). Closing a nil Pipeline does nothing, so that a caller
// may defer Close before it checks how its start went.
func (p *Pipeline) Close() {
	if p != nil {
		p.cleanup()
	}
}

// Split returns one pipeline for each input of p, in order (each file of
// a directory, standard input), for a command that reads every input as
// its own stream (timeline's merge). They share p's options and selectors
// (a duration anchor is the one found over all the inputs); the workers
// are shared out between them, one each at least. Each has its own Tally:
// add them to p's (Tally.Add) once they are done. p itself must not be run
// too.
func (p *Pipeline) Split() []*Pipeline {
	readers := p.reader.Split()
	subs := make([]*Pipeline, len(readers))
	for i, r := range readers {
		opts := p.opts
		opts.Workers = max(1, p.opts.Workers/len(readers))
		subs[i] = &Pipeline{opts: opts, reader: r, cleanup: func() {}, filters: p.filters}
	}
	return subs
}

// Reader is the run's reader, for progress, and for a command that must
// read its events one at a time on one goroutine (query's input builtin).
func (p *Pipeline) Reader() *input.Reader { return p.reader }

// DecodesModel reports whether the selectors decode every event (see
// NeedsModel): a work function that reads only a few members may then as
// well read them from the model.
func (p *Pipeline) DecodesModel() bool { return NeedsModel(p.opts.Select) }

// Selector returns a selector without --limit for one worker; give it back
// with PutSelector.
func (p *Pipeline) Selector() *selector.Selector { return p.filters.Get().(*selector.Selector) }

// PutSelector gives back a selector from Selector.
func (p *Pipeline) PutSelector(s *selector.Selector) { p.filters.Put(s) }

// errLimit stops reading once --limit events have been taken.
var errLimit = errors.New("limit reached")

// Run reads every batch of the inputs, runs work on it on one of the
// workers, and hands the results to emit in input order, on the calling
// goroutine. Input errors are reported and tallied in order with the
// results around them. Reading stops when emit returns an error: Run
// returns it, unless it is Stop or the end of --limit.
func Run[R any](p *Pipeline, work func(*Batch) R, emit func(R) error) error {
	do := func(ib *input.Batch) R {
		defer ib.Release()
		b := &Batch{Records: ib.Records, p: p}
		return work(b)
	}
	err := input.Parallel(p.reader, p.opts.Workers, do, emit, p.InputError)
	if errors.Is(err, errLimit) || errors.Is(err, Stop) {
		return nil
	}
	return err
}

// Stop, returned by an emit function, ends the run early and quietly (query's
// halt).
var Stop = errors.New("stop")

// InputError reports an input that could not be read whole, or held no
// event, and tallies it.
func (p *Pipeline) InputError(err error) {
	p.Report(err.Error())
	if errors.Is(err, input.ErrNoEvents) {
		p.Tally.Empty++
	} else {
		p.Tally.Unread++
	}
}

// Report writes one message about the data on standard error, escaped,
// after "csmctl: ". It does not count it: the caller tallies what it means.
func (p *Pipeline) Report(msg string) {
	p.writeErr(AppendDiagnostic(nil, msg))
}

// Say writes lines on standard error that are not problems (a summary),
// each escaped, through the same writer as the problems, so that nothing
// else (a progress bar) is mixed into them.
func (p *Pipeline) Say(lines ...string) {
	var b []byte
	for _, l := range lines {
		b = append(escape.AppendText(b, l), '\n')
	}
	p.writeErr(b)
}

func (p *Pipeline) writeErr(b []byte) {
	if p.opts.BeforeReport != nil {
		p.opts.BeforeReport()
	}
	_, _ = p.opts.ErrOut.Write(b)
}

// Take counts one more selected event, in input order, and reports whether
// it is within --limit.
func (p *Pipeline) Take() bool {
	limit := p.opts.Select.Limit
	if limit <= 0 {
		return true
	}
	p.taken++
	return p.taken <= limit
}

// Done reports whether --limit events have been taken: reading can stop.
func (p *Pipeline) Done() bool {
	limit := p.opts.Select.Limit
	return limit > 0 && p.taken >= limit
}

// AppendDiagnostic appends one line for standard error about a problem:
// "csmctl: " then msg, escaped, as grep and jq start theirs with their name.
func AppendDiagnostic(dst []byte, msg string) []byte {
	dst = append(dst, "csmctl: "...)
	return append(escape.AppendText(dst, msg), '\n')
}
