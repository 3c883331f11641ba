package input_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jsonscan"
)

// describeValues lists the values of every record of in, one a line:
// "LINE:COLUMN DATA" for a value, "error: MESSAGE (LINE:COLUMN)" for a problem.
func describeValues(t testing.TB, in string, opt input.Options) string {
	t.Helper()
	recs, _ := readAll(t, input.Open(nil, strings.NewReader(in), opt))
	var b strings.Builder
	for i := range recs {
		for v := range recs[i].Values() {
			if v.Err != nil {
				fmt.Fprintf(&b, "error: %s (%d:%d)\n", v.Err, v.Line, v.Column)
				continue
			}
			fmt.Fprintf(&b, "%d:%d %s\n", v.Line, v.Column, v.Data)
		}
	}
	return b.String()
}

func TestValues(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{
			name: "one a line",
			in:   "{\"a\":1}\n\n  {\"b\":2}\n",
			want: "1:1 {\"a\":1}\n3:3 {\"b\":2}\n",
		},
		{
			name: "several on a line",
			in:   "{\"a\":1} 2 \"x\"\t[3]\n",
			want: "1:1 {\"a\":1}\n1:9 2\n1:11 \"x\"\n1:15 [3]\n",
		},
		{
			name: "array elements keep their columns",
			in:   "[ {\"a\":1},\n   {\"b\":\n2}]\n",
			want: "1:3 {\"a\":1}\n2:4 {\"b\":\n2}\n",
		},
		{
			name: "a pretty-printed value",
			in:   "{\n  \"a\": 1\n}\n{\"b\":2}\n",
			want: "1:1 {\n  \"a\": 1\n}\n4:1 {\"b\":2}\n",
		},
		{
			name: "a syntax error ends the record",
			in:   "{\"a\":1} {\"b\":} 3\n4\n",
			want: "1:1 {\"a\":1}\nerror: <stdin>:1:14: invalid JSON: invalid character '}' looking for beginning of value (1:14)\n2:1 4\n",
		},
		{
			name: "a framing error",
			in:   "[1,\n {\"a\":tru }]\n",
			want: "1:2 1\n" +
				"error: <stdin>:2:10: invalid JSON: invalid character ' ' in literal true (2:10)\n" +
				"error: <stdin>:3:1: invalid JSON: unexpected end of input in array (expecting ']') (3:1)\n",
		},
		{
			name: "a record too long",
			in:   "1\n" + strings.Repeat(" ", 20) + "2\n3\n",
			max:  10,
			want: "1:1 1\nerror: <stdin>:2: record too long: more than 10 bytes (2:1)\n3:1 3\n",
		},
		{
			name: "blank records have no values",
			in:   " \t\r\n",
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describeValues(t, tt.in, input.Options{MaxRecord: tt.max}); got != tt.want {
				t.Errorf("values of %q:\n%s\nwant:\n%s", tt.in, got, tt.want)
			}
		})
	}
}

// TestValuesStop checks that a loop may stop early, and that a reader keeps
// returning false once the record has ended.
func TestValuesStop(t *testing.T) {
	rec := &input.Record{File: "f", Line: 1, Data: []byte("1 2 3")}
	n := 0
	for range rec.Values() {
		if n++; n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("the loop ran %d times, want 2", n)
	}
	skip := func(data []byte, pos int) (int, *jsonscan.SyntaxError) { return jsonscan.Skip(data, pos, 0) }
	vr := input.NewValueReader(rec)
	for range 3 {
		vr.Next(skip)
	}
	for range 2 {
		if v, ok := vr.Next(skip); ok {
			t.Errorf("Next after the end = %+v, true", v)
		}
	}
}

// FuzzValues checks Values against the loop each command used to write for
// itself: jsonscan.Skip from value to value, Record.Position for each, and
// the messages show and query printed.
func FuzzValues(f *testing.F) {
	for _, c := range frameCases {
		f.Add([]byte(c.in))
	}
	f.Add([]byte("{\"a\":1} {\"b\":} 3\n[ 1, {\"a\":\n2} ]\n{\n\"c\":1\n} 4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, _ := readAll(t, input.Open(nil, bytes.NewReader(data), input.Options{MaxRecord: 64}))
		for i := range recs {
			rec := &recs[i]
			var got, want []string
			for v := range rec.Values() {
				if v.Err != nil {
					got = append(got, fmt.Sprintf("%d:%d %s", v.Line, v.Column, v.Err))
					continue
				}
				got = append(got, fmt.Sprintf("%d:%d %q", v.Line, v.Column, v.Data))
			}
			want = referenceValues(rec)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("record %d (%q):\nhave %q\nwant %q", i, rec.Data, got, want)
			}
		}
	})
}

// referenceValues is what show did before Values.
func referenceValues(rec *input.Record) []string {
	if rec.Err != nil {
		if se, ok := rec.SyntaxError(); ok {
			line, col := rec.Position(se.Offset)
			return []string{fmt.Sprintf("%d:%d %s: invalid JSON: %s", line, col, rec.Location(se.Offset), se.Msg)}
		}
		return []string{fmt.Sprintf("%d:1 %s:%d: %s", rec.Line, rec.File, rec.Line, rec.Err)}
	}
	var out []string
	data := rec.Data
	for pos := jsonscan.SkipSpace(data, 0); pos < len(data); pos = jsonscan.SkipSpace(data, pos) {
		end, err := jsonscan.Skip(data, pos, 0)
		if err != nil {
			line, col := rec.Position(err.Offset)
			return append(out, fmt.Sprintf("%d:%d %s: invalid JSON: %s", line, col, rec.Location(err.Offset), err.Msg))
		}
		line, col := rec.Position(pos)
		out = append(out, fmt.Sprintf("%d:%d %q", line, col, data[pos:end]))
		pos = end
	}
	return out
}
