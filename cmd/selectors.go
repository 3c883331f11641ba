package cmd

import (
	"errors"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/query"
	"github.com/csmctl/csmctl/internal/selector"
)

// EventInputs are the options every command that reads events through the
// pipeline with the selectors has: what it reads and how, which events,
// on how many workers. Each command's options embed them.
type EventInputs struct {
	Reading input.Options // how inputs are read: the root's --max-record-size
	Files   []string
	Select  selector.Options
	Workers int
}

// pipelineOptions are the pipeline's options for these inputs.
func (in *EventInputs) pipelineOptions() pipeline.Options {
	return pipeline.Options{Files: in.Files, Reading: in.Reading, Select: in.Select, Workers: in.Workers}
}

// startPipeline starts a run over a command's inputs, read from io's
// standard input when there are none, problems reported on its standard
// error. A selector flag that makes no sense is a usage mistake, answered
// with a pointer to the help. The pipeline must be closed, even after an
// error.
func startPipeline(io *iostreams.IOStreams, o pipeline.Options) (*pipeline.Pipeline, error) {
	o.Stdin, o.ErrOut = io.In, io.ErrOut
	o.NewDoc = query.NewDocDecoder // --where sees events as query's filters do
	p, err := pipeline.New(o)
	var ue *pipeline.UsageError
	if errors.As(err, &ue) {
		return p, &FlagError{Err: ue.Err}
	}
	return p, err
}

// startEvents is how a command that prints events through an -o list
// begins: it picks the printer -o names and starts the pipeline over the
// command's inputs (startPipeline). The pipeline, nil when -o names no
// format, must be closed even after an error.
func startEvents[P any](io *iostreams.IOStreams, in *EventInputs, formats []outputFormat[P], output string) (P, *pipeline.Pipeline, error) {
	printer, err := pickOutput(formats, output)
	if err != nil {
		return printer, nil, &FlagError{Err: err}
	}
	p, err := startPipeline(io, in.pipelineOptions())
	return printer, p, err
}
