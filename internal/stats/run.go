// Package stats counts the selected events, grouped by keys (--by), or
// sums them up in an overview: the total, the time span, events over time
// and the most frequent rules, events, hosts, processes and users.
//
// Keys are read from each event's bytes without decoding the event
// (package record is their definition; a differential test holds them
// equal), and counted on the pipeline's workers, batch by batch; the
// batches' counts are merged in input order.
package stats

import (
	"io"
	"time"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/pipeline"
)

// Options say what a run counts.
type Options struct {
	Keys []Key
	// Overview counts for the overview instead of by Keys.
	Overview bool
	// Limit is --limit: only the first Limit selected events count.
	Limit int
}

// Result is what a run counted.
type Result struct {
	Groups   []Group   // by Keys, sorted; one group of all events when there are no keys
	Overview *Overview // with Options.Overview
}

// overviewKeys are the keys whose top values the overview lists.
var overviewKeys = []Key{Rule, Event, Host, Process, User}

// Overview is the summary of all selected events.
type Overview struct {
	Events int
	// Dated counts the events with a valid date; First and Last are the
	// earliest and latest of them, in UTC.
	Dated       int
	First, Last time.Time
	// Minutes counts the dated events by minute (Unix time / 60, rounded
	// down).
	Minutes map[int64]int
	// Top lists, for each of overviewKeys, its values by events, most
	// first (all of them: the printer cuts).
	Top [][]Group
	// Problems counts the lines and inputs that could not be read; the
	// caller sets it from the run's tally.
	Problems int
}

// counter is what a batch, or the whole run, counted.
type counter struct {
	groups *table
	// for the overview
	all     span
	minutes map[int64]int
	tops    []*table
}

func newCounter(opts Options) *counter {
	if !opts.Overview {
		return &counter{groups: newTable(opts.Keys)}
	}
	c := &counter{minutes: map[int64]int{}}
	for _, k := range overviewKeys {
		c.tops = append(c.tops, newTable([]Key{k}))
	}
	return c
}

func (c *counter) add(f *fields) {
	f.readDate()
	if c.groups != nil {
		c.groups.add(f)
		return
	}
	c.all.add(f)
	if f.dated {
		c.minutes[floorDiv(f.instant.Unix(), 60)]++
	}
	for _, t := range c.tops {
		t.add(f)
	}
}

func (c *counter) merge(o *counter) {
	if c.groups != nil {
		c.groups.merge(o.groups)
		return
	}
	c.all.merge(&o.all)
	for m, n := range o.minutes {
		c.minutes[m] += n
	}
	for i, t := range c.tops {
		t.merge(o.tops[i])
	}
}

func (c *counter) result() *Result {
	if c.groups != nil {
		return &Result{Groups: c.groups.sorted()}
	}
	ov := &Overview{Events: c.all.events, Dated: c.all.dated, First: c.all.first, Last: c.all.last, Minutes: c.minutes}
	for _, t := range c.tops {
		ov.Top = append(ov.Top, t.sorted())
	}
	return &Result{Overview: ov}
}

// batch is one batch's counts, or with --limit its events, kept to be
// counted in input order.
type batch struct {
	pipeline.Output
	counts *counter
	events []fields // with --limit: copies, counted until the limit
}

// Run counts the selected events of p. Problems are reported through p as
// they are met, in input order; the error is out's, which gets nothing but
// the problems' order.
func Run(p *pipeline.Pipeline, out io.Writer, opts Options) (*Result, error) {
	work := func(b *pipeline.Batch) *batch {
		res := &batch{}
		if opts.Limit <= 0 {
			res.counts = newCounter(opts)
		}
		// Unless a selector decodes the event, the members the keys start
		// from are found as each event is delimited: one reading of its
		// bytes.
		var tops [len(topKeys)][2]int
		need := pipeline.Need{}
		if !p.DecodesModel() {
			need.Scan = func(data []byte, pos int, _ *model.Event) (int, error) {
				end, object, err := jsonscan.Members(data, pos, topKeys[:], tops[:])
				switch {
				case err != nil:
					return end, err
				case !object:
					return end, model.ErrNotObject
				}
				for i := range tops {
					if tops[i][0] >= 0 {
						tops[i][0] -= pos
						tops[i][1] -= pos
					}
				}
				return end, nil
			}
		}
		for ev := range b.Events(need) {
			f := fields{raw: ev.Raw, host: ev.Host}
			if need.Scan != nil {
				f.tops = &tops
			}
			if res.counts != nil {
				res.counts.add(&f)
				continue
			}
			f.raw = append([]byte(nil), f.raw...) // valid until work returns
			f.tops = nil
			res.events = append(res.events, f)
		}
		res.Output = b.Output
		return res
	}
	total := newCounter(opts)
	emit := func(res *batch) error {
		if err := p.Emit(out, &res.Output); err != nil {
			return err
		}
		if res.counts != nil {
			total.merge(res.counts)
			return nil
		}
		for i := range res.events {
			if !p.Take() {
				return pipeline.Stop
			}
			total.add(&res.events[i])
			if p.Done() {
				return pipeline.Stop
			}
		}
		return nil
	}
	if err := pipeline.Run(p, work, emit); err != nil {
		return nil, err
	}
	return total.result(), nil
}
