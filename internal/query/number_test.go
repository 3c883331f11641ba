package query

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// A number whose integer part has more than MaxIntegerDigits digits is an
// error at its offset; every other number is kept as written, as gojq keeps
// it.
func TestDecodeNumberLength(t *testing.T) {
	digits := func(n int) string { return "1" + strings.Repeat("0", n-1) }
	for _, tt := range []struct {
		name, lit string
		ok        bool
	}{
		{"at the bound", digits(MaxIntegerDigits), true},
		{"negative at the bound", "-" + digits(MaxIntegerDigits), true},
		{"long fraction", "1." + digits(5000), true},
		{"long exponent", "1e" + digits(5000), true},
		{"float at the bound", digits(MaxIntegerDigits) + ".5e3", true},
		{"past the bound", digits(MaxIntegerDigits + 1), false},
		{"negative past the bound", "-" + digits(MaxIntegerDigits+1), false},
		{"float past the bound", digits(MaxIntegerDigits+1) + ".5", false},
	} {
		in := `{"a":[true,` + tt.lit + `]}`
		var d Decoder
		v, _, err := d.Decode(in, 0)
		if tt.ok {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			} else if got := v.(map[string]any)["a"].([]any)[1]; got != json.Number(tt.lit) {
				t.Errorf("%s: decoded as %v", tt.name, got)
			}
			continue
		}
		want := fmt.Sprintf("number too long: its integer part has more than %d digits", MaxIntegerDigits)
		if err == nil || err.Offset != len(`{"a":[true,`) || err.Msg != want {
			t.Errorf("%s: error %+v, want %q at %d", tt.name, err, want, len(`{"a":[true,`))
		}
		// The decoder is ready for the next value.
		if _, _, err := d.Decode(`[1]`, 0); err != nil {
			t.Errorf("%s: next value: %v", tt.name, err)
		}
	}
}

// The number bound is the decoder's: transcode declines what it rejects.
func TestTranscodeNumberLimit(t *testing.T) {
	for _, n := range []int{MaxIntegerDigits, MaxIntegerDigits + 1} {
		data := []byte(`{"a":-` + strings.Repeat("1", n) + `.5}`)
		var d Decoder
		_, _, derr := d.Decode(string(data), 0)
		_, _, ok := NewEncoder(Format{Compact: true}).AppendOutputText(nil, data, 0)
		if ok != (derr == nil) || ok != (n <= MaxIntegerDigits) {
			t.Errorf("%d digits: transcode ok=%v, decode error %v", n, ok, derr)
		}
	}
}

func TestHasLongDigitRun(t *testing.T) {
	run := strings.Repeat("7", MaxIntegerDigits)
	for _, tt := range []struct {
		data string
		want bool
	}{
		{"", false},
		{run, false},
		{run + "7", true},
		{"x" + run + "7", true},
		{strings.Repeat("x", MaxIntegerDigits-1) + run + "7" + "x", true},
		{strings.Repeat("x", 3*MaxIntegerDigits+5) + run + "7", true},
		{run + "x" + run, false},
		{strings.Repeat(run[:MaxIntegerDigits/2]+"-", 10), false},
	} {
		if got := hasLongDigitRun([]byte(tt.data)); got != tt.want {
			t.Errorf("%d bytes: got %v, want %v", len(tt.data), got, tt.want)
		}
	}
}

// An event with a 10⁷-digit number is reported at its FILE:LINE:COLUMN in
// well under a second, by every path an event takes (decoded, printed from
// its text, skipped undecoded by a literal or by --rule), and the events
// around it are queried.
func TestHugeNumber(t *testing.T) {
	huge := `{"agent":{"rule_id":"r"},"process":{"pid":` + strings.Repeat("9", 10_000_000) + `}}`
	path := t.TempDir() + "/huge.ndjson"
	data := `{"agent":{"rule_id":"r"},"process":{"pid":1}}` + "\n" + huge + "\n" + `{"agent":{"rule_id":"r"},"process":{"pid":2}}` + "\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	where := fmt.Sprintf("%s:2:43: invalid JSON: number too long", path)
	for _, tt := range []struct {
		filter string
		rule   string
		want   string
	}{
		{".process.pid == 1", "", "true\nfalse\n"},
		{"-c .", "", `{"agent":{"rule_id":"r"},"process":{"pid":1}}` + "\n" + `{"agent":{"rule_id":"r"},"process":{"pid":2}}` + "\n"},
		{`select(.agent.rule_id == "x") | 1`, "", ""},
		{".process.pid", "x", ""},
		{"-s length", "", "2\n"},
	} {
		filter, format := tt.filter, Format{}
		o := RunOptions{Files: []string{path}, Workers: 2}
		if f, ok := strings.CutPrefix(filter, "-c "); ok {
			filter, format = f, Format{Compact: true}
		}
		if f, ok := strings.CutPrefix(filter, "-s "); ok {
			filter, o.Slurp = f, true
		}
		o.Format = format
		if tt.rule != "" {
			o.Select.Rules = []string{tt.rule}
		}
		var out, errOut strings.Builder
		o.Out, o.ErrOut = &out, &errOut
		p, err := Compile(Options{Filter: filter})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		res, err := p.Run(o)
		if took := time.Since(start); took > time.Second {
			t.Errorf("%s: took %v", tt.filter, took)
		}
		if err != nil {
			t.Fatal(err)
		}
		if out.String() != tt.want || !strings.Contains(errOut.String(), where) || res.InvalidJSON != 1 {
			t.Errorf("%s: output %q, %d invalid, stderr %.200q; want %q and %q", tt.filter, out.String(), res.InvalidJSON, errOut.String(), tt.want, where)
		}
	}
}
