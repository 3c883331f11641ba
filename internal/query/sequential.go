package query

import (
	"io"

	"github.com/itchyny/gojq"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jqlib"
	"github.com/csmctl/csmctl/internal/jsonscan"
)

// source yields the selected events one at a time, in order: the values the
// filter runs on, and those input and inputs read. Like jq's, it is one
// stream shared by both, so an event read by input is not run on.
type source struct {
	ru    *runner
	r     *input.Reader
	w     *worker // decodes, selects, and holds the session
	batch *input.Batch
	next  int               // index in batch of the next record
	rec   *input.Record     // the record being decoded
	vals  input.ValueReader // its values
	s     string            // its bytes
	v     any               // the value decode decoded last
	taken int               // events selected, for --limit
	done  bool
}

// Next returns the next selected event. Records that are not JSON are
// reported and skipped; the filter never sees them.
func (src *source) Next() (any, bool) {
	for !src.done {
		if src.rec == nil && !src.nextRecord() {
			break
		}
		w := src.w
		rec := src.rec
		val, ok := src.vals.Next(src.decode)
		if !ok {
			src.rec = nil
			continue
		}
		if val.Err != nil {
			src.ru.report(val.Err.Error())
			src.ru.res.InvalidJSON++
			src.rec = nil
			continue
		}
		if w.sel != nil {
			ok, err := w.sel.match(location(rec, val), val.Data, src.v)
			if err != nil {
				src.ru.report(runtimeMessage(rec.File, val.Line, err))
				src.ru.res.RuntimeErrors++
				continue
			}
			if !ok {
				continue
			}
			if limit := src.ru.o.Select.Limit; limit > 0 {
				if src.taken++; src.taken >= limit {
					src.done = true // this one is the last
				}
			}
		}
		w.sess.at(rec.File, val.Line, rec.Host)
		return src.v, true
	}
	src.release()
	return nil, false
}

// decode delimits the record's values by decoding them.
func (src *source) decode(_ []byte, pos int) (end int, err *jsonscan.SyntaxError) {
	src.v, end, err = src.w.dec.Decode(src.s, pos)
	return end, err
}

// nextRecord moves to the next record, reading a batch when needed.
func (src *source) nextRecord() bool {
	for {
		if src.batch != nil && src.next < len(src.batch.Records) {
			rec := &src.batch.Records[src.next]
			src.next++
			if rec.Err == nil && src.w.sel != nil && src.w.sel.cannotMatch(rec.Data) && decodable(rec.Data) {
				continue
			}
			src.rec, src.vals, src.s = rec, input.NewValueReader(rec), string(rec.Data)
			return true
		}
		src.release()
		// Hand over what is printed so far before waiting for more input:
		// a live `tail -f | csmctl query` shows each result as it comes.
		_ = src.ru.flushOut()
		b, err := src.r.Next()
		if err == io.EOF {
			src.done = true
			return false
		}
		if err != nil {
			src.ru.inputError(err)
			continue
		}
		src.batch, src.next = b, 0
	}
}

func (src *source) release() {
	if src.batch != nil {
		src.batch.Release()
		src.batch = nil
	}
	src.rec = nil
}

// slurped is the input of -n -s: the array of all events, once.
type slurped struct {
	src  gojq.Iter
	done bool
}

func (s *slurped) Next() (any, bool) {
	if s.done {
		return nil, false
	}
	s.done = true
	return slurp(s.src), true
}

func slurp(src gojq.Iter) []any {
	all := []any{}
	for {
		v, ok := src.Next()
		if !ok {
			return all
		}
		all = append(all, v)
	}
}

// sequential runs the filter one event at a time, for filters that read
// input themselves, and for -n and -s.
func (ru *runner) sequential(r *input.Reader) error {
	src := &source{ru: ru, r: r}
	var inputs gojq.Iter = src
	if ru.o.Slurp {
		inputs = &slurped{src: src}
	}
	w, err := ru.newWorker(inputs)
	if err != nil {
		return err
	}
	w.lit = nil // events are read through the source, which decodes them all
	src.w = w
	defer src.release()
	res := batchResults.Get().(*batchResult)
	defer batchResults.Put(res)

	switch {
	case ru.o.NullInput:
		w.sess.noFile = len(ru.o.Files) == 0
		return ru.runOne(w, nil, res)
	case ru.o.Slurp:
		v, _ := inputs.Next()
		// As in gojq: once all is read, input_line has no event, and
		// input_filename names standard input only when it was the input.
		w.sess.Location, w.sess.filename = jqlib.Location{}, nil
		if len(ru.o.Files) == 0 {
			w.sess.filename = input.StdinName
		}
		return ru.runOne(w, v, res)
	}
	for {
		v, ok := src.Next()
		if !ok {
			return nil
		}
		if err := ru.runOne(w, v, res); err != nil {
			return err
		}
		if ru.res.Halted {
			return nil
		}
	}
}

// runOne runs the filter on one value and prints the results at once.
func (ru *runner) runOne(w *worker, v any, res *batchResult) error {
	res.reset()
	w.run(v, res)
	if err := ru.emit(res); err != errHalt {
		return err
	}
	return nil
}
