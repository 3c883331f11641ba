package cmd

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/render"
	"github.com/csmctl/csmctl/internal/schema"
)

// ValidateOptions are the inputs of `csmctl validate`.
type ValidateOptions struct {
	IO      *iostreams.IOStreams
	Reading input.Options // how inputs are read: the root's --max-record-size
	Files   []string
	Schema  string // a built-in schema name or a file
	Output  string // text or json
	Quiet   bool   // no summary
	Workers int
	// AllowUnknown reports unknown properties as warnings, not errors.
	AllowUnknown bool
	// ProgressAfter is how long a run goes before a progress bar shows (on
	// a terminal only); tests make it zero.
	ProgressAfter time.Duration
}

func newValidateCmd(io *iostreams.IOStreams, reading *input.Options, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{IO: io, ProgressAfter: time.Second}
	cmd := &cobra.Command{
		Use:   "validate [FILE...]",
		Short: "Check events against the CSM Threats backend event schema",
		Long: `Validate every event against the backend event JSON schema (draft 2020-12,
format "date-time" asserted) and print each problem as

  FILE:LINE: /json/pointer: message

A line that is not JSON is reported as FILE:LINE:COLUMN: invalid JSON: …, and
validation goes on with the next line. A summary goes to standard error,
with a second line counting the events by the schema that judged them when
more than one did, or when an event did not say its OS.

Each event is held to the schema of its agent.os ("linux" or "windows"); an
event without one, to the schema of the OS whose keys it has
(process.credentials, process.comm, dns… for Linux; registry,
permission_change, process.cmdline for Windows); with neither, to the Windows
schema, as a guess.

Exit status: 0 when every event is valid, 1 when any is invalid or not JSON,
2 for usage errors and unreadable inputs.`,
		Example: `  csmctl validate examples/events.ndjson
  csmctl validate -o json examples/violations.ndjson | jq -r '.errors[].path' | sort | uniq -c
  csmctl validate --allow-unknown examples/archive_20251103_0900.json.gz examples/api-export.json
  csmctl validate --schema windows examples/kinds.ndjson`,
		RunE: func(c *cobra.Command, args []string) error {
			applyReading(&opts.Reading, reading)
			opts.Files = args
			if err := checkOutput(opts.Output, "text", "json"); err != nil {
				return &FlagError{Err: err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runValidate(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Schema, "schema", schema.Auto, "schema: auto (by each event's agent.os, else its keys), windows, linux, or a draft 2020-12 schema `FILE`")
	cmd.Flags().BoolVar(&opts.AllowUnknown, "allow-unknown", false, "report unknown properties as warnings, not errors")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "text", "output format: text or json (one object per invalid event)")
	cmd.Flags().BoolVarP(&opts.Quiet, "quiet", "q", false, "do not print the summary")
	cmd.Flags().IntVar(&opts.Workers, "workers", runtime.GOMAXPROCS(0), "events validated in parallel by this many workers")
	_ = cmd.Flags().MarkHidden("workers")
	return cmd
}

// validateTally counts verdicts, and the inputs that could not be read
// whole.
type validateTally struct {
	events, invalid, syntax, warned int
	unread                          int
	bySchema                        []schemaTally // JSON events, by the schema that judged them
}

// schemaTally counts the events one schema judged.
type schemaTally struct {
	schema         schema.Choice
	valid, invalid int
}

// of returns the counts of the events schema c judged, new ones at first.
func (t *validateTally) of(c schema.Choice) *schemaTally {
	for i := range t.bySchema {
		if t.bySchema[i].schema == c {
			return &t.bySchema[i]
		}
	}
	t.bySchema = append(t.bySchema, schemaTally{schema: c})
	return &t.bySchema[len(t.bySchema)-1]
}

// add adds the counts of u.
func (t *validateTally) add(u validateTally) {
	t.events += u.events
	t.invalid += u.invalid
	t.syntax += u.syntax
	t.warned += u.warned
	for _, st := range u.bySchema {
		mine := t.of(st.schema)
		mine.valid += st.valid
		mine.invalid += st.invalid
	}
}

// validatedBatch is one batch's output and counts, produced by a worker.
type validatedBatch struct {
	out   []byte
	tally validateTally
}

func runValidate(opts *ValidateOptions) error {
	v, err := schema.Load(opts.Schema)
	if err != nil {
		return flagErrorf("--schema %s: %w", opts.Schema, err)
	}
	io := opts.IO
	pal := io.Palette()
	asJSON := opts.Output == "json"
	policy := schema.Policy{AllowUnknown: opts.AllowUnknown}

	r := input.Open(opts.Files, io.In, opts.Reading)
	work := func(b *input.Batch) validatedBatch {
		defer b.Release()
		var res validatedBatch
		var scratch []schema.Finding
		for i := range b.Records {
			scratch = schema.CheckRecord(v, &b.Records[i], scratch, func(vd *schema.Verdict) {
				res.tally.events++
				if len(vd.Findings) == 0 {
					res.tally.of(vd.Schema).valid++
					return
				}
				switch {
				case vd.Syntax():
					res.tally.invalid++
					res.tally.syntax++
				case policy.Grade(vd.Findings):
					res.tally.warned++
					res.tally.of(vd.Schema).valid++
				default:
					res.tally.invalid++
					res.tally.of(vd.Schema).invalid++
				}
				if asJSON {
					res.out = render.AppendVerdictJSON(res.out, vd)
				} else {
					res.out = render.AppendVerdictText(res.out, vd, pal)
				}
			})
		}
		return res
	}

	var total validateTally
	progress := newProgress(io, r, opts.ProgressAfter)
	var inputErr error
	emit := func(res validatedBatch) error {
		total.add(res.tally)
		progress.update()
		if len(res.out) > 0 {
			if io.IsStdoutTTY() {
				progress.clear()
			}
			if _, err := io.Out.Write(res.out); err != nil {
				return err
			}
		}
		return nil
	}
	onErr := func(err error) {
		progress.clear()
		fmt.Fprintf(io.ErrOut, "csmctl: %s\n", escape.Text(err.Error()))
		inputErr = mergeInputErr(inputErr, err)
		if !errors.Is(err, input.ErrNoEvents) {
			total.unread++
		}
	}
	if err := input.Parallel(r, opts.Workers, work, emit, onErr); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	progress.finish()
	if !opts.Quiet {
		fmt.Fprintln(io.ErrOut, summary(total))
	}
	if inputErr != nil {
		return inputErr
	}
	if total.invalid > 0 {
		return errDataProblems
	}
	return nil
}

func summary(t validateTally) string {
	s := fmt.Sprintf("%d %s: %d valid", t.events, plural(t.events, "event", "events"), t.events-t.invalid)
	if t.warned > 0 {
		s += fmt.Sprintf(" (%d with warnings)", t.warned)
	}
	s += fmt.Sprintf(", %d invalid", t.invalid)
	if t.syntax > 0 {
		s += fmt.Sprintf(" (%d not JSON)", t.syntax)
	}
	if t.unread > 0 {
		// The counts are of what could be read: say they are not the input's.
		s += fmt.Sprintf("; incomplete: %d %s could not be read whole", t.unread, plural(t.unread, "input", "inputs"))
	}
	return s + schemaSummary(t.bySchema)
}

// schemaSummary is a second summary line saying which schema judged how
// many events, when that is news: more than one schema judged them, or an
// event did not say its OS. It is empty otherwise.
//
//	schemas: linux 40 valid, 2 invalid; windows (guessed) 10 valid
func schemaSummary(bySchema []schemaTally) string {
	news := len(bySchema) > 1
	for _, st := range bySchema {
		news = news || st.schema.By == schema.ByShape || st.schema.By == schema.ByDefault
	}
	if !news {
		return ""
	}
	sorted := slices.SortedFunc(slices.Values(bySchema), func(a, b schemaTally) int {
		return cmp.Compare(a.schema.Label(), b.schema.Label())
	})
	s := "\nschemas: "
	for i, st := range sorted {
		if i > 0 {
			s += "; "
		}
		s += fmt.Sprintf("%s %d valid", escape.Text(st.schema.Label()), st.valid)
		if st.invalid > 0 {
			s += fmt.Sprintf(", %d invalid", st.invalid)
		}
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// mergeInputErr returns the status an input error adds to a run's: exit 2
// for an input that could not be read whole (missing, truncated, corrupt,
// not UTF-8), none for one that held no events.
func mergeInputErr(prev error, err error) error {
	if errors.Is(err, input.ErrNoEvents) {
		return prev
	}
	return errReported
}

// progress is a progress bar on stderr, for long runs on a terminal only: it
// appears once the work has taken a while, so short runs stay quiet. It
// counts the bytes read from the inputs (compressed ones as they are on
// disk) against their size, or, when that is unknown (a pipe), shows the
// bytes read and the rate alone.
type progress struct {
	r     *input.Reader
	after time.Duration // shown once the run has taken this long
	start time.Time
	bar   *progressbar.ProgressBar // nil when not on a terminal
	shown *gatedWriter
}

func newProgress(io *iostreams.IOStreams, r *input.Reader, after time.Duration) *progress {
	p := &progress{r: r, start: time.Now(), after: after}
	if !io.IsStderrTTY() {
		return p
	}
	// The bar starts with the run, unseen, so that its rate is the run's:
	// one started late would count everything read so far as done at once.
	p.shown = &gatedWriter{w: io.ErrOut}
	_, total := r.Progress()
	if total == 0 {
		total = -1 // unknown: a spinner, the bytes read and the rate
	}
	p.bar = progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(p.shown),
		progressbar.OptionSetDescription("validating"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
		// The spinner turns as bytes come, not on a timer: a timer's
		// goroutine would write to stderr beside the command's messages.
		progressbar.OptionSetSpinnerChangeInterval(0),
	)
	_ = p.bar.Set64(0) // starts its clock
	return p
}

func (p *progress) update() {
	if p.bar == nil {
		return
	}
	if !p.shown.open && time.Since(p.start) >= p.after {
		p.shown.open = true
	}
	done, _ := p.r.Progress()
	_ = p.bar.Set64(done)
}

// clear wipes the bar before other output is written, so lines never mix.
func (p *progress) clear() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// gatedWriter drops what is written to it until it is opened.
type gatedWriter struct {
	w    io.Writer
	open bool
}

func (g *gatedWriter) Write(b []byte) (int, error) {
	if !g.open {
		return len(b), nil
	}
	return g.w.Write(b)
}
