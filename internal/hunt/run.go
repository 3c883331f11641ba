package hunt

import (
	"bytes"
	"errors"
	"io"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/record"
	"github.com/csmctl/csmctl/internal/render"
	"github.com/csmctl/csmctl/internal/secl"
	"github.com/csmctl/csmctl/internal/timeline"
)

// Options are how a hunt runs.
type Options struct {
	Rules *Rules
	Out   Output
	// Explain adds to each match the comparisons of its rule, with the
	// values they saw.
	Explain bool
	// Limit is --limit: the matching events printed at most; 0 for all.
	Limit int
	// Constant is the value of an agent constant's name.
	Constant func(name string) (int64, bool)
	// Window is timeline's re-ordering window of each input, for rules
	// replayed in time order; less than 1 for its default.
	Window int
}

// Match is one rule matching one event: what a printer prints.
type Match struct {
	RuleID string
	Pos    input.Position
	Event  *Event
	// Explain, with Options.Explain, are the comparisons of the rule's
	// expression (Expr) on the event.
	Explain []secl.Match
	Expr    string
}

// Printer prints one match into buf.
type Printer func(buf *bytes.Buffer, m *Match)

// Output is how matches are printed: Lines, a timeline line each (text),
// or else Print (json).
type Output struct {
	Lines timeline.Printer
	Print Printer
	pal   *iostreams.Palette
}

// NewOutput makes an Output writing to w.
type NewOutput func(w io.Writer, st timeline.Style) Output

// TextOutput prints each match as a timeline line (timeline's text
// printer: aligned on a terminal, tab-separated into a pipe) with the rule
// id first; --explain's comparisons under it.
func TextOutput(w io.Writer, st timeline.Style) Output {
	st.Lead = true
	return Output{Lines: timeline.TextPrinter(w, st), pal: st.Palette}
}

// JSONOutput prints each match as JSONPrinter does.
func JSONOutput(_ io.Writer, st timeline.Style) Output {
	return Output{Print: JSONPrinter(st.Palette), pal: st.Palette}
}

// tally counts the matches as they are printed.
type tally struct {
	counts        map[string]int
	total, events int
	limit         int
}

// full reports whether --limit matching events were printed.
func (t *tally) full() bool { return t.limit > 0 && t.events == t.limit }

func (t *tally) add(ids []string) {
	t.events++
	for _, id := range ids {
		t.counts[id]++
		t.total++
	}
}

// Run evaluates the rules on every event p selects and prints each match
// to out, then writes the count of matches of each rule on standard error
// through p. Rules that use variables are evaluated in time order
// (timeline's ordered stream), so that set actions are replayed in the
// order the events happened, and their matches printed in that order;
// other rules are evaluated on the workers, their matches printed in input
// order. It returns the number of matches; the error is out's.
func Run(p *pipeline.Pipeline, out io.Writer, opts Options) (int, error) {
	t := &tally{counts: map[string]int{}, limit: opts.Limit}
	var err error
	if opts.Rules.Sequential {
		err = runOrdered(p, out, opts, t)
	} else {
		err = runParallel(p, out, opts, t)
	}
	lines := make([]string, 0, len(opts.Rules.rules))
	for _, id := range opts.Rules.IDs() {
		lines = append(lines, id+": "+render.Count(t.counts[id], "match", "matches"))
	}
	p.Say(lines...)
	return t.total, err
}

// batch is what a worker makes of a batch: the output and, for each
// matching event in order, the ids of the rules it matched and, for text,
// the timeline line of each match.
type batch struct {
	pipeline.Output
	matched [][]string
	lines   []timeline.Entry
}

