package cmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
)

// gojqEquivalent records a case about one of csmctl's extras from gojq: its
// Gojq arguments compute with jq's own means what the extra should give
// (--rule X as select(.agent.rule_id == "X"), input_line from a count of
// the inputs, ...), over the case's input, with $file naming it.
func gojqEquivalent(t *testing.T, qc *queryCase) (string, int) {
	args := append([]string{"--arg", "file", qc.Input}, qc.Gojq...)
	if qc.Input != "" {
		args = append(args, qc.Input)
	}
	return runReference(t, *recordGojq, args, nil)
}

// gojqEach records a case from gojq run on each JSON value of the input
// alone, with $file and $line saying where the value is, as csmctl queries
// one event after another and goes on after a failure: the outputs in turn,
// and the highest exit status (5 when the filter failed on some value).
func gojqEach(t *testing.T, qc *queryCase) (string, int) {
	var out strings.Builder
	code := 0
	for _, v := range valuesByLine(t, qc.Input) {
		args := append([]string{"--arg", "file", qc.Input, "--argjson", "line", strconv.Itoa(v.line)}, qc.Gojq...)
		o, c := runReference(t, *recordGojq, args, v.data)
		out.WriteString(o)
		code = max(code, c)
	}
	return out.String(), code
}

// lineValue is a JSON value and the line of its file it is on.
type lineValue struct {
	data []byte
	line int
}

// valuesByLine reads the JSON values of a file's lines, up to the first
// syntax error of each line.
func valuesByLine(t *testing.T, path string) []lineValue {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var values []lineValue
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		for {
			var v json.RawMessage
			if dec.Decode(&v) != nil {
				break
			}
			values = append(values, lineValue{v, line})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return values
}

// Every expectation comes from a reference command, never from csmctl.
func TestQueryCasesReferences(t *testing.T) {
	for _, table := range []string{"testdata/query/cases.json", "testdata/query/differential.json"} {
		for _, qc := range loadQueryCases(t, table) {
			switch qc.Reference {
			case "", "ascii", "jq", "valid-values", "hand":
				if qc.Gojq != nil {
					t.Errorf("%s: %q: gojq arguments are for a gojq-equivalent or gojq-each case", table, qc.Name)
				}
			case "gojq-equivalent", "gojq-each":
				if qc.Gojq == nil {
					t.Errorf("%s: %q: reference %s without gojq arguments", table, qc.Name, qc.Reference)
				}
			default:
				t.Errorf("%s: %q: reference %q is not a reference command", table, qc.Name, qc.Reference)
			}
		}
	}
}
