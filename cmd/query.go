package cmd

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/query"
	"github.com/csmctl/csmctl/internal/render"
	"github.com/csmctl/csmctl/internal/selector"
)

// QueryOptions are the inputs of `csmctl query`.
type QueryOptions struct {
	IO       *iostreams.IOStreams
	Reading  input.Options // how inputs are read: the root's --max-record-size
	Filter   string        // the filter, or with FromFile the file holding it
	FromFile bool          // -f
	Files    []string

	Vars       []queryVar // --arg, --argjson, --slurpfile, --rawfile, in order
	Positional []queryPositional

	Compact, Raw, Join, ASCII, Tab bool
	Indent                         int
	Escape                         bool // --escape: escape strings as on a terminal, even into a pipe
	ColorOn, ColorOff              bool // -C, -M
	NullInput, Slurp, ExitStatus   bool

	Output  string // json or table
	Columns []string
	Select  selector.Options
	Workers int

	// Environ is $ENV; ModulePaths are where import looks.
	Environ     func() []string
	ModulePaths []string
}

// queryVar is a $name given on the command line, before it is read.
type queryVar struct {
	Flag, Name, Value string // Flag is arg, argjson, slurpfile or rawfile
}

// queryPositional is an argument after --args (a string) or --jsonargs.
type queryPositional struct {
	JSON  bool
	Value string
}

