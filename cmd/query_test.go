package cmd

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// The expected outputs in testdata/query/*.json were recorded from the gojq
// command (0.12.20, `go install github.com/itchyny/gojq/cmd/gojq@v0.12.20`),
// never from csmctl (a few from jq 1.6, where a case says so):
//
//	go test ./cmd -run 'TestQueryCases|TestQueryDifferential' -record-gojq=$(which gojq)
//
// rewrites them; git diff then shows any output that changed. The tests
// themselves do not need gojq. (Where the module proxy lacks the go-yaml
// version gojq 0.12.20 pins, its cli package built with a stand-in for
// go-yaml records the same: no case reads or writes YAML.)
var recordGojq = flag.String("record-gojq", "", "record the expected outputs of testdata/query/*.json with this gojq binary")

// queryCase is a filter, its flags and input, and what gojq printed.
type queryCase struct {
	Name  string   `json:"name"`
	Args  []string `json:"args"`
	Input string   `json:"input,omitempty"` // a file, relative to the repository root
	Stdin bool     `json:"stdin,omitempty"` // give Input on standard input, not as an argument
	// Reference says where the expectation comes from:
	//   ""              the gojq command, as is;
	//   "ascii"         gojq without -a, its output then escaped as jq -a
	//                   does (gojq has no -a);
	//   "jq"            jq 1.6, for a behaviour gojq does not have;
	//   "valid-values"  gojq on the input's valid JSON values only (gojq
	//                   stops at the first invalid one; csmctl reports it and
	//                   goes on), and exit 1 where gojq exits 0;
	//   "gojq-equivalent"  for csmctl's extras (selectors, input_line,
	//                   the helpers, -o table): gojq with the Gojq
	//                   arguments, which compute the same with jq's means;
	//   "gojq-each"     the same, on each JSON value of the input alone,
	//                   as csmctl queries one event after another.
	//   "hand"          written by hand, for a helper gojq cannot stand
	//                   for (cmdline's shell quoting: Python's shlex.quote);
	//                   never recorded.
	Reference string `json:"reference,omitempty"`
	// Gojq are the gojq arguments of a "gojq-equivalent" or "gojq-each"
	// case (written by hand; see gojqEquivalent and gojqEach).
	Gojq []string `json:"gojq,omitempty"`
	// StderrHas are texts standard error must contain (written by hand).
	StderrHas []string `json:"stderr_has,omitempty"`
	Stdout    *string  `json:"stdout,omitempty"`
	SHA256    string   `json:"sha256,omitempty"` // instead of Stdout, for long outputs
	Lines     int      `json:"lines,omitempty"`  // lines of output, with SHA256
	Exit      int      `json:"exit"`
}

func loadQueryCases(t *testing.T, path string) []queryCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []queryCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cases
}

// runQueryArgs runs csmctl query in-process, from the repository root, with
// the given batch size and workers.
func runQueryArgs(t *testing.T, args []string, stdin []byte, blockSize, workers int) (stdout, stderr string, code int) {
	t.Helper()
	io, in, out, errOut := iostreams.Test()
	in.Write(stdin)
	c := newQueryCmd(io, nil, func(o *QueryOptions) error {
		o.Reading.BlockSize, o.Workers = blockSize, workers
		o.Environ, o.ModulePaths = nil, nil
		return runQuery(o)
	})
	c.SetArgs(args)
	c.SilenceErrors, c.SilenceUsage = true, true
	code = exitCode(io, c.Execute())
	return out.String(), errOut.String(), code
}

// argsAndStdin completes a case's arguments with its input.
func (qc *queryCase) argsAndStdin(t *testing.T) ([]string, []byte) {
	args := append([]string(nil), qc.Args...)
	if qc.Input == "" {
		return args, nil
	}
	if qc.Stdin {
		data, err := os.ReadFile(qc.Input)
		if err != nil {
			t.Fatal(err)
		}
		return args, data
	}
	return append(args, qc.Input), nil
}

func TestQueryCases(t *testing.T) {
	testQueryTable(t, "cmd/testdata/query/cases.json")
}

// TestQueryDifferential runs many filters over a generated corpus (with
// schema violations, so some filters fail on some events), comparing the
// whole output with gojq's by hash.
func TestQueryDifferential(t *testing.T) {
	testQueryTable(t, "cmd/testdata/query/differential.json")
}

