package query

import (
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
	table bool // -o table: outputs become rows
	// identity: print events from their bytes (see Encoder.AppendOutputText).
	identity bool
}

func (ru *runner) newWorker(inputs gojq.Iter) (*worker, error) {
	w := &worker{p: ru.p, sess: newSession(ru.o.StderrTerm), enc: NewEncoder(ru.o.Format), table: ru.table != nil}
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
	w.identity = ru.p.identity && !w.table && ru.o.Select.Where == ""
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
	if rec.Err == nil {
		if w.lit != nil && w.lit.CannotMatch(rec.Data) && !hasLongDigitRun(rec.Data) {
			return false
		}
		if w.sel != nil && w.sel.cannotMatch(rec.Data) && decodable(rec.Data) {
			return false
		}
	}
	// The identity filter prints values as `.` does, from their text, until
	// one is not JSON or too deep for that: from there on values are
	// decoded, and decoding says what is wrong.
	text := w.identity
	mark := 0    // where the value's output starts, when printed from its text
	var s string // the record's bytes, once: decoded strings and numbers are slices of it
	var v any    // the value, when decoded
	scan := func(data []byte, pos int) (end int, err *jsonscan.SyntaxError) {
		if text {
			mark = len(res.out)
			var ok bool
			if res.out, end, ok = w.enc.AppendOutputText(res.out, data, pos); ok {
				return end, nil
			}
			text = false
		}
		if s == "" {
			s = string(data)
		}
		v, end, err = w.dec.Decode(s, pos)
		return end, err
	}
	for val := range rec.ScanValues(scan) {
		switch {
		case val.Err != nil:
			res.diag = appendMessage(res.diag, val.Err.Error())
			res.cut(segment{invalid: true})
		case text:
			w.printed(rec, val, res, mark)
		default:
			if w.decoded(rec, val, v, res) {
				return true
			}
		}
	}
	return false
}

// printed ends the segment of a value printed from its text, at res.out[mark:],
// or takes the output back if the selectors do not pick the value.
func (w *worker) printed(rec *input.Record, val input.Value, res *batchResult, mark int) {
	if w.sel != nil {
		if ok, _ := w.sel.match(location(rec, val), val.Data, nil); !ok {
			res.out = res.out[:mark]
			return
		}
	}
	falsy := val.Data[0] == 'n' || val.Data[0] == 'f'
	res.cut(segment{selected: true, outputs: 1, lastFalsy: falsy})
}

// decoded runs the filter on a decoded value v if the selectors pick it;
// true means halt.
func (w *worker) decoded(rec *input.Record, val input.Value, v any, res *batchResult) bool {
	if w.sel != nil {
		ok, err := w.sel.match(location(rec, val), val.Data, v)
		if err != nil {
			res.diag = appendMessage(res.diag, runtimeMessage(rec.File, val.Line, err))
			res.cut(segment{failed: true})
			return false
		}
		if !ok {
			return false
		}
	}
	w.sess.at(rec.File, val.Line, rec.Host)
	return w.run(v, res)
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
		if w.table {
			row, err := newTableRow(out)
			if err != nil {
				res.diag = appendMessage(res.diag, w.sess.errorMessage(err))
				seg.failed = true
				break
			}
			if w.sess.Line > 0 {
				row.file, row.line = w.sess.File, w.sess.Line
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
