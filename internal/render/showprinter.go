package render

import (
	"bytes"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/pipeline"
)

// ShowTextPrinter prints each event as show's tables, laid out as layout
// says.
func ShowTextPrinter(layout ShowLayout) pipeline.EventPrinter {
	return pipeline.EventPrinter{
		Need: pipeline.Need{Model: true, Decode: func(value []byte) (*model.Event, error) {
			return model.Decode(escape.InvalidUTF8InJSON(value)) // shown as \xNN, not U+FFFD
		}},
		Print: func(buf *bytes.Buffer, ev *pipeline.Event) {
			src := Source{File: ev.Pos.File, Line: ev.Pos.Line, Host: ev.Host, LogID: ev.LogID}
			ShowEvent(buf, ev.Model, src, layout)
		},
	}
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