func newQueryCmd(io *iostreams.IOStreams, reading *input.Options, runF func(*QueryOptions) error) *cobra.Command {
	opts := &QueryOptions{IO: io, Environ: os.Environ,
		ModulePaths: []string{"~/.jq", "$ORIGIN/../lib/gojq", "$ORIGIN/../lib"}}
	cmd := &cobra.Command{
		Use:   "query [FILTER] [FILE...]",
		Short: "Run a jq filter over events, with jq's flags and gojq's output",
		Long: `Run a jq filter (gojq's implementation) over every event, in input order,
with jq's flags. For the same filter, flags and input, what is printed and the
exit status are those of the gojq command: object keys sorted, numbers as
written.

Besides jq's builtins, filters (and --where, in every command) can call
  input_line       {file, line} of the current event
  input_host       the host of the Datadog envelope it came in, or null
  lineage          executable names of the process and its ancestors
  ancestor_names   the same, without the process itself
  ancestors        the ancestor processes, nearest first
  is_registry      the event is about a registry key
  is_run_key       ... a Run or RunOnce autostart key
  cmdline          process.cmdline, else argv0 and args, shell-quoted
  container_id     container.id, else process.container.id
and the selector flags pick the events the filter sees. The definitions in
~/.jq, if it can be read, are loaded before the filter, as jq does.

A line that is not JSON is reported on standard error as "csmctl:
FILE:LINE:COLUMN: invalid JSON: ..." and skipped; so is an event holding a
number whose integer part has more than 1000 digits, which jq's arithmetic
would take minutes on. A filter error names the event's FILE:LINE and the next
event is queried.

On a terminal, what in a string could drive it (control characters, bidi
marks) is escaped, in JSON and in -r output; into a pipe the output is
gojq's, unless --escape asks for the terminal's escaping (for | less, | head).

-o table prints the objects the filter yields as a table, one column per key:
--columns picks and orders them, else the first object's keys, sorted. Into
a pipe, rows are tab-separated, header first, each printed as it comes; on a
terminal, the table is fitted to the screen once every row is in.

Exit status, as jq's, the first that applies: 3 the filter does not
compile; 2 a usage error, or an input could not be read (whatever -e or
halt_error would say); halt_error's own; 5 the filter failed on some event;
with -e, 4 when there is no output and 1 when the last output is false or
null; 1 when some line was not JSON; else 0.`,
		Example: `  csmctl query -c 'select(.evt.name == "set_key_value") | {date, key: .registry.key_path}' examples/events.ndjson
  csmctl query -r 'select(is_run_key) | [.date, (lineage | join(" < "))] | @tsv' examples/events.ndjson
  csmctl query --rule windows_process_exit_nonzero -o table --columns exe,code \
      '{exe: .process.executable.name, code: .exit.code}' examples/attack.ndjson
  csmctl query -c '{host: input_host, rule: .agent.rule_id}' examples/api-export.json
  csmctl query -n '[inputs | .agent.rule_id] | group_by(.) | map({(.[0]): length}) | add' examples/generated.ndjson.gz`,
		// jq's flags do not fit pflag: --arg takes two values and --args
		// turns the arguments after the filter into values. parseQueryArgs
		// handles those and hands the rest to the flag set.
		DisableFlagParsing: true,
		RunE: func(c *cobra.Command, args []string) error {
			help, err := parseQueryArgs(c, opts, args)
			if err != nil {
				return &FlagError{Err: err}
			}
			applyReading(&opts.Reading, reading) // set by parseQueryArgs, through the root's flag
			if help {
				return c.Help()
			}
			if err := opts.check(); err != nil {
				return &FlagError{Err: err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runQuery(opts)
		},
	}
	f := cmd.Flags()
	f.BoolVarP(&opts.Compact, "compact-output", "c", false, "one line per value")
	f.BoolVarP(&opts.Raw, "raw-output", "r", false, "strings without quotes")
	f.BoolVarP(&opts.Join, "join-output", "j", false, "like -r, with no newline after each value")
	f.BoolVarP(&opts.ASCII, "ascii-output", "a", false, "non-ASCII characters as \\uXXXX escapes")
	f.BoolVar(&opts.Tab, "tab", false, "indent with tabs")
	f.BoolVar(&opts.Escape, "escape", false, "escape control characters and bidi marks in strings as on a terminal, even into a pipe")
	f.IntVar(&opts.Indent, "indent", 2, "indent with `N` spaces (0 to 9)")
	f.BoolVarP(&opts.ColorOn, "color-output", "C", false, "colour the JSON, even into a pipe")
	f.BoolVarP(&opts.ColorOff, "monochrome-output", "M", false, "do not colour the JSON")
	f.BoolVarP(&opts.NullInput, "null-input", "n", false, "run the filter once, on null; input and inputs read the events")
	f.BoolVarP(&opts.Slurp, "slurp", "s", false, "run the filter once, on an array of all the events")
	f.BoolVarP(&opts.ExitStatus, "exit-status", "e", false, "exit 1 when the last output is false or null, 4 when there is none")
	f.BoolVarP(&opts.FromFile, "from-file", "f", false, "read the filter from the file named by the first argument")
	// Parsed by parseQueryArgs; declared for --help.
	f.Var(pairFlag{}, "arg", "takes `NAME VALUE`: $NAME is the string VALUE")
	f.Var(pairFlag{}, "argjson", "takes `NAME JSON`: $NAME is the JSON value")
	f.Var(pairFlag{}, "slurpfile", "takes `NAME FILE`: $NAME is the array of the JSON values in FILE")
	f.Var(pairFlag{}, "rawfile", "takes `NAME FILE`: $NAME is the text of FILE")
	f.Bool("args", false, "the arguments after the filter are strings in $ARGS.positional, not files")
	f.Bool("jsonargs", false, "the arguments after the filter are JSON values in $ARGS.positional")
	addOutputFlag(f, &opts.Output, queryOutputs)
	f.Var(selector.StringList(&opts.Columns), "columns", "with -o table: the `KEYS` shown, in order (comma-separated)")
	opts.Select.AddFlags(f)
	addWorkersFlag(f, &opts.Workers)
	return cmd
}

// parseQueryArgs reads jq's command line: --arg NAME VALUE and its kin,
// --args and --jsonargs, "--", and flag clusters such as -nr, the way gojq
// does; other flags go to the command's flag set. It reports whether help
// was asked for.
//
// --arg, --argjson, --slurpfile and --rawfile take two arguments, which
// pflag cannot: they are read here, and defined with pairFlag for help
// alone.
func parseQueryArgs(c *cobra.Command, opts *QueryOptions, args []string) (help bool, err error) {
	c.InheritedFlags() // merges the root's --color into c.Flags()
	fs := c.Flags()
	var flags, rest []string
	var mode *bool // after --args (false) or --jsonargs (true)
	optsDone := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		positional := optsDone || a == "-" || !strings.HasPrefix(a, "-") || !isFlagCluster(a)
		if positional {
			if mode != nil && len(rest) > 0 {
				opts.Positional = append(opts.Positional, queryPositional{JSON: *mode, Value: a})
			} else {
				rest = append(rest, a)
			}
			continue
		}
		if a == "--" {
			optsDone = true
			continue
		}
		if long, ok := strings.CutPrefix(a, "--"); ok {
			name, value, hasValue := strings.Cut(long, "=")
			switch name {
			case "arg", "argjson", "slurpfile", "rawfile":
				var vals []string
				if hasValue {
					vals = append(vals, value)
				}
				for len(vals) < 2 && i+1 < len(args) {
					i++
					vals = append(vals, args[i])
				}
				if len(vals) < 2 {
					return false, fmt.Errorf("--%s takes two arguments: a name and a value", name)
				}
				opts.Vars = append(opts.Vars, queryVar{Flag: name, Name: vals[0], Value: vals[1]})
				continue
			case "args", "jsonargs":
				json := name == "jsonargs"
				mode = &json
				continue
			case "help":
				return true, nil
			}
			flags = append(flags, a)
			if f := fs.Lookup(name); f != nil && !hasValue && f.NoOptDefVal == "" && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
			continue
		}
		// A cluster of short flags; the first that takes a value takes the
		// rest of the cluster, or else the next argument.
		flags = append(flags, a)
		for j := 1; j < len(a); j++ {
			if a[j] == 'h' {
				return true, nil
			}
			if f := fs.ShorthandLookup(a[j : j+1]); f != nil && f.NoOptDefVal == "" {
				if j == len(a)-1 && i+1 < len(args) {
					i++
					flags = append(flags, args[i])
				}
				break
			}
		}
	}
	if err := fs.Parse(flags); err != nil {
		return false, err
	}
	// The root's --color was parsed here, after the root applied its
	// default: apply it again.
	if f := fs.Lookup("color"); f != nil && f.Changed {
		mode, err := iostreams.ParseColorMode(f.Value.String())
		if err != nil {
			return false, err
		}
		opts.IO.SetColorMode(mode)
	}
	switch { // jq's -C and -M decide over --color; -M over -C
	case opts.ColorOff:
		opts.IO.SetColorMode(iostreams.ColorNever)
	case opts.ColorOn:
		opts.IO.SetColorMode(iostreams.ColorAlways)
	}
	if len(rest) > 0 {
		opts.Filter, opts.Files = rest[0], rest[1:]
	} else if opts.FromFile {
		return false, errors.New("-f needs the file holding the filter")
	} else {
		opts.Filter = "."
	}
	return false, nil
}

// isFlagCluster tells flags from arguments that merely start with a dash,
// as gojq does: -nr is flags, -1 and -.a are filters.
func isFlagCluster(a string) bool {
	if strings.HasPrefix(a, "--") {
		return true
	}
	for _, c := range a[1:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func (opts *QueryOptions) check() error {
	if opts.Indent > 9 {
		return fmt.Errorf("too many indentation count: %d", opts.Indent)
	}
	if opts.Indent < 0 {
		return fmt.Errorf("negative indentation count: %d", opts.Indent)
	}
	switch opts.Output {
	case "json":
		if len(opts.Columns) > 0 {
			return errors.New("--columns goes with -o table")
		}
	case "table":
	default:
		_, err := pickOutput(queryOutputs, opts.Output)
		return err
	}
	return nil
}

// queryOutputs are query's -o formats; each sets how a run prints.
var queryOutputs = []outputFormat[func(*QueryOptions, *query.RunOptions)]{
	{Name: "json", Printer: func(*QueryOptions, *query.RunOptions) {}},
	{Name: "table", Help: "the objects the filter yields", Printer: func(opts *QueryOptions, ro *query.RunOptions) {
		io := opts.IO
		ro.Table = &query.TableOptions{Columns: opts.Columns, Render: render.TableOptions{
			TTY: io.IsStdoutTTY(), Width: io.TerminalWidth(), Palette: io.Palette(),
		}}
	}},
}

func runQuery(opts *QueryOptions) error {
	io := opts.IO
	qo, err := opts.compileOptions()
	if err != nil {
		return &FlagError{Err: err}
	}
	prog, err := query.Compile(qo)
	if err != nil {
		var ce *query.CompileError
		if errors.As(err, &ce) {
			// jq's message points at the error over several lines.
			for i, line := range strings.Split(ce.Msg, "\n") {
				if i == 0 {
					line = "csmctl: " + line
				}
				fmt.Fprintf(io.ErrOut, "%s\n", escape.Text(line))
			}
			return &ExitError{Code: ExitCompile, Silent: true}
		}
		return err
	}
	pal := io.Palette()
	ro := query.RunOptions{
		Files:  opts.Files,
		Stdin:  io.In,
		Out:    io.Out,
		ErrOut: io.ErrOut,
		Format: query.Format{
			Indent: opts.Indent, Compact: opts.Compact, Tab: opts.Tab,
			Raw: opts.Raw, Join: opts.Join, ASCII: opts.ASCII,
			Colors: pal.JSON, Escape: io.IsStdoutTTY() || opts.Escape,
		},
		NullInput:  opts.NullInput,
		Slurp:      opts.Slurp,
		Select:     opts.Select,
		Workers:    opts.Workers,
		StderrTerm: io.IsStderrTTY(),
		Reading:    opts.Reading,
	}
	usePrinter, err := pickOutput(queryOutputs, opts.Output)
	if err != nil {
		return &FlagError{Err: err}
	}
	usePrinter(opts, &ro)
	res, err := prog.Run(ro)
	if err != nil {
		var ue *query.UsageError
		if errors.As(err, &ue) {
			return &FlagError{Err: err}
		}
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return queryStatus(res, opts.ExitStatus)
}

// compileOptions reads the filter and the variables' values.
func (opts *QueryOptions) compileOptions() (query.Options, error) {
	qo := query.Options{Filter: strings.TrimSpace(opts.Filter), Environ: opts.Environ, ModulePaths: opts.ModulePaths}
	if opts.FromFile {
		src, err := os.ReadFile(opts.Filter)
		if err != nil {
			return qo, fmt.Errorf("-f: %w", err)
		}
		qo.Filter, qo.FilterFile = string(src), opts.Filter
	}
	for _, v := range opts.Vars {
		var val any
		switch v.Flag {
		case "arg":
			val = v.Value
		case "argjson":
			x, err := query.ParseValue(v.Value)
			if err != nil {
				return qo, fmt.Errorf("--argjson %s: %w", v.Name, err)
			}
			val = x
		case "slurpfile", "rawfile":
			data, err := os.ReadFile(v.Value)
			if err != nil {
				return qo, fmt.Errorf("--%s %s: %w", v.Flag, v.Name, err)
			}
			if v.Flag == "rawfile" {
				val = string(data)
				break
			}
			xs, err := query.ParseValues(string(data))
			if err != nil {
				return qo, fmt.Errorf("--slurpfile %s: %s: %w", v.Name, v.Value, err)
			}
			val = xs
		}
		qo.Named = append(qo.Named, query.Arg{Name: v.Name, Value: val})
	}
	for _, p := range opts.Positional {
		if !p.JSON {
			qo.Positional = append(qo.Positional, p.Value)
			continue
		}
		x, err := query.ParseValue(p.Value)
		if err != nil {
			return qo, fmt.Errorf("--jsonargs %s: %w", p.Value, err)
		}
		qo.Positional = append(qo.Positional, x)
	}
	return qo, nil
}

// queryStatus is jq's exit status for a run — 2 when an input could not be
// read, whatever else happened (so -e never answers about a log it did not
// read), then halt_error's code, 5 after a filter error, -e's 1 and 4 — and
// else csmctl's for the input.
func queryStatus(res *query.Result, exitStatus bool) error {
	if res.InputErrors > 0 {
		return &ExitError{Code: ExitUsage, Silent: true}
	}
	if res.Halted {
		if res.HaltCode == 0 {
			return nil
		}
		return &ExitError{Code: res.HaltCode, Silent: true}
	}
	switch {
	case res.RuntimeErrors > 0:
		return &ExitError{Code: ExitRuntime, Silent: true}
	case exitStatus && res.Outputs == 0:
		return &ExitError{Code: ExitNoValue, Silent: true}
	case exitStatus && res.LastFalsy:
		return &ExitError{Code: ExitFalsy, Silent: true}
	case res.InvalidJSON > 0:
		return &ExitError{Code: ExitData, Silent: true}
	}
	return nil
}

// pairFlag defines a flag that takes two arguments (--arg NAME VALUE) for
// help; parseQueryArgs reads it. It reads as pflag's StringArray in help,
// without the CSV writer that type builds for its default.
type pairFlag struct{}

func (pairFlag) String() string   { return "" }
func (pairFlag) Set(string) error { return nil }
func (pairFlag) Type() string     { return "stringArray" }
