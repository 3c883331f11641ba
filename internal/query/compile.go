package query

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/itchyny/gojq"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jqlib"
	"github.com/csmctl/csmctl/internal/memo"
)

// Options are the filter and what the jq flags give it.
type Options struct {
	Filter     string // the jq program
	FilterFile string // the file the program came from (-f), for error messages
	// Named are the $name variables (--arg, --argjson, --slurpfile,
	// --rawfile), also found in $ARGS.named. The first of a name wins.
	Named      []Arg
	Positional []any // $ARGS.positional (--args, --jsonargs)
	// Environ gives $ENV and env; nil means an empty environment.
	Environ func() []string
	// ModulePaths are searched by import and include; a ~/.jq file among
	// them is loaded first, as jq does.
	ModulePaths []string
}

// Arg is a named variable.
type Arg struct {
	Name  string // without the $
	Value any
}

// CompileError is a filter that does not parse or compile. Its message is
// jq's, several lines long when it points at the error's position.
type CompileError struct{ Msg string }

func (e *CompileError) Error() string { return e.Msg }

// Program is a compiled filter, ready to run over many events: each worker
// compiles its own gojq code from it, with functions bound to that worker.
type Program struct {
	query  *gojq.Query
	names  []string // variable names, with their $
	values []any
	opts   Options
	// readsInputs: the filter may call input or inputs, which take events
	// from the shared input in order, so events cannot be run in parallel.
	readsInputs bool
	// literal, when set, proves from an event's bytes alone that the
	// filter yields nothing for it (see literal.go).
	literal *literalTest
	// identity: the filter is `.`, printed from the events' bytes.
	identity bool
	// modules loads import's and include's modules for every session's
	// compiling: it holds only the search paths, which gojq resolves (home
	// directory, executable's path) when it is made.
	modules moduleLoader
}

// inputCall finds a call of input or inputs in a filter's text. It may also
// match a variable or a key of that name: then events merely run one at a
// time, which is always correct. It is compiled with the first filter, not
// at every csmctl start.
var inputCall = memo.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`\binputs?\b`) }}

// Compile parses and compiles a filter. Errors are *CompileError.
func Compile(o Options) (*Program, error) {
	name := "<arg>"
	if o.FilterFile != "" {
		name = o.FilterFile
	}
	q, err := gojq.Parse(o.Filter)
	if err != nil {
		return nil, &CompileError{parseErrorMessage(name, o.Filter, err)}
	}
	p := &Program{opts: o, query: q, modules: newModuleLoader(o.ModulePaths)}
	p.readsInputs = len(q.Imports) > 0 || inputCall.Get().MatchString(q.String())
	p.literal = literalTestOf(q)
	p.identity = isIdentity(q)
	// The helpers come first, so the filter's own definitions shadow them.
	jqlib.Define(q)

	named := make(map[string]any, len(o.Named))
	for _, a := range o.Named {
		if _, dup := named[a.Name]; dup {
			continue
		}
		named[a.Name] = a.Value
		p.names = append(p.names, "$"+a.Name)
		p.values = append(p.values, a.Value)
	}
	positional := o.Positional
	if positional == nil {
		positional = []any{}
	}
	p.names = append(p.names, "$ARGS")
	p.values = append(p.values, map[string]any{"named": named, "positional": positional})

	// Compile once now, so that an error is reported before any input is read.
	if _, err := p.code(&session{}, gojq.NewIter[any]()); err != nil {
		return nil, err
	}
	return p, nil
}

// code compiles the program for one session; inputs feeds input and inputs.
func (p *Program) code(s *session, inputs gojq.Iter) (*gojq.Code, error) {
	environ := p.opts.Environ
	if environ == nil {
		environ = func() []string { return nil }
	}
	opts := []gojq.CompilerOption{
		gojq.WithModuleLoader(p.modules),
		gojq.WithEnvironLoader(environ),
		gojq.WithVariables(p.names),
		gojq.WithFunction("input_filename", 0, 0, s.inputFilename),
		gojq.WithFunction("debug", 0, 0, s.debug),
		gojq.WithFunction("stderr", 0, 0, s.stderr),
	}
	opts = append(opts, jqlib.Functions(&s.Location)...)
	if inputs != nil {
		opts = append(opts, gojq.WithInputIter(inputs))
	}
	code, err := gojq.Compile(p.query, opts...)
	if err != nil {
		var pe interface {
			QueryParseError() (string, string, error)
		}
		if errors.As(err, &pe) {
			name, src, err := pe.QueryParseError()
			return nil, &CompileError{parseErrorMessage(name, src, err)}
		}
		return nil, &CompileError{"compile error: " + err.Error()}
	}
	return code, nil
}

// parseErrorMessage words a parse error as jq does, pointing at it:
//
//	invalid query: .a | foo(
//	    .a | foo(
//	             ^  unexpected EOF
//
// and for a filter file, or one of several lines, with the line number.
func parseErrorMessage(name, src string, err error) string {
	var offset int
	var pe *gojq.ParseError
	if errors.As(err, &pe) {
		offset = pe.Offset - len(pe.Token) + 1
	}
	ex := excerptAt(src, offset)
	if name != "<arg>" || strings.ContainsAny(src, "\r\n") {
		l := fmt.Sprint(ex.line)
		return fmt.Sprintf("invalid query: %s\n    %s | %s\n    %*c  %s",
			input.Position{File: name, Line: ex.line}, l, ex.text, ex.column+len(l)+4, '^', err)
	}
	return fmt.Sprintf("invalid query: %s\n    %s\n    %*c  %s", src, ex.text, ex.column+1, '^', err)
}