func testQueryTable(t *testing.T, table string) {
	t.Chdir("..") // paths in the tables are relative to the repository root
	cases := loadQueryCases(t, table)
	if *recordGojq != "" {
		for i := range cases {
			recordQueryCase(t, &cases[i])
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		if err := enc.Encode(cases); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(table, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, qc := range cases {
		t.Run(qc.Name, func(t *testing.T) {
			args, stdin := qc.argsAndStdin(t)
			// Once as run for real, once in small batches over three
			// workers, so that events cross batches and run in parallel.
			for _, setup := range []struct{ blockSize, workers int }{{0, 2}, {64, 3}} {
				out, errOut, code := runQueryArgs(t, args, stdin, setup.blockSize, setup.workers)
				where := fmt.Sprintf("csmctl query %s (batches of %d, %d workers)", strings.Join(args, " "), setup.blockSize, setup.workers)
				if code != qc.Exit {
					t.Errorf("%s: exit status %d, want %d; stderr:\n%s", where, code, qc.Exit, errOut)
				}
				checkQueryOutput(t, where, &qc, out)
				for _, s := range qc.StderrHas {
					if !strings.Contains(errOut, s) {
						t.Errorf("%s: stderr lacks %q:\n%s", where, s, errOut)
					}
				}
			}
		})
	}
}

func checkQueryOutput(t *testing.T, where string, qc *queryCase, out string) {
	t.Helper()
	if qc.Stdout != nil {
		if out != *qc.Stdout {
			t.Errorf("%s: stdout differs from %s's\n--- got ---\n%s\n--- want ---\n%s", where, qc.reference(), out, *qc.Stdout)
		}
		return
	}
	if sum := sha256Hex(out); sum != qc.SHA256 {
		t.Errorf("%s: stdout (%d lines) differs from %s's (%d lines); first lines:\n%s", where,
			strings.Count(out, "\n"), qc.reference(), qc.Lines, firstLines(out, 5))
	}
}

func (qc *queryCase) reference() string {
	if qc.Reference == "" {
		return "gojq"
	}
	return qc.Reference
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	return strings.Join(lines[:min(n, len(lines))], "")
}

// recordQueryCase sets a case's expectation from its reference.
func recordQueryCase(t *testing.T, qc *queryCase) {
	args, stdin := qc.argsAndStdin(t)
	var out string
	var code int
	switch qc.Reference {
	case "":
		out, code = runReference(t, *recordGojq, args, stdin)
	case "ascii":
		var plain []string
		for _, a := range args {
			if a != "-a" {
				plain = append(plain, a)
			}
		}
		out, code = runReference(t, *recordGojq, plain, stdin)
		out = escapeNonASCII(out)
	case "jq":
		out, code = runReference(t, "jq", args, stdin)
	case "valid-values":
		valid := filepath.Join(t.TempDir(), filepath.Base(qc.Input))
		if err := os.WriteFile(valid, validValues(t, qc.Input), 0o644); err != nil {
			t.Fatal(err)
		}
		args[len(args)-1] = valid
		out, code = runReference(t, *recordGojq, args, stdin)
		if code == 0 {
			code = ExitData
		}
	case "gojq-equivalent":
		out, code = gojqEquivalent(t, qc)
	case "gojq-each":
		out, code = gojqEach(t, qc)
	case "hand":
		return
	default:
		t.Fatalf("%s: unknown reference %q", qc.Name, qc.Reference)
	}
	qc.Exit = code
	if qc.SHA256 != "" || strings.HasPrefix(qc.Input, "cmd/testdata/query/corpus") {
		qc.SHA256, qc.Lines, qc.Stdout = sha256Hex(out), strings.Count(out, "\n"), nil
		return
	}
	qc.Stdout = &out
}

func runReference(t *testing.T, bin string, args []string, stdin []byte) (string, int) {
	cmd := exec.Command(bin, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	cmd.Env = append(os.Environ(), "NO_COLOR=", "HOME="+t.TempDir())
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = io.Discard
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("%s: %v", bin, err)
	}
	return out.String(), cmd.ProcessState.ExitCode()
}

// validValues keeps the JSON values of a file's lines up to the first
// syntax error of each line, one per line: what csmctl queries of it.
func validValues(t *testing.T, path string) []byte {
	var out bytes.Buffer
	for _, v := range valuesByLine(t, path) {
		out.Write(v.data)
		out.WriteByte('\n')
	}
	return out.Bytes()
}

// escapeNonASCII turns gojq's output into jq -a's: every non-ASCII
// character as \uXXXX, astral ones as surrogate pairs.
func escapeNonASCII(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r >= 0x10000:
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// On a terminal nothing from event data may drive it, in any output mode;
// into a pipe the output is gojq's, byte for byte, hostile or not.
func TestQuerySanitizesOnTerminal(t *testing.T) {
	for _, args := range [][]string{
		{"query", "."},
		{"query", "-c", "."},
		{"query", "-r", ".. | strings"},
		{"query", "-C", "-c", "{t: .title, p: .process.cmdline}"},
		{"query", "-o", "table", "{t: .title, p: .process.cmdline}"},
		{"query", ".title | error"},
		{"query", "-c", ".title | debug | stderr | empty"},
	} {
		io, _, out, errOut := iostreams.Test()
		io.SetStdoutTTY(true)
		io.SetStderrTTY(true)
		Main(io, append(args, "testdata/hostile.ndjson"))
		got := stripSGR(out.String()) + stripSGR(errOut.String())
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u0085", "\xff"} {
			if strings.Contains(got, bad) {
				t.Errorf("%v: output contains %q:\n%s", args, bad, got)
			}
		}
	}
}

// The query flags parse as jq's do: --arg takes two values, --args turns
// the arguments after the filter into values, clusters of short flags work,
// and the root's --color applies.
func TestQueryFlags(t *testing.T) {
	for _, tt := range []struct {
		args  []string
		check func(*QueryOptions) bool
	}{
		{[]string{"-nrc", "."}, func(o *QueryOptions) bool { return o.NullInput && o.Raw && o.Compact && o.Filter == "." }},
		{[]string{"--arg", "a", "1", "--argjson", "b", "2", ".", "f"}, func(o *QueryOptions) bool {
			return len(o.Vars) == 2 && o.Vars[0] == queryVar{"arg", "a", "1"} && o.Vars[1] == queryVar{"argjson", "b", "2"} && o.Files[0] == "f"
		}},
		{[]string{"--arg=a", "1", "."}, func(o *QueryOptions) bool { return o.Vars[0] == queryVar{"arg", "a", "1"} }},
		{[]string{".", "f1", "--args", "a", "--jsonargs", "2"}, func(o *QueryOptions) bool {
			return len(o.Files) == 1 && len(o.Positional) == 2 && !o.Positional[0].JSON && o.Positional[1].JSON
		}},
		{[]string{"--args", ".", "a", "b"}, func(o *QueryOptions) bool { return len(o.Files) == 0 && len(o.Positional) == 2 }},
		{[]string{"--indent", "4", "--tab", "-o", "table", "--columns", "a,b", "."}, func(o *QueryOptions) bool {
			return o.Indent == 4 && o.Tab && o.Output == "table" && len(o.Columns) == 2
		}},
		{[]string{"--rule", "r", "--since=2h", "-e", ".", "--", "-file"}, func(o *QueryOptions) bool {
			return o.Select.Rules[0] == "r" && o.Select.Since == "2h" && o.ExitStatus && o.Files[0] == "-file"
		}},
		{[]string{"-f", "prog.jq", "in.json"}, func(o *QueryOptions) bool { return o.FromFile && o.Filter == "prog.jq" && o.Files[0] == "in.json" }},
		{[]string{"-1"}, func(o *QueryOptions) bool { return o.Filter == "-1" }},
		{[]string{}, func(o *QueryOptions) bool { return o.Filter == "." }},
	} {
		io, _, _, _ := iostreams.Test()
		var got *QueryOptions
		c := newQueryCmd(io, nil, func(o *QueryOptions) error { got = o; return nil })
		c.SetArgs(tt.args)
		c.SilenceErrors, c.SilenceUsage = true, true
		if err := c.Execute(); err != nil {
			t.Errorf("%v: %v", tt.args, err)
			continue
		}
		if !tt.check(got) {
			t.Errorf("%v: parsed as %+v", tt.args, *got)
		}
	}
	for _, args := range [][]string{{"--arg", "a"}, {"--nosuch", "."}, {"-o", "yaml", "."}, {"--indent", "-1", "."}, {"-f"}} {
		io, _, _, _ := iostreams.Test()
		c := newQueryCmd(io, nil, func(*QueryOptions) error { return nil })
		c.SetArgs(args)
		c.SilenceErrors, c.SilenceUsage = true, true
		var fe *FlagError
		if err := c.Execute(); !errors.As(err, &fe) {
			t.Errorf("%v: got %v, want a usage error", args, err)
		}
	}
}

func TestQueryColorFlag(t *testing.T) {
	out, _, code := run(t, `{"a":1}`, "--color", "always", "query", "-c", ".")
	if code != 0 || out != "{\x1b[34;1m\"a\"\x1b[0m:\x1b[36m1\x1b[0m}\n" {
		t.Errorf("--color always: %q (exit %d)", out, code)
	}
	out, _, _ = run(t, `{"a":1}`, "query", "--color=always", "-M", "-c", ".")
	if out != "{\"a\":1}\n" {
		t.Errorf("-M over --color always: %q", out)
	}
	out, _, _ = run(t, `{"a":1}`, "--color", "never", "query", "-C", "-c", ".")
	if out != "{\x1b[34;1m\"a\"\x1b[0m:\x1b[36m1\x1b[0m}\n" {
		t.Errorf("-C over --color never: %q", out)
	}
	out, _, _ = run(t, `{"a":1}`, "query", "-C", "-M", "-c", ".")
	if out != "{\"a\":1}\n" {
		t.Errorf("-M over -C: %q", out)
	}
}

func TestQueryCompileErrorMessage(t *testing.T) {
	// The caret stands under the error in the line as printed, escaped: a
	// tab takes two columns (\t), a zero-width space six (\u200b), a wide
	// character two.
	tests := []struct {
		filter, printed string
		caret           int // spaces before it
	}{
		{".a | foo(", ".a | foo(", 4 + 9},
		{".a |\tfoo(", `.a |\tfoo(`, 4 + 10},
		{"\"\u200b\" | foo(", `"\u200b" | foo(`, 4 + 15},
		{"\"日本\" | foo(", "\"日本\" | foo(", 4 + 13},
	}
	for _, tt := range tests {
		_, errOut, code := run(t, "", "query", tt.filter)
		want := "csmctl: invalid query: " + tt.printed + "\n    " + tt.printed + "\n" + strings.Repeat(" ", tt.caret) + "^  unexpected EOF\n"
		if code != ExitCompile || errOut != want {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant:\n%s", tt.filter, code, errOut, want)
		}
	}
}

// An input that cannot be read makes the exit status 2, whatever -e would
// have said, after the readable inputs are queried: jq's rule (an input
// error overrides every status but a compile error). Without it, -e answers
// "no" about a log that was never read. When jq is on PATH it is asked too.
func TestQueryUnreadableInputStatus(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.ndjson")
	if err := os.WriteFile(good, []byte(`{"a":1}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.ndjson")
	inputs := []struct {
		name  string
		files []string
	}{
		{"missing only", []string{missing}},
		{"missing and good", []string{missing, good}},
		{"good and missing", []string{good, missing}},
		{"good only", []string{good}},
	}
	filters := []struct {
		name string
		args []string
		// want is the status for each input above.
		want [4]int
		// jqReadsAhead: the filter stops before the missing file, which
		// csmctl then never opens, where jq has opened it already.
		jqReadsAhead bool
	}{
		{"filter", []string{".a == 1"}, [4]int{2, 2, 2, 0}, false},
		{"filter -e", []string{"-e", ".a == 1"}, [4]int{2, 2, 2, 0}, false},
		{"falsy filter -e", []string{"-e", ".a == 2"}, [4]int{2, 2, 2, 1}, false},
		{"-n inputs", []string{"-n", "any(inputs; .a == 1)"}, [4]int{2, 2, 0, 0}, true},
		{"-n inputs -e", []string{"-n", "-e", "any(inputs; .a == 1)"}, [4]int{2, 2, 0, 0}, true},
		{"-n inputs all read -e", []string{"-n", "-e", "[inputs] | length == 1"}, [4]int{2, 2, 2, 0}, false},
		{"-n without inputs -e", []string{"-n", "-e", "1"}, [4]int{0, 0, 0, 0}, false}, // nothing is read
		{"runtime error", []string{"error"}, [4]int{2, 2, 2, 5}, false},
		{"halt_error", []string{`"x" | halt_error(7)`}, [4]int{2, 2, 7, 7}, true},
	}
	jq, _ := exec.LookPath("jq")
	for _, f := range filters {
		for i, in := range inputs {
			args := append(append([]string(nil), f.args...), in.files...)
			_, errOut, code := runQueryArgs(t, args, nil, 0, 2)
			if code != f.want[i] {
				t.Errorf("%s, %s: exit status %d, want %d; stderr:\n%s", f.name, in.name, code, f.want[i], errOut)
			}
			if jq != "" && !(f.jqReadsAhead && in.name == "good and missing") {
				if _, jqCode := runReference(t, jq, args, nil); jqCode != f.want[i] {
					t.Errorf("%s, %s: jq exits %d, the test wants %d", f.name, in.name, jqCode, f.want[i])
				}
			}
		}
	}
}

// -o table: tab-separated rows, as they come, into a pipe; a table fitted to
// the screen on a terminal. Either way the columns are --columns, or the
// first object's keys, and a later object's other key is reported.
func TestQueryTableGolden(t *testing.T) {
	// A key that is not a column is named once, where it first comes.
	noColumn := "{\"a\":\"x\",\"b\":1}\n{\"zz\":1}\n{\"zz\":2}\n{\"a\":\"y\",\"zz\":3}\n"
	mixed := "{\"a\":1,\"b\":\"x\\ty\"}\n{\"a\":2,\"c\":3}\n{\"b\":\"z\\u001b[31m\"}\n{\"a\":4,\"c\":5,\"d\":6}\n"
	for _, tt := range []struct {
		name  string
		tty   bool
		stdin string
		args  []string
		code  int
	}{
		{"pipe", false, "", []string{"-o", "table", "{t: .title, p: .process.cmdline}", "testdata/hostile.ndjson"}, ExitRuntime},
		{"tty", true, "", []string{"-o", "table", "{t: .title, p: .process.cmdline}", "testdata/hostile.ndjson"}, ExitRuntime},
		{"pipe-first-keys", false, mixed, []string{"-o", "table", "."}, ExitRuntime},
		{"tty-first-keys", true, mixed, []string{"-o", "table", "."}, ExitRuntime},
		{"pipe-columns", false, mixed, []string{"-o", "table", "--columns", "c,a", "."}, ExitOK},
		// An object none of whose keys is a column has no row (it would look
		// like a real empty record), and is reported each time; one with a
		// column has its row, its other key reported once.
		{"pipe-no-column-key", false, noColumn, []string{"-o", "table", "."}, ExitRuntime},
		{"tty-no-column-key", true, noColumn, []string{"-o", "table", "."}, ExitRuntime},
	} {
		t.Run(tt.name, func(t *testing.T) {
			io, in, out, errOut := iostreams.Test()
			in.WriteString(tt.stdin)
			io.SetStdoutTTY(tt.tty)
			io.SetWidth(60)
			code := Main(io, append([]string{"--color", "never", "query"}, tt.args...))
			if code != tt.code {
				t.Errorf("exit status %d, want %d", code, tt.code)
			}
			golden.Assert(t, filepath.Join("testdata", "query-table-"+tt.name+".golden"), []byte(out.String()+"--- stderr ---\n"+errOut.String()))
		})
	}
}

// --escape gives a pipe the output a terminal gets: what could drive a
// terminal in a string is escaped, in -r output (which keeps its line breaks
// and tabs) and in JSON.
func TestQueryEscape(t *testing.T) {
	var all strings.Builder
	for _, args := range [][]string{
		{"-r", "select(type == \"object\" and has(\"s\")) | .s[]"},
		{"-c", "select(type == \"object\" and has(\"s\")) | .s"},
	} {
		args = append(args, "testdata/query/odd.ndjson")
		escaped, _, code := run(t, "", append([]string{"--color", "never", "query", "--escape"}, args...)...)
		if code != 0 {
			t.Errorf("%v: exit status %d", args, code)
		}
		io, _, out, _ := iostreams.Test()
		io.SetStdoutTTY(true)
		Main(io, append([]string{"--color", "never", "query"}, args...))
		if escaped != out.String() {
			t.Errorf("%v: --escape into a pipe:\n%s\nwant what a terminal gets:\n%s", args, escaped, out)
		}
		fmt.Fprintf(&all, "--- %s\n%s", strings.Join(args, " "), escaped)
	}
	golden.Assert(t, "testdata/query-escape.golden", []byte(all.String()))
}

// TestQueryCmdlineIsShowsCommandLine drives both commands on the review's
// events: query's cmdline and show's command line are one rule (an empty
// argv0 left out); only an ill-typed args differs, which show lists under
// the other fields and query writes as JSON text.
func TestQueryCmdlineIsShowsCommandLine(t *testing.T) {
	stdin := `{"agent":{"rule_id":"r","os":"linux"},"title":"t","date":"2025-11-03T09:00:00Z","process":{"argv0":"","args":["x","y z"]}}` + "\n" +
		`{"agent":{"rule_id":"r","os":"linux"},"title":"t","date":"2025-11-03T09:00:00Z","process":{"argv0":"sh","args":[1,"b c",null]}}` + "\n"
	out, errOut, code := run(t, stdin, "query", "-r", "cmdline")
	if want := "x 'y z'\nsh 1 'b c' null\n"; out != want || code != ExitOK {
		t.Errorf("query -r cmdline: exit status %d, stdout %q, want %q (stderr %q)", code, out, want, errOut)
	}
	out, _, _ = run(t, stdin, "show", "--color", "never")
	for _, want := range []string{"cmdline  x 'y z'\n", "cmdline  sh\n", `/process/args  [1,"b c",null]`} {
		if !strings.Contains(out, want) {
			t.Errorf("show: no %q in\n%s", want, out)
		}
	}
}
