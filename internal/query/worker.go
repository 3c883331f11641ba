package query

import (
	"bytes"
	"sync"

	"github.com/itchyny/gojq"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jsonscan"
)

// worker runs the filter over whole batches of events, with its own
// compiled code, decoder and encoder: nothing is shared between workers but
// the program.
type worker struct {
	p     *Program
	code  *gojq.Code
	sess  *session
	dec   Decoder
	enc   *Encoder
	sel   *selection
	lit   *literalTest
	table *tableCollector
	// identity: print events from their bytes (see Encoder.AppendOutputText).
	identity bool
}

func (ru *runner) newWorker(inputs gojq.Iter) (*worker, error) {
	w := &worker{p: ru.p, sess: newSession(ru.o.StderrTerm), enc: NewEncoder(ru.o.Format), table: ru.table}
	var err error
	if w.code, err = ru.p.code(w.sess, inputs); err != nil {
		return nil, err
	}
	if w.sel, err = ru.newSelection(); err != nil {
		return nil, err
	}
	// --limit counts selected events, and --where may fail on an event:
	// skipping events unseen would change both.
	if ru.o.Select.Limit == 0 && ru.o.Select.Where == "" {
		w.lit = ru.p.literal
	}
	w.identity = ru.p.identity && ru.table == nil && ru.o.Select.Where == ""
	return w, nil
}

// segment is a stretch of a batch's results, printed in order: its
// standard output, then its standard error.
type segment struct {
	outEnd, diagEnd, rowEnd int
	selected                bool // ends an event the selectors picked (for --limit)
	outputs                 int
	lastFalsy               bool
	failed                  bool // the filter failed on the event
	invalid                 bool // a record that is not JSON
	halt                    *gojq.HaltError
}

// batchResult is what a worker made of one batch.
type batchResult struct {
	out      []byte
	diag     []byte
	rows     []tableRow
	segments []segment
}

var batchResults = sync.Pool{New: func() any { return new(batchResult) }}

func (r *batchResult) reset() {
	r.out, r.diag = r.out[:0], r.diag[:0]
	clear(r.rows)
	r.rows = r.rows[:0]
	clear(r.segments)
	r.segments = r.segments[:0]
}

// cut ends the current segment.
func (r *batchResult) cut(s segment) {
	s.outEnd, s.diagEnd, s.rowEnd = len(r.out), len(r.diag), len(r.rows)
	r.segments = append(r.segments, s)
}

// diagStart is where the current segment's standard error starts.
func (r *batchResult) diagStart() int {
	if n := len(r.segments); n > 0 {
		return r.segments[n-1].diagEnd
	}
	return 0
}

// batch runs the filter over a batch's events.
func (w *worker) batch(b *input.Batch) *batchResult {
	res := batchResults.Get().(*batchResult)
	res.reset()
	for i := range b.Records {
		if w.record(&b.Records[i], res) {
			break // halted
		}
	}
	return res
}

// record runs the filter over the values of one record; true means halt.
func (w *worker) record(rec *input.Record, res *batchResult) bool {
	if rec.Err != nil {
		res.diag = appendMessage(res.diag, framingMessage(rec))
		res.cut(segment{invalid: true})
		return false
	}
	if w.lit != nil && w.lit.CannotMatch(rec.Data) {
		return false
	}
	if w.sel != nil && w.sel.cannotMatch(rec.Data) && validJSON(rec.Data) {
		return false
	}
	if w.identity {
		return w.recordText(rec, res)
	}
	return w.values(rec, res, 0)
}

// values decodes the values of a record from data[from] on, and runs the
// filter over them; true means halt.
func (w *worker) values(rec *input.Record, res *batchResult, from int) bool {
	s := string(rec.Data) // one copy: strings and numbers are slices of it
	multiline := bytes.IndexByte(rec.Data, '\n') >= 0
	for pos := skipSpace(s, from); pos < len(s); pos = skipSpace(s, pos) {
		v, end, err := w.dec.Decode(s, pos)
		if err != nil {
			res.diag = appendMessage(res.diag, invalidMessage(rec, err.Offset, err.Msg))
			res.cut(segment{invalid: true})
			return false
		}
		line := rec.Line
		if multiline {
			line, _ = rec.Position(pos)
		}
		data := rec.Data[pos:end]
		pos = end
		if w.sel != nil {
			ok, err := w.sel.match(line, data, v)
			if err != nil {
				res.diag = appendMessage(res.diag, runtimeMessage(rec.File, line, err))
				res.cut(segment{failed: true})
				continue
			}
			if !ok {
				continue
			}
		}
		w.sess.at(rec.File, line, rec.Host)
		if w.run(v, res) {
			return true
		}
	}
	return false
}

// recordText prints each value of a record as `.` does, from its text.
func (w *worker) recordText(rec *input.Record, res *batchResult) bool {
	data := rec.Data
	multiline := bytes.IndexByte(data, '\n') >= 0
	for pos := jsonscan.SkipSpace(data, 0); pos < len(data); pos = jsonscan.SkipSpace(data, pos) {
		mark := len(res.out)
		out, end, ok := w.enc.AppendOutputText(res.out, data, pos)
		if !ok {
			// Not JSON: decoding says what is wrong.
			return w.values(rec, res, pos)
		}
		res.out = out
		line := rec.Line
		if multiline {
			line, _ = rec.Position(pos)
		}
		value := data[pos:end]
		pos = end
		if w.sel != nil {
			if ok, _ := w.sel.match(line, value, nil); !ok {
				res.out = res.out[:mark]
				continue
			}
		}
		falsy := value[0] == 'n' || value[0] == 'f'
		res.cut(segment{selected: true, outputs: 1, lastFalsy: falsy})
	}
	return false
}

// run runs the filter on one event, the session's current one; true means
// halt.
func (w *worker) run(v any, res *batchResult) bool {
	seg := segment{selected: true}
	iter := w.code.Run(v, w.p.values...)
	for {
		out, ok := iter.Next()
		if !ok {
			break
		}
		w.takeDiag(res)
		if err, ok := out.(error); ok {
			if h, ok := err.(*gojq.HaltError); ok {
				seg.halt = h
				break
			}
			res.diag = appendMessage(res.diag, w.sess.errorMessage(err))
			seg.failed = true
			break
		}
		if len(res.diag) > res.diagStart() {
			// Standard error came first: it is printed first.
			res.cut(segment{})
		}
		if w.table != nil {
			row, err := w.table.row(out)
			if err != nil {
				res.diag = appendMessage(res.diag, w.sess.errorMessage(err))
				seg.failed = true
				break
			}
			res.rows = append(res.rows, row)
		} else {
			res.out = w.enc.AppendOutput(res.out, out)
		}
		seg.outputs++
		seg.lastFalsy = out == nil || out == false
	}
	w.takeDiag(res)
	res.cut(seg)
	return seg.halt != nil
}

// takeDiag moves the filter's debug and stderr output into the results.
func (w *worker) takeDiag(res *batchResult) {
	if len(w.sess.diag) > 0 {
		res.diag = append(res.diag, w.sess.diag...)
		w.sess.diag = w.sess.diag[:0]
	}
}
