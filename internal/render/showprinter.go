package render

import (
	"bytes"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/pipeline"
)

// ShowTextPrinter prints each event as show's tables, laid out as layout
// says.
func ShowTextPrinter(layout ShowLayout) pipeline.EventPrinter {
	return pipeline.EventPrinter{
		Need: pipeline.Need{Model: true, Scan: decodeShown},
		Print: func(buf *bytes.Buffer, ev *pipeline.Event) {
			src := Source{File: ev.Pos.File, Line: ev.Pos.Line, Host: ev.Host, LogID: ev.LogID}
			ShowEvent(buf, ev.Model, src, layout)
			// Printed, the event is forgotten: its objects hold the next.
			model.Release(ev.Model)
		},
	}
}

// decodeShown delimits and decodes the value at data[pos] in one walk. A
// value with invalid UTF-8 is decoded again with those bytes escaped, so
// that show prints them as \xNN, not as U+FFFD. The event's strings share
// data's memory: ShowTextPrinter prints and releases the event within its
// batch, before the batch's bytes are reused.
func decodeShown(data []byte, pos int, ev *model.Event) (int, error) {
	end, err := model.DecodeValueShared(data, pos, ev)
	if err != nil || utf8.Valid(data[pos:end]) {
		return end, err
	}
	shown, err := model.Decode(escape.InvalidUTF8InJSON(data[pos:end]))
	if err == nil {
		*ev = *shown
	}
	return end, err
}

// ShowJSONPrinter prints the events as they came in, one compact object a
// line, so that it decodes them only for a selector that looks inside.
func ShowJSONPrinter(ShowLayout) pipeline.EventPrinter {
	return pipeline.EventPrinter{Print: func(buf *bytes.Buffer, ev *pipeline.Event) {
		// With its envelope, if it had one: the host and log id it keeps
		// are what csmctl, reading the output again, needs to keep the
		// hosts' processes apart.
		value := ev.Raw
		if ev.Envelope != nil {
			value = ev.Envelope
		}
		buf.Write(escape.AppendCompactJSON(buf.AvailableBuffer(), value, escape.Terminal))
		buf.WriteByte('\n')
	}}
}
