// Package jqlib is csmctl's jq library: the functions defined before every
// jq program csmctl compiles, query's filters and every --where alike, so
// that a function a filter can call can also select events.
//
// Its helpers are written in jq (helpers.jq); input_line and input_host are
// written in Go, as they read where the event at hand came from, which jq
// cannot see, and so is cmdline, so that it quotes a command line by the
// one rule show and tree use (model.ShellCommandLine).
package jqlib

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/itchyny/gojq"

	"github.com/csmctl/csmctl/internal/memo"
	"github.com/csmctl/csmctl/internal/model"
)

//go:embed helpers.jq
var helpersSource string

var helpers = memo.Value[[]*gojq.FuncDef]{New: func() []*gojq.FuncDef {
	q, err := gojq.Parse(helpersSource + ".")
	if err != nil {
		panic("jqlib: helpers.jq: " + err.Error())
	}
	return q.FuncDefs
}}

// Define puts the helpers before q's own definitions, so that q can
// redefine them. A program that imports no module and names no helper
// (see mentionsHelper) cannot call one and gets none: parsing and
// compiling them, and the builtins they call, was a third of a one-event
// query's own start-up.
func Define(q *gojq.Query) {
	if len(q.Imports) == 0 && !mentionsHelper(q.String()) {
		return
	}
	q.FuncDefs = append(append([]*gojq.FuncDef(nil), helpers.Get()...), q.FuncDefs...)
}

// mentionsHelper reports whether the text of a program names one of the
// helpers as a word that could be a call: not right after "." (a key) or
// "$" (a variable). It may also find a name in a string or an object key,
// which only costs the helpers' compiling.
func mentionsHelper(program string) bool {
	for rest := helpersSource; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		name, ok := strings.CutPrefix(line, "def ")
		if !ok {
			continue
		}
		name = name[:identEnd(name, 0)]
		for i := 0; ; {
			k := strings.Index(program[i:], name)
			if k < 0 {
				break
			}
			start, end := i+k, i+k+len(name)
			before := byte(' ')
			if start > 0 {
				before = program[start-1]
			}
			if !isIdentByte(before) && before != '.' && before != '$' && identEnd(program, start) == end {
				return true
			}
			i = end
		}
	}
	return false
}

// identEnd returns the end of the jq identifier that starts at s[i].
func identEnd(s string, i int) int {
	for i < len(s) && isIdentByte(s[i]) {
		i++
	}
	return i
}

func isIdentByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
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
		gojq.WithFunction("cmdline", 0, 0, commandLine),
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

// commandLine is cmdline: the process's command line as one string, on
// both platforms. A Windows event has it (process.cmdline, returned as
// written, whatever its type); a Linux event has argv0 and args, which
// are joined as show and tree join them (model.AppendShellCommandLine: an
// empty or null argv0 is left out, each word is quoted as a POSIX shell
// reads it). A word that is not a string, and an args that is not an
// array, is its JSON text, quoted likewise: written, never dropped, as jq
// cannot be told a value is ill-typed. null when there are no words.
func commandLine(v any, _ []any) any {
	event, _ := v.(map[string]any)
	process, ok := event["process"].(map[string]any)
	if !ok {
		return nil
	}
	if cmdline, ok := process["cmdline"]; ok {
		return cmdline
	}
	var words []string
	if args, ok := process["args"].([]any); ok {
		words = make([]string, 0, len(args))
		for _, a := range args {
			words = append(words, wordText(a))
		}
	} else if a, ok := process["args"]; ok && a != nil {
		words = []string{wordText(a)}
	}
	var argv0 string
	if a, ok := process["argv0"]; ok && a != nil {
		argv0 = wordText(a)
	}
	line := model.AppendShellCommandLine(nil, argv0, words)
	if len(line) == 0 {
		return nil
	}
	return string(line)
}

// wordText is a word of a command line: a string as it is, anything else
// as its JSON text (what tojson gives).
func wordText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	text, err := gojq.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(text)
}
