package cmd

import (
	"errors"

	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/query"
)

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
