// Package jqlib is csmctl's jq library: the functions defined before every
// jq program csmctl compiles, query's filters and every --where alike, so
// that a function a filter can call can also select events.
//
// Its helpers are written in jq (helpers.jq); input_line and input_host are
// written in Go, as they read where the event at hand came from, which jq
// cannot see.
package jqlib

import (
	_ "embed"
	"sync"

	"github.com/itchyny/gojq"
)

//go:embed helpers.jq
var helpersSource string

var helpers = sync.OnceValue(func() []*gojq.FuncDef {
	q, err := gojq.Parse(helpersSource + ".")
	if err != nil {
		panic("jqlib: helpers.jq: " + err.Error())
	}
	return q.FuncDefs
})

// Define puts the helpers before q's own definitions, so that q can
// redefine them.
func Define(q *gojq.Query) {
	q.FuncDefs = append(append([]*gojq.FuncDef(nil), helpers()...), q.FuncDefs...)
}

// Location is where the event a program runs on came from, as input_line
// and input_host tell it. The zero Location is no event at hand: a program
// run with -n, or over the slurped input.
type Location struct {
	File string
	Line int    // 1-based; 0 when no event is at hand
	Host string // of the Datadog envelope the event came in; "" for a plain event
}

// Functions are the compiler options that define input_line and input_host
// on the event *at: the caller updates *at before each run.
func Functions(at *Location) []gojq.CompilerOption {
	return []gojq.CompilerOption{
		gojq.WithFunction("input_line", 0, 0, at.inputLine),
		gojq.WithFunction("input_host", 0, 0, at.inputHost),
	}
}

// inputLine is input_line: {"file": …, "line": …} of the event, or null
// when there is none.
func (at *Location) inputLine(any, []any) any {
	if at.Line == 0 {
		return nil
	}
	return map[string]any{"file": at.File, "line": at.Line}
}

// inputHost is input_host: the host of the Datadog envelope (log archive
// line or Logs API export) the event came in, or null for a plain event.
func (at *Location) inputHost(any, []any) any {
	if at.Line == 0 || at.Host == "" {
		return nil
	}
	return at.Host
}