// runParallel evaluates rules without variables on the workers.
func runParallel(p *pipeline.Pipeline, out io.Writer, opts Options, t *tally) error {
	work := func(b *pipeline.Batch) *batch {
		res := &batch{}
		vars := secl.NewVariables()
		ev := opts.Rules.NewEvent(opts.Constant)
		var buf bytes.Buffer
		m := Match{Event: ev}
		for sel := range b.Events(pipeline.Need{}) {
			ev.Reset(sel.Raw)
			ids := opts.Rules.Match(ev, vars)
			if len(ids) == 0 {
				continue
			}
			var e timeline.Entry
			if opts.Out.Lines != nil {
				e = entryOf(sel)
			}
			for _, id := range ids {
				m.RuleID, m.Pos = id, sel.Pos
				m.Explain, m.Expr = nil, ""
				if opts.Explain {
					m.Explain, m.Expr = opts.Rules.Explain(id, ev, vars), opts.Rules.Expression(id)
				}
				if opts.Out.Lines != nil {
					e.Lead, e.Below = id, explainText(opts.Out.pal, &m)
					res.lines = append(res.lines, e)
					continue
				}
				opts.Out.Print(&buf, &m)
			}
			b.Out = buf.Bytes()
			b.Selected()
			res.matched = append(res.matched, ids)
		}
		b.Out = buf.Bytes()
		res.Output = b.Output
		return res
	}
	emit := func(res *batch) error {
		line := 0
		for _, ids := range res.matched {
			if t.full() {
				break
			}
			t.add(ids)
			if opts.Out.Lines == nil {
				continue
			}
			for range ids {
				if err := opts.Out.Lines.Print(&res.lines[line]); err != nil {
					return err
				}
				line++
			}
		}
		return p.Emit(out, &res.Output)
	}
	if err := pipeline.Run(p, work, emit); err != nil {
		return err
	}
	return opts.Out.flush()
}

func (o Output) flush() error {
	if o.Lines != nil {
		return o.Lines.Flush()
	}
	return nil
}

// entryOf is the timeline line of a selected event, decoded only in the
// members its columns read.
func entryOf(sel *pipeline.Event) timeline.Entry {
	m, _, err := record.DecodeMembers(sel.Raw, record.ColumnMembers, nil)
	if err != nil {
		return timeline.Entry{Host: sel.Host, File: sel.Pos.File, Line: sel.Pos.Line}
	}
	row := record.Of(m, sel.Host, sel.Pos)
	return timeline.EntryOf(&row)
}

// errFull ends an ordered run once --limit matching events are printed.
var errFull = errors.New("limit reached")

// runOrdered evaluates rules with variables on one goroutine, on the
// events in time order.
func runOrdered(p *pipeline.Pipeline, out io.Writer, opts Options, t *tally) error {
	sink := &orderedSink{opts: opts, out: out, t: t, vars: secl.NewVariables(), ev: opts.Rules.NewEvent(opts.Constant)}
	err := timeline.Run(p, timeline.Options{Print: sink, Raw: true, Window: opts.Window})
	if errors.Is(err, errFull) {
		return sink.Flush()
	}
	return err
}

// orderedSink evaluates the rules on each entry timeline hands it, in time
// order, and prints the matches.
type orderedSink struct {
	opts Options
	out  io.Writer
	t    *tally
	vars *secl.Variables
	ev   *Event
	buf  bytes.Buffer
}

func (s *orderedSink) Print(e *timeline.Entry) error {
	s.ev.Reset(e.Raw)
	ids := s.opts.Rules.Match(s.ev, s.vars)
	if len(ids) == 0 {
		return nil
	}
	if s.t.full() {
		return errFull
	}
	s.t.add(ids)
	m := Match{Event: s.ev, Pos: input.Position{File: e.File, Line: e.Line}}
	for _, id := range ids {
		m.RuleID = id
		if s.opts.Explain {
			m.Explain, m.Expr = s.opts.Rules.Explain(id, s.ev, s.vars), s.opts.Rules.Expression(id)
		}
		if s.opts.Out.Lines != nil {
			e.Lead, e.Below = id, explainText(s.opts.Out.pal, &m)
			if err := s.opts.Out.Lines.Print(e); err != nil {
				return err
			}
			continue
		}
		s.buf.Reset()
		s.opts.Out.Print(&s.buf, &m)
		if _, err := s.out.Write(s.buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func (s *orderedSink) Flush() error { return s.opts.Out.flush() }

// ReportSkipped reports on standard error, through p, the rules of a
// policy that are not evaluated (or evaluated in part), and why. They do
// not change the exit status: the other rules ran.
func ReportSkipped(p *pipeline.Pipeline, r *Rules) {
	for _, re := range r.Skipped {
		p.Report(re.Error())
	}
}
