package query

import (
	"bytes"
	"errors"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jqlib"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/selector"
)

// selection is how a worker picks events: the selector flags without
// --limit, which is counted in input order by the printer.
type selection struct {
	sel       *selector.Selector
	needEvent bool       // a selector looks at the decoded event
	needles   [][][]byte // for --rule and --event: one of each list must be in the bytes
}

func (ru *runner) newSelection() (*selection, error) {
	so := ru.o.Select
	if !so.Active() {
		return nil, nil
	}
	if so.Limit < 0 {
		return nil, errors.New("--limit must not be negative")
	}
	so.Limit = 0
	sel, err := selector.New(so, ru.anchor)
	if err != nil {
		return nil, err
	}
	s := &selection{sel: sel}
	s.needEvent = len(so.Rules) > 0 || len(so.Events) > 0 || len(so.PIDs) > 0 || so.Since != "" || so.Until != ""
	for _, list := range [][]string{so.Rules, so.Events} {
		if len(list) == 0 {
			continue
		}
		var ns [][]byte
		for _, v := range list {
			if !safeNeedle(v) {
				ns = nil
				break
			}
			ns = append(ns, []byte(v))
		}
		if ns != nil {
			s.needles = append(s.needles, ns)
		}
	}
	return s, nil
}

// cannotMatch reports whether the bytes of an event prove that --rule or
// --event rejects it: none of the values asked for occurs in them.
func (s *selection) cannotMatch(data []byte) bool {
	if len(s.needles) == 0 || hasUnicodeEscape(data) {
		return false
	}
	for _, list := range s.needles {
		found := false
		for _, n := range list {
			if bytes.Contains(data, n) {
				found = true
				break
			}
		}
		if !found {
			return true
		}
	}
	return false
}

// match applies the selectors to the event at. The event is decoded into the
// model only when a selector looks at it.
func (s *selection) match(at jqlib.Location, data []byte, v any) (bool, error) {
	ev := &model.Event{}
	if s.needEvent {
		if e, err := model.Decode(data); err == nil {
			ev = e
		}
	}
	return s.sel.Match(at, ev, v)
}

// location is where the value val of record rec came from.
func location(rec *input.Record, val input.Value) jqlib.Location {
	return jqlib.Location{File: rec.File, Line: val.Line, Host: rec.Host}
}

// decodable reports whether the decoder takes data: valid JSON values, no
// number too long. An event skipped undecoded must be one, or what is wrong
// with it would go unreported.
func decodable(data []byte) bool {
	if hasLongDigitRun(data) {
		return false
	}
	for i := jsonscan.SkipSpace(data, 0); i < len(data); i = jsonscan.SkipSpace(data, i) {
		end, err := jsonscan.Skip(data, i, 0)
		if err != nil {
			return false
		}
		i = end
	}
	return true
}
