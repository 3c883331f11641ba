package hunt

import (
	"bytes"
	"io"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/render"
	"github.com/csmctl/csmctl/internal/secl"
)

// Options are how a hunt runs.
type Options struct {
	Rules *Rules
	Print Printer
	// Explain adds to each match the comparisons of its rule, with the
	// values they saw.
	Explain bool
	// Limit is --limit: the matching events printed at most; 0 for all.
	Limit int
	// Constant is the value of an agent constant's name.
	Constant func(name string) (int64, bool)
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

// batch is what a worker makes of a batch: the output and, for each
// matching event in order, the ids of the rules it matched.
type batch struct {
	pipeline.Output
	matched [][]string
}

// Run evaluates the rules on every event p selects, prints each match to
// out in input order, then writes the count of matches of each rule on
// standard error through p. It returns the number of matches; the error is
// out's.
func Run(p *pipeline.Pipeline, out io.Writer, opts Options) (int, error) {
	var shared *secl.Variables // variables live across events: one worker
	if opts.Rules.Sequential {
		shared = secl.NewVariables()
	}
	work := func(b *pipeline.Batch) *batch {
		res := &batch{}
		vars := shared
		if vars == nil {
			vars = secl.NewVariables()
		}
		ev := NewEvent(Linux(), opts.Constant)
		var buf bytes.Buffer
		m := Match{Event: ev}
		for sel := range b.Events(pipeline.Need{}) {
			ev.Reset(sel.Raw)
			ids := opts.Rules.Match(ev, vars)
			if len(ids) == 0 {
				continue
			}
			for _, id := range ids {
				m.RuleID, m.Pos = id, sel.Pos
				m.Explain, m.Expr = nil, ""
				if opts.Explain {
					m.Explain, m.Expr = opts.Rules.Explain(id, ev, vars), opts.Rules.Expression(id)
				}
				opts.Print(&buf, &m)
			}
			b.Out = buf.Bytes()
			b.Selected()
			res.matched = append(res.matched, ids)
		}
		b.Out = buf.Bytes()
		res.Output = b.Output
		return res
	}
	counts := map[string]int{}
	total, events := 0, 0
	emit := func(res *batch) error {
		for _, ids := range res.matched {
			if opts.Limit > 0 && events == opts.Limit {
				break
			}
			events++
			for _, id := range ids {
				counts[id]++
				total++
			}
		}
		return p.Emit(out, &res.Output)
	}
	err := pipeline.Run(p, work, emit)
	lines := make([]string, 0, len(opts.Rules.rules))
	for _, id := range opts.Rules.IDs() {
		lines = append(lines, id+": "+render.Count(counts[id], "match", "matches"))
	}
	p.Say(lines...)
	return total, err
}

// ReportSkipped reports on standard error, through p, the rules of a
// policy that are not evaluated (or evaluated in part), and why. They do
// not change the exit status: the other rules ran.
func ReportSkipped(p *pipeline.Pipeline, r *Rules) {
	for _, re := range r.Skipped {
		p.Report(re.Error())
	}
}
