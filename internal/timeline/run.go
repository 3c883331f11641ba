// Package timeline lists every selected event, one line each, in time
// order across all inputs: by instant (UTC), whatever offset each event
// was written with, ties in input order, the events without a valid date
// last.
//
// Each input (each file of a directory, standard input) is read as its own
// stream through its own pipeline (pipeline.Split) and re-ordered within a
// window of events (a min-heap each); a k-way merge prints an event as soon
// as no input can still give an earlier one, so that the timeline starts
// before the inputs are read to their end, and memory is bounded by the
// inputs times the window. An event earlier than one already printed (its
// input out of order by more than the window) cannot take its place any
// more: it is kept, with the undated ones, in a sorter that spills to disk
// (see sorter), listed after the timeline in time order, and counted on
// standard error. With --limit, --exact, or more than MaxStreams inputs, the inputs
// are read one after another into that sorter alone: the order is then
// exact whatever the disorder, and printed once the last input is read.
package timeline

import (
	"bytes"
	"io"
	"iter"
	"strconv"

	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/record"
	"github.com/csmctl/csmctl/internal/render"
)

// Options say how a run orders and prints.
type Options struct {
	Print Printer
	// Window is how many events each input holds to re-order them; the
	// sorter holds sorterWindows times as many before it spills. Less
	// than 1 means DefaultStreamWindow.
	Window int
	// Limit is --limit: only the first Limit selected events, in input
	// order, are listed.
	Limit int
	// Exact reads every input into the sorter, so that even an event later
	// than any window comes in its place; nothing is printed before the
	// last input is read.
	Exact bool
	// Raw keeps each event's bytes in its Entry.Raw.
	Raw bool
}

// batch is one batch's entries and the problems met reading it.
type batch struct {
	pipeline.Output
	entries []Entry
}

// entriesOf is the work function: the entries of a batch's selected
// events, with their bytes if raw. Only the members the columns read are
// decoded (record.ColumnMembers).
func entriesOf(raw bool) func(b *pipeline.Batch) *batch {
	return func(b *pipeline.Batch) *batch {
		res := &batch{}
		var buf []byte
		need := pipeline.Need{Model: true, Decode: func(raw []byte) (ev *model.Event, err error) {
			ev, buf, err = record.DecodeMembers(raw, record.ColumnMembers, buf)
			return ev, err
		}}
		for ev := range b.Events(need) {
			row := record.Of(ev.Model, ev.Host, ev.Pos)
			e := EntryOf(&row)
			e.compact()
			if raw {
				e.Raw = bytes.Clone(ev.Raw)
			}
			res.entries = append(res.entries, e)
		}
		res.Output = b.Output
		return res
	}
}

// Run lists the selected events of p in time order through opts.Print.
// Problems are reported through p as they are met; the error is the
// output's, or the disk's when the sort spilled.
func Run(p *pipeline.Pipeline, opts Options) error {
	subs := p.Split()
	if opts.Limit > 0 || opts.Exact || len(subs) > MaxStreams {
		return runSorted(p, opts)
	}
	size := windowOf(opts)
	m := &merger{size: size, rest: newSorter(sorterWindows * size)}
	defer m.rest.close()
	// Output is flushed at the end of each batch read, once something was
	// printed: lines come out as the inputs are read, not only when the
	// printer's buffer is full.
	var flushErr error
	unflushed := false
	batchEnd := func() {
		if unflushed && flushErr == nil {
			flushErr = opts.Print.Flush()
			unflushed = false
		}
	}
	print := func(e *Entry) error {
		if flushErr != nil {
			return flushErr
		}
		unflushed = true
		return opts.Print.Print(e)
	}
	sources := make([]iter.Seq[Entry], len(subs))
	for i, sub := range subs {
		sources[i] = inputEntries(sub, opts.Raw, batchEnd)
	}
	err := m.run(sources, print)
	for _, sub := range subs {
		p.Tally.Add(sub.Tally)
	}
	if err != nil {
		return err
	}
	if err := opts.Print.Flush(); err != nil {
		return err
	}
	if m.late > 0 {
		p.Say("csmctl: " + render.Count(m.late, "event", "events") + " came later than a window of " +
			strconv.Itoa(size) + " events per input can re-order: listed after the timeline, in time order")
	}
	if m.undated > 0 {
		p.Say("csmctl: " + render.Count(m.undated, "event", "events") + " without a valid date, listed last")
	}
	return nil
}

// sorterWindows is how many inputs' windows the sorter holds in memory:
// DefaultWindow by default.
const sorterWindows = DefaultWindow / DefaultStreamWindow

func windowOf(opts Options) int {
	if opts.Window < 1 {
		return DefaultStreamWindow
	}
	return opts.Window
}

// inputEntries yields the entries of p's selected events in input order,
// calling batchEnd after each batch's.
func inputEntries(p *pipeline.Pipeline, raw bool, batchEnd func()) iter.Seq[Entry] {
	return func(yield func(Entry) bool) {
		emit := func(res *batch) error {
			if err := p.Emit(io.Discard, &res.Output); err != nil {
				return err
			}
			for i := range res.entries {
				if !yield(res.entries[i]) {
					return pipeline.Stop
				}
			}
			batchEnd()
			return nil
		}
		_ = pipeline.Run(p, entriesOf(raw), emit) // emit fails only to stop
	}
}

// runSorted reads the inputs one after another through p into the sorter,
// then prints its order.
func runSorted(p *pipeline.Pipeline, opts Options) error {
	s := newSorter(sorterWindows * windowOf(opts))
	defer s.close()
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
	if err := pipeline.Run(p, entriesOf(opts.Raw), emit); err != nil {
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
