// Package export writes events as files for columnar engines: Parquet
// (zstd), CSV or JSON lines, one flat row an event (Row), split into hive
// partition directories by date, each file written under a hidden name and
// renamed once complete.
package export

import (
	"io"

	"github.com/csmctl/csmctl/internal/pipeline"
)

// Options say what a run writes, and where.
type Options struct {
	Dir       string
	Format    Format
	Partition Partitioning
	// Overwrite writes into a directory that is not empty, replacing the
	// files a previous export wrote there.
	Overwrite bool
}

// Summary is what a run wrote.
type Summary struct {
	Dir   string
	Files int
	Rows  int64
	Bytes int64
	// IllTyped counts the rows with a value of the wrong type in a typed
	// column (date, pid, ppid, port, exit code, an ancestor's pid), written
	// NULL there; event_json has it as written.
	IllTyped int64
}

// batchRows is what a worker makes of a batch: the rows of its selected
// events, and its output, which holds one byte for each row so that the
// pipeline's Emit hands the rows over in order with the problems and
// stops them at --limit.
type batchRows struct {
	rows     []Row
	illTyped []bool // by row: it had an ill-typed value
	out      *pipeline.Output
}

// Run exports the selected events of p. An error is the output's (a file
// that could not be written): the files complete so far stay, the
// temporary ones are removed. The problems with the data are in p.Tally.
func Run(p *pipeline.Pipeline, opts Options) (Summary, error) {
	return runWith(p, opts, defaultLimits)
}

// runWith is Run with the bounds on what waits in memory.
func runWith(p *pipeline.Pipeline, opts Options, lim limits) (Summary, error) {
	sum := Summary{Dir: opts.Dir}
	dir, err := openOutDir(opts.Dir, opts.Format, opts.Overwrite)
	if err != nil {
		return sum, err
	}
	stop := removeOnSignal(dir)
	defer stop()
	w := newPartitionWriter(dir, opts.Partition)
	w.limits = lim
	work := func(b *pipeline.Batch) *batchRows {
		br := &batchRows{rows: make([]Row, 0, len(b.Records)), out: &b.Output}
		for ev := range b.Events(pipeline.Need{Model: true}) {
			row, illTyped := rowOf(ev)
			br.rows = append(br.rows, row)
			br.illTyped = append(br.illTyped, illTyped)
			b.Out = append(b.Out, 0)
			b.Selected()
		}
		return br
	}
	emit := func(br *batchRows) error {
		// Emit writes one byte a row taken, up to --limit.
		return p.Emit(&rowTaker{batch: br, w: w, illTyped: &sum.IllTyped}, br.out)
	}
	err = pipeline.Run(p, work, emit)
	if err == nil {
		err = w.close()
	}
	if err != nil {
		dir.abort()
		return sum, err
	}
	sum.Files, sum.Bytes, sum.Rows = dir.files, dir.bytes, w.rows
	return sum, nil
}

// rowTaker writes to w the rows whose bytes Emit writes to it.
type rowTaker struct {
	batch    *batchRows
	w        *partitionWriter
	illTyped *int64 // counts the ill-typed rows taken
}

func (t *rowTaker) Write(b []byte) (int, error) {
	n := len(b)
	if err := t.w.write(t.batch.rows[:n]); err != nil {
		return 0, err
	}
	for _, ill := range t.batch.illTyped[:n] {
		if ill {
			*t.illTyped++
		}
	}
	t.batch.rows, t.batch.illTyped = t.batch.rows[n:], t.batch.illTyped[n:]
	return n, nil
}

var _ io.Writer = (*rowTaker)(nil)
