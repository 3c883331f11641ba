// Package timeline lists every selected event, one line each, in time
// order across all inputs: by instant (UTC), whatever offset each event
// was written with, ties in input order, the events without a valid date
// last. The inputs are read one after another through the pipeline; the
// order is made by a sorter that holds a bounded window of events in
// memory and spills sorted runs to disk past it (see sorter), so memory
// does not grow with the input. Nothing is printed before the last input
// is read: a later file may hold the earliest event.
package timeline

import (
	"io"

	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/record"
	"github.com/csmctl/csmctl/internal/render"
)

// Options say how a run orders and prints.
type Options struct {
	Print Printer
	// Window is how many events the sorter holds in memory; less than 1
	// means DefaultWindow.
	Window int
	// Limit is --limit: only the first Limit selected events, in input
	// order, are listed.
	Limit int
}

// batch is one batch's entries and the problems met reading it.
type batch struct {
	pipeline.Output
	entries []Entry
}

// Run lists the selected events of p in time order through opts.Print.
// Problems are reported through p as they are met; the error is the
// output's, or the disk's when the sort spilled.
func Run(p *pipeline.Pipeline, opts Options) error {
	window := opts.Window
	if window < 1 {
		window = DefaultWindow
	}
	s := newSorter(window)
	defer s.close()
	work := func(b *pipeline.Batch) *batch {
		res := &batch{}
		for ev := range b.Events(pipeline.Need{Model: true}) {
			row := record.Of(ev.Model, ev.Host, ev.Pos)
			res.entries = append(res.entries, EntryOf(&row))
		}
		res.Output = b.Output
		return res
	}
	undated := 0
	emit := func(res *batch) error {
		if err := p.Emit(io.Discard, &res.Output); err != nil {
			return err
		}
		for i := range res.entries {
			if !p.Take() {
				return pipeline.Stop
			}
			e := &res.entries[i]
			if e.DateState != record.DateValid {
				undated++
			}
			if err := s.add(e); err != nil {
				return err
			}
			if p.Done() {
				return pipeline.Stop
			}
		}
		return nil
	}
	if err := pipeline.Run(p, work, emit); err != nil {
		return err
	}
	if err := s.each(opts.Print.Print); err != nil {
		return err
	}
	if err := opts.Print.Flush(); err != nil {
		return err
	}
	if undated > 0 {
		p.Say("csmctl: " + render.Count(undated, "event", "events") + " without a valid date, listed last")
	}
	return nil
}
