package cmd

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/hunt"
	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/selector"
	"github.com/csmctl/csmctl/internal/timeline"
)

// HuntOptions are the inputs of `csmctl hunt`.
type HuntOptions struct {
	IO *iostreams.IOStreams
	EventInputs
	Expr    string // --expr: one SECL expression
	Policy  string // --policy: a policy file
	Fields  bool   // --fields: list the fields and stop
	Explain bool
	Verify  bool
	Output  string // text or json
	OS      string // --os: auto, linux or windows
}

func newHuntCmd(io *iostreams.IOStreams, reading *input.Options, runF func(*HuntOptions) error) *cobra.Command {
	opts := &HuntOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "hunt (--expr SECL | --policy FILE | --verify | --fields) [FILE...]",
		Short: "Evaluate Datadog agent rules (SECL) over stored events: would this rule have fired?",
		Long: `Evaluate a Workload Protection agent rule, written in SECL as the agent
reads it, over the events csmctl reads: --expr one expression, or --policy
a policy file in the agent's format (macros, rules; a disabled rule, or one
with filters, is said on standard error and not evaluated, and an
agent_version is said and not checked). Each field is read from the backend JSON of the event, as
--fields lists: exact where the backend writes the agent's value, derived
where it writes it another way (argv from args, a name from a path), and
an expression that reads a field the backend does not carry does not
compile.

The Linux and the Windows agents have their own fields (--fields --os
windows lists Windows'). By default (--os auto) a rule compiles against
both, and each event is read with the fields of its OS: its agent.os, else
its shape, as validate chooses its schema. A field of one OS only then has
no value on the other's events, and is no error. --os linux or --os windows
reads every event with that OS's fields, and the other's are unknown.

Each match is a timeline line (csmctl timeline's columns: date, host, os,
rule, event, outcome, pid, process, user, detail, FILE:LINE; aligned on a
terminal, tab-separated into a pipe) with the matching rule's id first (the
policy's, or "expr" for --expr); --explain adds under it each comparison of
the rule with the values it read and whether it was true. -o json prints
one object per match, {"rule_id", "file", "line", "event"} (and "explain").
Matches come in input order; when the rules use variables (${...}, set
actions), the events are evaluated in time order, as timeline orders them,
so that the set actions are replayed in the order they happened, and the
matches come in that order. The count of matches of each rule is written
on standard error at the end.

--verify checks the mapping against the agent: for each event that carries
evt.rule_context (the expression the agent matched and the values it
matched, matching_subexprs), it evaluates that expression on its own event,
with the fields of the event's OS, and prints a line for each event where csmctl does not match, or reads
other values than the agent did.

The selectors (--rule, --pid, --event, --since, --until, --where, --line)
pick the events evaluated; --limit stops after that many matching events.

Exit status, like grep: 0 when some event matched (--verify: when csmctl
agrees with the agent on every event), 1 when none did (or some differ),
2 for usage errors, an expression that does not compile (its position is
named: --expr:1:31) or an input that could not be read. Lines that are not
JSON objects are reported on standard error and do not change the status
by themselves.`,
		Example: `  csmctl hunt --expr 'process.file.path == "/usr/bin/curl"' examples/linux.ndjson
  csmctl hunt --policy examples/hunt-policy.yaml examples/linux.ndjson
  csmctl hunt --explain --expr 'open.file.path =~ "/home/*/.ssh/*"' examples/linux.ndjson
  csmctl hunt --policy examples/hunt-windows-policy.yaml examples/events.ndjson
  csmctl hunt --verify examples/linux.ndjson
  csmctl hunt --fields --os windows`,
		RunE: func(c *cobra.Command, args []string) error {
			applyReading(&opts.Reading, reading)
			opts.Files = args
			modes := 0
			for _, on := range []bool{opts.Expr != "", opts.Policy != "", opts.Verify, opts.Fields} {
				if on {
					modes++
				}
			}
			if modes != 1 {
				return flagErrorf("give one of --expr, --policy, --verify or --fields")
			}
			if _, err := hunt.ParsePlatform(opts.OS); err != nil {
				return &FlagError{Err: err}
			}
			if _, err := pickOutput(huntOutputs, opts.Output); err != nil {
				return &FlagError{Err: err}
			}
			if _, err := selector.New(opts.Select, time.Time{}); err != nil {
				return &FlagError{Err: err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runHunt(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Expr, "expr", "", "a SECL expression to evaluate on every event")
	cmd.Flags().StringVar(&opts.Policy, "policy", "", "a policy file (the agent's YAML format) whose rules to evaluate")
	cmd.Flags().BoolVar(&opts.Fields, "fields", false, "list the SECL fields and where backend events hold them, and stop")
	cmd.Flags().StringVar(&opts.OS, "os", "auto", "the agent whose fields rules read: linux, windows, or auto (each event by its agent.os, else its shape)")
	cmd.Flags().BoolVar(&opts.Explain, "explain", false, "show under each match which comparisons were true, and with what values")
	cmd.Flags().BoolVar(&opts.Verify, "verify", false, "re-evaluate each event's evt.rule_context and list where csmctl differs from the agent")
	addOutputFlag(cmd.Flags(), &opts.Output, huntOutputs)
	opts.Select.AddFlags(cmd.Flags())
	addWorkersFlag(cmd.Flags(), &opts.Workers)
	return cmd
}

// huntOutputs are hunt's -o formats, each a printer of matches.
var huntOutputs = []outputFormat[hunt.NewOutput]{
	{Name: "text", Help: "a timeline line per match, rule id first", Printer: hunt.TextOutput},
	{Name: "json", Help: "an object per match", Printer: hunt.JSONOutput},
}

func runHunt(opts *HuntOptions) error {
	io := opts.IO
	platform, err := hunt.ParsePlatform(opts.OS)
	if err != nil {
		return &FlagError{Err: err}
	}
	if opts.Fields {
		if err := hunt.PrintFields(io.Out, platform.FieldList()); err != nil {
			return &ExitError{Code: ExitUsage, Err: err}
		}
		return nil
	}
	newPrinter, err := pickOutput(huntOutputs, opts.Output)
	if err != nil {
		return &FlagError{Err: err}
	}
	var rules *hunt.Rules
	switch {
	case opts.Expr != "":
		rules, err = hunt.CompileExpr(opts.Expr, platform)
	case opts.Policy != "":
		var data []byte
		if data, err = os.ReadFile(opts.Policy); err == nil {
			rules, err = hunt.CompilePolicy(opts.Policy, data, platform)
		}
	}
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: fmt.Errorf("hunt: %w", err)}
	}
	p, err := startPipeline(io, opts.pipelineOptions())
	defer p.Close()
	if err != nil {
		return err
	}
	if opts.Verify {
		v, err := hunt.Verify(p, io.Out, hunt.AgentConstant)
		if err != nil {
			return &ExitError{Code: ExitUsage, Err: err}
		}
		return huntStatus(p, v.Differ+v.NotCompile == 0)
	}
	hunt.ReportSkipped(p, rules)
	n, err := hunt.Run(p, io.Out, hunt.Options{
		Rules:    rules,
		Out:      newPrinter(io.Out, timeline.Style{Palette: io.Palette(), TTY: io.IsStdoutTTY()}),
		Explain:  opts.Explain,
		Limit:    opts.Select.Limit,
		Constant: hunt.AgentConstant,
	})
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return huntStatus(p, n > 0)
}

// huntStatus is grep's: 2 when an input could not be read whole, else 0
// when something matched (ok), else 1. Problems with the data were
// reported as they came.
func huntStatus(p *pipeline.Pipeline, ok bool) error {
	switch {
	case p.Tally.Unread > 0:
		return &ExitError{Code: ExitUsage, Silent: true}
	case !ok:
		return &ExitError{Code: ExitData, Silent: true}
	}
	return nil
}
