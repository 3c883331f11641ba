package treeview

import (
	"fmt"
	"io"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/lineage"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/record"
	"github.com/csmctl/csmctl/internal/render"
)

// Options are how a run builds and trims the forests.
type Options struct {
	Print Printer
	// Selecting says selectors are set: the events they pick are the hits,
	// and the forests are trimmed to them.
	Selecting bool
	HitsOnly  bool // drop the processes with no hit and no hit below them
	// MaxProcesses bounds the processes kept; 0 means no bound.
	MaxProcesses int
}

// treeEvent is one decoded event, on its way from a worker to the builder.
type treeEvent struct {
	pos  input.Position
	host string // from a Datadog envelope, "" for plain events
	ev   lineage.Event
	hit  bool // the selectors (but --limit) pick it
}

// batch is one batch's decoded events and the problems met decoding it.
type batch struct {
	events []treeEvent
	pipeline.Output
}

// Run builds the lineage of every event of p, draws it to out, then says
// through p's problem writer what disagreed or was left out. The error is
// out's; the problems with the data are in p.Tally.
func Run(p *pipeline.Pipeline, out io.Writer, opts Options) error {
	// lineage.Decoder reads only what the lineage needs, and every event
	// counts for the lineage; the selectors pick the hits.
	work := func(b *pipeline.Batch) *batch {
		// The decoder reuses its memory from event to event: the batch
		// keeps a lineage.Event, a copy of what the builder reads.
		var dec lineage.Decoder
		need := pipeline.Need{Scan: dec.Decode, Unselected: true}
		res := &batch{}
		var scratch []byte // DetailOf's
		for ev := range b.Events(need) {
			// Not the model.Event: the batches in flight would hold every
			// field of both schemas.
			res.events = append(res.events, treeEvent{pos: ev.Pos, host: ev.Host, hit: ev.Selected})
			te := &res.events[len(res.events)-1]
			te.ev.FillFrom(ev.Model)
			if opts.Print.ListsDetails && ev.Selected {
				// The lineage decoder reads no event family: the hit's
				// detail decodes the members it reads (its strings valid
				// UTF-8, as show has them). Should that fail where the
				// lineage's decoder did not, the hit has no detail.
				te.ev.Detail, scratch, _ = record.DetailOf(ev.Raw, scratch)
			}
		}
		res.Output = b.Output
		return res
	}

	builder := lineage.NewBuilder()
	builder.KeepHits = opts.Print.ListsEvents
	builder.KeepArgs = opts.Print.ListsArgs
	builder.MaxProcesses = opts.MaxProcesses
	var read int
	emit := func(res *batch) error {
		if err := p.Emit(out, &res.Output); err != nil {
			return err
		}
		read += len(res.events)
		for i := range res.events {
			te := &res.events[i]
			n := builder.AddEvent(te.host, &te.ev) // one forest per host: pids of two hosts never merge
			if n == nil {
				continue
			}
			if opts.Selecting && !(te.hit && p.Take()) {
				continue
			}
			builder.AttachEvent(n, te.pos.File, te.pos.Line, &te.ev)
		}
		return nil
	}
	if err := pipeline.Run(p, work, emit); err != nil {
		return err
	}

	forests := builder.Forests()
	var conflicts lineage.Conflicts
	noProcess, dropped, shown := 0, 0, 0
	for _, f := range forests {
		if opts.Selecting {
			f.FocusHits()
		}
		if opts.HitsOnly {
			f.HitsOnly()
		}
		conflicts.Parent += f.Conflicts.Parent
		conflicts.Facts += f.Conflicts.Facts
		noProcess += f.NoProcess
		dropped += f.Dropped
		shown += len(f.Roots)
	}
	if err := opts.Print.Write(out, forests); err != nil {
		return err
	}
	if c := conflicts.Total(); c > 0 {
		p.Report(fmt.Sprintf("%s disagreed with earlier events, and the later won (%d about a parent, %d about a fact)",
			render.Count(c, "sighting", "sightings"), conflicts.Parent, conflicts.Facts))
	}
	if noProcess > 0 {
		p.Report(render.Count(noProcess, "event", "events") + " without a process left out")
	}
	if dropped > 0 {
		p.Report(fmt.Sprintf("%s named processes past the first %d, left out (--max-processes)",
			render.Count(dropped, "event", "events"), opts.MaxProcesses))
	}
	// With no event read (a missing file, only bad lines), the problems
	// said why already; "no match" would blame the selectors.
	if opts.Selecting && shown == 0 && read > 0 {
		p.Report("no event matched the selectors")
	}
	p.Tally.Problems += dropped
	return nil
}
