package pipeline

import (
	"errors"
	"iter"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jqlib"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/selector"
)

// Batch is a run of consecutive records handed to one worker, and what the
// worker makes of it for the terminal.
type Batch struct {
	// Records are valid until the work function returns.
	Records []input.Record
	Output
	p *Pipeline
}

// Event is one event of a batch, as Events yields it. It is valid until the
// next one is yielded.
type Event struct {
	Pos input.Position // where the event starts (no column)
	Raw []byte         // the event's bytes
	// Envelope is the Datadog envelope the event came in (log archive line
	// or Logs API log), Raw within it; nil for a plain event. Host and LogID
	// are the envelope's.
	Envelope    []byte
	Host, LogID string
	// Model is the event decoded, when Need asked for it or a selector
	// needed it; else an empty event.
	Model *model.Event
	// Selected reports whether the selectors (all but --limit) pick the
	// event; only Need.Unselected yields events that are not.
	Selected bool
}

// Need says what a work function needs of each event, so that nothing else
// is decoded.
type Need struct {
	// Model asks for the typed event; otherwise it is decoded only when a
	// selector looks inside the event (--rule, --event, --pid, --since,
	// --until).
	Model bool
	// Decode decodes the typed event from a value's bytes; nil means
	// model.Decode.
	Decode func(value []byte) (*model.Event, error)
	// Scan, if set, delimits each value and decodes it at once, so that
	// the value's bytes are read once (lineage.Decode). A
	// *jsonscan.SyntaxError is a value that is not JSON; any other error,
	// a value that is not an event.
	Scan func(data []byte, pos int, ev *model.Event) (int, error)
	// Unselected yields the events the selectors do not pick too (tree
	// builds the lineage from every event).
	Unselected bool
}

// NeedsModel reports whether the selectors look inside the event, so that
// it must be decoded to be selected.
func NeedsModel(o selector.Options) bool {
	return len(o.Rules) > 0 || len(o.Events) > 0 || len(o.PIDs) > 0 || o.Since != "" || o.Until != ""
}

// Events yields the events of the batch, in order, that the selectors pick
// (all of them with need.Unselected). Values that are not JSON, are not
// events, or that a selector fails on are reported in the batch's Output,
// and the events around them are still yielded.
func (b *Batch) Events(need Need) iter.Seq[*Event] {
	return func(yield func(*Event) bool) {
		sel := b.p.Selector()
		defer b.p.PutSelector(sel)
		decode := need.Model || NeedsModel(b.p.opts.Select)
		var docs DocDecoder // --where's values
		if sel.NeedsDoc() {
			docs = b.p.opts.NewDoc()
		}
		var ev Event
		var scratch model.Event
		var unread model.Event // the Model of events not decoded: Match reads it only
		var notEvent error     // why the value Scan just decoded is not an event
		scan := func(data []byte, pos int) (int, *jsonscan.SyntaxError) {
			scratch = model.Event{}
			end, err := need.Scan(data, pos, &scratch)
			if err != nil {
				// Only here: errors.As's target escapes, an allocation
				// that every value would otherwise pay.
				var se *jsonscan.SyntaxError
				if errors.As(err, &se) {
					return end, se
				}
			}
			notEvent = err
			return end, nil
		}
		// Scan delimits the values, but with --line only those of the
		// lines it picks are worth decoding: the others are delimited
		// alone, and the picked ones decoded after.
		scanning := need.Scan != nil && (need.Unselected || !sel.SelectsLines())
		delimit := input.ScanFunc(skipValue)
		if scanning {
			delimit = scan
		}
		for i := range b.Records {
			rec := &b.Records[i]
			ev.Envelope, ev.Host, ev.LogID = rec.Envelope, rec.Host, rec.LogID
			// A ValueReader, not a range over Record.ScanValues: that would
			// allocate its closures for every record.
			values := input.NewValueReader(rec)
			for {
				val, more := values.Next(delimit)
				if !more {
					break
				}
				// A record's values stop at its first syntax error.
				if val.Err != nil {
					b.Failed(val.Err.Error())
					break
				}
				ev.Pos = input.Position{File: rec.File, Line: val.Line}
				ev.Raw = val.Data
				if !need.Unselected && !sel.MatchLine(val.Line) {
					continue
				}
				switch {
				case need.Scan != nil:
					if !scanning {
						scan(val.Data, 0) // delimited already: no syntax error left
					}
					if notEvent != nil {
						b.Problem(ev.Pos, notEvent.Error())
						notEvent = nil
						continue
					}
					ev.Model = &scratch
				case decode:
					m, err := decodeModel(need, val.Data)
					if err != nil {
						b.Problem(ev.Pos, err.Error())
						continue
					}
					ev.Model = m
				case val.Data[0] != '{':
					b.Problem(ev.Pos, model.ErrNotObject.Error())
					continue
				default:
					ev.Model = &unread
				}
				var doc any
				if docs != nil {
					// The bytes as read: --where sees what query's filters
					// see. They were delimited, but the decoder refuses more
					// (a number too long): such an event is reported, not
					// matched as null.
					var se *jsonscan.SyntaxError
					if doc, _, se = docs.Decode(string(val.Data), 0); se != nil {
						start := cap(rec.Data) - cap(val.Data) // val.Data is rec.Data[start:…]
						b.Failed(rec.Location(start+se.Offset) + ": invalid JSON: " + se.Msg)
						continue
					}
				}
				ok, err := sel.Match(jqlib.Location{File: rec.File, Line: val.Line, Host: rec.Host}, ev.Model, doc)
				if err != nil {
					b.Problem(ev.Pos, err.Error())
				}
				ev.Selected = ok
				if !ok && !need.Unselected {
					continue
				}
				if !yield(&ev) {
					return
				}
			}
		}
	}
}

// skipValue delimits a value without decoding it.
func skipValue(data []byte, pos int) (int, *jsonscan.SyntaxError) { return jsonscan.Skip(data, pos, 0) }

func decodeModel(need Need, value []byte) (*model.Event, error) {
	if need.Decode != nil {
		return need.Decode(value)
	}
	return model.Decode(value)
}
