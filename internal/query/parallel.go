package query

import "github.com/csmctl/csmctl/internal/pipeline"

// parallel runs the filter over the events on all workers, and prints the
// results in input order.
func (ru *runner) parallel() error {
	n := ru.o.Workers
	workers := make(chan *worker, n)
	for range n {
		w, err := ru.newWorker(nil)
		if err != nil {
			return err
		}
		workers <- w
	}
	work := func(b *pipeline.Batch) *batchResult {
		w := <-workers
		defer func() { workers <- w }()
		return w.batch(b.Records)
	}
	emit := func(res *batchResult) error {
		defer batchResults.Put(res)
		if err := ru.emit(res); err != nil {
			return err
		}
		// A batch is what has come so far: `tail -f | csmctl query`
		// shows each result as its batch is done.
		return ru.flushOut()
	}
	ru.countLimit = true
	return pipeline.Run(ru.events, work, emit)
}

// emit prints a batch's results, counting --limit in input order.
func (ru *runner) emit(res *batchResult) error {
	var out, diag, rows int
	for _, seg := range res.segments {
		if _, err := ru.out.Write(res.out[out:seg.outEnd]); err != nil {
			return err
		}
		if ru.table != nil {
			ru.printRows(res.rows[rows:seg.rowEnd])
		}
		if seg.diagEnd > diag {
			if err := ru.flushOut(); err != nil {
				return err
			}
			_, _ = ru.o.ErrOut.Write(res.diag[diag:seg.diagEnd])
		}
		out, diag, rows = seg.outEnd, seg.diagEnd, seg.rowEnd
		if err := ru.count(seg); err != nil {
			return err
		}
	}
	return nil
}

// count adds a printed segment to the result. It returns errHalt or
// errLimit when the run must stop there.
func (ru *runner) count(seg segment) error {
	res := ru.res
	if seg.outputs > 0 {
		res.Outputs += seg.outputs
		res.LastFalsy = seg.lastFalsy
	}
	if seg.failed {
		res.RuntimeErrors++
	}
	if seg.invalid {
		res.InvalidJSON++
	}
	if seg.halt != nil {
		ru.halt(seg.halt)
		return errHalt
	}
	if seg.selected && ru.countLimit {
		if ru.events.Take(); ru.events.Done() {
			return errLimit
		}
	}
	return nil
}
