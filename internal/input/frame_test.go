package input_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jsonscan"
)

// got is a record reduced to what framing decides: its line, its bytes, and
// its error — for a syntax error, the line:column its offset points at.
type got struct {
	Line int
	Data string
	Err  string
}

func (g got) String() string {
	if g.Err == "" {
		return fmt.Sprintf("%d %q", g.Line, g.Data)
	}
	return fmt.Sprintf("%d %q err=%s", g.Line, g.Data, g.Err)
}

// ok and bad build expected records.
func ok(line int, data string) got         { return got{line, data, ""} }
func bad(line int, data, errAt string) got { return got{line, data, errAt} }

func reduce(recs []input.Record) []got {
	var out []got
	for i := range recs {
		r := &recs[i]
		g := got{Line: r.Line, Data: string(r.Data)}
		if se, isSyntax := r.SyntaxError(); isSyntax {
			if se.Offset < 0 || se.Offset > len(r.Data) {
				g.Err = fmt.Sprintf("offset %d outside data", se.Offset)
			} else {
				line, col := r.Position(se.Offset)
				g.Err = fmt.Sprintf("%d:%d", line, col)
			}
		} else if errors.Is(r.Err, input.ErrTooLong) {
			g.Err = "too long"
		} else if r.Err != nil {
			g.Err = "other: " + r.Err.Error()
		}
		out = append(out, g)
	}
	return out
}

// readAll reads every record of r, copying each out of its batch, and the
// input errors between them.
func readAll(t testing.TB, r *input.Reader) (recs []input.Record, errs []error) {
	t.Helper()
	err := r.Each(func(rec *input.Record) error {
		c := *rec
		c.Data = bytes.Clone(rec.Data)
		recs = append(recs, c)
		return nil
	}, func(err error) { errs = append(errs, err) })
	if err != nil {
		t.Fatalf("Each: %v", err)
	}
	return recs, errs
}

// blockSizes are the buffer sizes every framing case runs with: tiny ones put
// a block boundary at every byte of the input; 0 is the default.
var blockSizes = []int{1, 2, 3, 7, 64, 0}

// via names the ways an input reaches the reader.
var via = []struct {
	name string
	open func(t *testing.T, in string, opt input.Options) *input.Reader
}{
	{"stdin", func(t *testing.T, in string, opt input.Options) *input.Reader {
		return input.Open(nil, strings.NewReader(in), opt)
	}},
	{"trickle", func(t *testing.T, in string, opt input.Options) *input.Reader {
		// A pipe handing over one byte at a time: the reader must not
		// wait for a full block, and must frame the same records.
		return input.Open([]string{"-"}, iotest.OneByteReader(strings.NewReader(in)), opt)
	}},
	{"file", func(t *testing.T, in string, opt input.Options) *input.Reader {
		p := filepath.Join(t.TempDir(), "in.ndjson")
		if err := os.WriteFile(p, []byte(in), 0o644); err != nil {
			t.Fatal(err)
		}
		return input.Open([]string{p}, nil, opt)
	}},
}

// jqPretty is what `jq .` prints for three events.
const jqPretty = `{
  "a": 1,
  "b": [
    1,
    2
  ]
}
{
  "c": {
    "d": "x"
  }
}
{}
`

var frameCases = []struct {
	name string
	in   string
	want []got
}{
	{"ndjson", "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n",
		[]got{ok(1, `{"a":1}`), ok(2, `{"b":2}`), ok(3, `{"c":3}`)}},
	{"crlf", "{\"a\":1}\r\n{\"b\":2}\r\n",
		[]got{ok(1, `{"a":1}`), ok(2, `{"b":2}`)}},
	{"bom", "\xef\xbb\xbf{\"a\":1}\n{\"b\":2}\n",
		[]got{ok(1, `{"a":1}`), ok(2, `{"b":2}`)}},
	{"bom only", "\xef\xbb\xbf", nil},
	{"bom then blank line", "\xef\xbb\xbf\n{\"a\":1}\n",
		[]got{ok(2, `{"a":1}`)}},
	{"bom-like bytes are data", "\xef\xbb{}\n",
		[]got{ok(1, "\xef\xbb{}")}},
	{"blank and whitespace lines", "\n{\"a\":1}\n\n   \n\t\r\n{\"b\":2}\n\n",
		[]got{ok(2, `{"a":1}`), ok(6, `{"b":2}`)}},
	{"leading whitespace kept", "  \n  {\"a\":1}\n\t{\"b\":2}\n",
		[]got{ok(2, `  {"a":1}`), ok(3, "\t{\"b\":2}")}},
	{"blank crlf lines", "\r\n\r\n{}\r\n",
		[]got{ok(3, `{}`)}},
	{"last line without newline", "{\"a\":1}\n{\"b\":2}",
		[]got{ok(1, `{"a":1}`), ok(2, `{"b":2}`)}},
	{"last line only cr", "{\"a\":1}\r",
		[]got{ok(1, `{"a":1}`)}},
	{"empty", "", nil},
	{"only blank lines", "\n\n  \n\t\r\n", nil},

	{"array on lines", "[\n{\"a\":1},\n{\"b\":2}\n]\n",
		[]got{ok(2, `{"a":1}`), ok(3, `{"b":2}`)}},
	{"array compact", `[{"a":1},{"b":[1,2]},"s,]\"",-3.5e2,null,true,12345]`,
		[]got{ok(1, `{"a":1}`), ok(1, `{"b":[1,2]}`), ok(1, `"s,]\""`), ok(1, `-3.5e2`),
			ok(1, `null`), ok(1, `true`), ok(1, `12345`)}},
	{"array spaced", "[ {\"a\" : [ 1 , 2 ] } ,\n  \"x\" ]",
		[]got{ok(1, `{"a" : [ 1 , 2 ] }`), ok(2, `"x"`)}},
	{"array from jq", "[\n  {\n    \"a\": 1\n  },\n  {\n    \"b\": [\n      2\n    ]\n  }\n]\n",
		[]got{ok(2, "{\n    \"a\": 1\n  }"), ok(5, "{\n    \"b\": [\n      2\n    ]\n  }")}},
	{"array empty", "[]\n", nil},
	{"array empty then lines", "[ ]\n{\"a\":1}\n",
		[]got{ok(2, `{"a":1}`)}},
	{"array after blank lines", " \n\t[1,\n2]\n",
		[]got{ok(2, `1`), ok(3, `2`)}},
	{"array after bom", "\xef\xbb\xbf[1]\n",
		[]got{ok(1, `1`)}},
	{"array crlf", "[\r\n{\"a\":1},\r\n{\"b\":2}\r\n]\r\n",
		[]got{ok(2, `{"a":1}`), ok(3, `{"b":2}`)}},
	{"array then ndjson", "[1,2]\n{\"a\":1}\n{\"b\":2}\n",
		[]got{ok(1, `1`), ok(1, `2`), ok(2, `{"a":1}`), ok(3, `{"b":2}`)}},
	{"array then data on its line", "[1] {\"a\":1}\n",
		[]got{ok(1, `1`), ok(1, ` {"a":1}`)}},
	{"array later in the input is a line", "{\"a\":1}\n[1,2]\n",
		[]got{ok(1, `{"a":1}`), ok(2, `[1,2]`)}},
	{"array broken element", "[\n{\"a\":1},\n{\"b\":\"cut\n{\"c\":3},\n{\"d\":4}\n]\n",
		[]got{ok(2, `{"a":1}`), bad(3, `{"b":"cut`, "3:10"), ok(4, `{"c":3}`), ok(5, `{"d":4}`)}},
	{"array element cut before its line ends", "[\n{\"a\":1},\n{\"b\":2\n{\"c\":3}\n]\n",
		[]got{ok(2, `{"a":1}`), bad(3, "{\"b\":2\n", "4:1"), ok(4, `{"c":3}`)}},
	{"array missing comma", "[{\"a\":1} {\"b\":2}]\n{\"c\":3}\n",
		// The rest of the line is lost; framing goes on in the array.
		[]got{ok(1, `{"a":1}`), bad(1, `{`, "1:10"), ok(2, `{"c":3}`), bad(3, "", "3:1")}},
	{"array missing comma at a line's end", "[\n{\"a\":1},\n{\"b\":2}\n{\"c\":3},\n{\"d\":4}\n]\n",
		// The element after the missing ',' is read, not dropped with its line.
		[]got{ok(2, `{"a":1}`), ok(3, `{"b":2}`), bad(4, "{", "4:1"), ok(4, `{"c":3}`), ok(5, `{"d":4}`)}},
	{"array missing comma after a pretty element", "[\n  {\n    \"a\": 1\n  },\n  {\n    \"b\": 2\n  }\n  {\n    \"c\": 3\n  }\n]\n",
		[]got{ok(2, "{\n    \"a\": 1\n  }"), ok(5, "{\n    \"b\": 2\n  }"), bad(8, "{", "8:3"), ok(8, "{\n    \"c\": 3\n  }")}},
	{"missing comma after the first element", "[\n  {\n    \"a\": 1\n  }\n  {\n    \"b\": 2\n  }\n]\n",
		// Read as a stray "[": an error for it and for the "]".
		[]got{bad(1, "[", "1:1"), ok(2, "{\n    \"a\": 1\n  }"), ok(5, "{\n    \"b\": 2\n  }"), ok(8, "]")}},
	{"array not closed", "[{\"a\":1},\n",
		[]got{ok(1, `{"a":1}`), bad(2, "", "2:1")}},
	{"array not closed after element", "[{\"a\":1}",
		[]got{ok(1, `{"a":1}`), bad(1, "", "1:9")}},
	{"array cut in an element", "[{\"a\":1},{\"b\":",
		[]got{ok(1, `{"a":1}`), bad(1, `{"b":`, "1:15"), bad(1, "", "1:15")}},
	{"array number cut by eof", "[1,23",
		[]got{ok(1, `1`), ok(1, `23`), bad(1, "", "1:6")}},
	{"stray bracket line", "[\n{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n",
		// A "[" whose first value is followed by a new line, not ',' or
		// ']', opens no array: one error for it, then lines.
		[]got{bad(1, "[", "1:1"), ok(2, `{"a":1}`), ok(3, `{"b":2}`), ok(4, `{"c":3}`)}},
	{"stray bracket indented", "  [ \r\n{\"a\":1}\r\n{\"b\":2}\r\n",
		[]got{bad(1, "[", "1:3"), ok(2, `{"a":1}`), ok(3, `{"b":2}`)}},
	{"stray bracket on the first event's line", "[{\"a\":1}\n{\"b\":2}\n",
		[]got{bad(1, "[", "1:1"), ok(1, `{"a":1}`), ok(2, `{"b":2}`)}},
	{"stray bracket before pretty values", "[\n{\n  \"a\": 1\n}\n{\n  \"b\": 2\n}\n",
		[]got{bad(1, "[", "1:1"), ok(2, "{\n  \"a\": 1\n}"), ok(5, "{\n  \"b\": 2\n}")}},
	{"stray bracket then one event", "[\n{\"a\":1}\n",
		// Nothing after the value: an array cut short, reported at its end.
		[]got{ok(2, `{"a":1}`), bad(3, "", "3:1")}},
	{"array of one pretty element", "[\n  {\n    \"a\": 1\n  }\n]\n",
		[]got{ok(2, "{\n    \"a\": 1\n  }")}},
	{"array whose first element is broken", "[\n{\"a\":\n{\"b\":2},\n{\"c\":3}\n]\n",
		// Not a stray bracket: the array reports the element and goes on.
		[]got{bad(2, "{\"a\":\n{\"b\":2},\n", "4:1"), ok(3, `{"b":2}`), ok(4, `{"c":3}`)}},
	{"array error column", "[1, tru, 3]",
		// Columns count from the line's start, not the element's.
		[]got{ok(1, `1`), bad(1, `tru`, "1:8"), bad(1, "", "1:12")}},

	{"pretty objects", jqPretty,
		[]got{ok(1, "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ]\n}"),
			ok(8, "{\n  \"c\": {\n    \"d\": \"x\"\n  }\n}"), ok(13, `{}`)}},
	{"pretty between lines", "{\"a\":1}\n{\n  \"b\": 2\n}\n{\"c\":3}\n",
		[]got{ok(1, `{"a":1}`), ok(2, "{\n  \"b\": 2\n}"), ok(5, `{"c":3}`)}},
	{"pretty indented", "  {\n  \"b\": 2\n  }\n",
		[]got{ok(1, "{\n  \"b\": 2\n  }")}},
	{"pretty crlf", "{\r\n  \"a\": 1\r\n}\r\n{\"b\":2}\r\n",
		[]got{ok(1, "{\r\n  \"a\": 1\r\n}"), ok(4, `{"b":2}`)}},
	{"pretty after bom", "\xef\xbb\xbf{\n\"a\": 1\n}\n",
		[]got{ok(1, "{\n\"a\": 1\n}")}},
	{"pretty no final newline", "{\n\"a\": 1\n}",
		[]got{ok(1, "{\n\"a\": 1\n}")}},
	{"brace never closed", "{\"a\":1}\n{\n{\"b\":2}\n{\"c\":3}\n",
		[]got{ok(1, `{"a":1}`), bad(2, "{\n", "3:1"), ok(3, `{"b":2}`), ok(4, `{"c":3}`)}},
	{"brace never closed at eof", "{\"a\":1}\n{\n",
		[]got{ok(1, `{"a":1}`), bad(2, "{\n", "3:1")}},
	{"brace broken inside", "{\n  \"a\": 1,\n{\"b\":2}\n",
		// The value's indented lines are dropped; the next line as little
		// indented as its "{" is the next record.
		[]got{bad(1, "{\n  \"a\": 1,\n", "3:1"), ok(3, `{"b":2}`)}},
	{"pretty broken", "{\n  \"a\": 1 xx,\n  \"b\": {\n    \"c\": [\n      2\n    ]\n\n  }\n}\n{\n  \"d\": 3\n}\n{\"e\":4}\n",
		// `jq . | sed '2s/$/ xx/'`: one error, then the next value.
		[]got{bad(1, "{\n  \"a\": 1 ", "2:10"), ok(10, "{\n  \"d\": 3\n}"), ok(13, `{"e":4}`)}},
	{"pretty broken crlf", "{\r\n  \"a\": 1 xx\r\n}\r\n{\"b\":2}\r\n",
		[]got{bad(1, "{\r\n  \"a\": 1 ", "2:10"), ok(4, `{"b":2}`)}},
	{"pretty broken then junk after its closing", "{\n  \"a\": xx\n} yy\n{\"b\":2}\n",
		[]got{bad(1, "{\n  \"a\": ", "2:8"), ok(3, ` yy`), ok(4, `{"b":2}`)}},
	{"pretty broken indented", "  {\n    \"a\": xx\n  }\n  {\n    \"b\": 2\n  }\n",
		[]got{bad(1, "{\n    \"a\": ", "2:10"), ok(4, "{\n    \"b\": 2\n  }")}},
	{"pretty cut before its closing", "{\n  \"a\": [\n    1,\n{\"b\":2}\n{\"c\":3}\n",
		// The scanner reads {"b":2} into the array and fails after it;
		// the line is as little indented as the "{", so it is kept.
		[]got{bad(1, "{\n  \"a\": [\n    1,\n{\"b\":2}\n", "5:1"), ok(4, `{"b":2}`), ok(5, `{"c":3}`)}},
	{"pretty broken at eof", "{\n  \"a\": xx\n  \"b\": 1\n",
		[]got{bad(1, "{\n  \"a\": ", "2:8")}},
	{"pretty array broken element", "[\n  {\n    \"a\": xx,\n    \"b\": [\n      1\n    ]\n  },\n  {\n    \"c\": 3\n  }\n]\n{\"d\":4}\n",
		[]got{bad(2, "{\n    \"a\": ", "3:10"), ok(8, "{\n    \"c\": 3\n  }"), ok(12, `{"d":4}`)}},
	{"pretty array broken last element", "[\n  {\n    \"a\": 1\n  },\n  {\n    \"b\": xx\n  }\n]\n{\"d\":4}\n",
		[]got{ok(2, "{\n    \"a\": 1\n  }"), bad(5, "{\n    \"b\": ", "6:10"), ok(9, `{"d":4}`)}},
	{"unindented pretty broken", "{\n\"a\": xx\n}\n{\"b\":2}\n",
		// Nothing is indented deeper than the "{": framing goes on line by line.
		[]got{bad(1, "{\n\"a\": ", "2:6"), ok(2, `"a": xx`), ok(3, `}`), ok(4, `{"b":2}`)}},

	{"truncated line", "{\"a\":1}\n{\"b\":\n{\"c\":3}\n",
		[]got{ok(1, `{"a":1}`), ok(2, `{"b":`), ok(3, `{"c":3}`)}},
	{"nul and invalid utf-8", "{\"a\":\"\x00\"}\n\xff\xfe{\n{\"b\":\"\xc3\x28\"}\n\x00\n",
		[]got{ok(1, "{\"a\":\"\x00\"}"), ok(2, "\xff\xfe{"), ok(3, "{\"b\":\"\xc3\x28\"}"), ok(4, "\x00")}},
	{"utf-8 split by blocks", "{\"é\":\"日本\"}\n[\"日本\"]\n",
		[]got{ok(1, `{"é":"日本"}`), ok(2, `["日本"]`)}},
}

func TestFrame(t *testing.T) {
	for _, c := range frameCases {
		t.Run(c.name, func(t *testing.T) {
			for _, bs := range blockSizes {
				for _, v := range via {
					t.Run(fmt.Sprintf("%s/block=%d", v.name, bs), func(t *testing.T) {
						recs, errs := readAll(t, v.open(t, c.in, input.Options{BlockSize: bs}))
						if len(errs) > 0 {
							t.Fatalf("input errors: %v", errs)
						}
						checkRecords(t, c.in, reduce(recs), c.want)
						checkPlace(t, []byte(c.in), recs)
						for _, r := range recs {
							if v.name != "file" && r.File != input.StdinName {
								t.Errorf("File = %q, want %q", r.File, input.StdinName)
							}
						}
					})
				}
			}
		})
	}
}

func checkRecords(t *testing.T, in string, have, want []got) {
	t.Helper()
	if len(have) == len(want) {
		same := true
		for i := range have {
			same = same && have[i] == want[i]
		}
		if same {
			return
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "input %q\nhave:\n", in)
	for _, g := range have {
		fmt.Fprintf(&b, "\t%v\n", g)
	}
	b.WriteString("want:\n")
	for _, g := range want {
		fmt.Fprintf(&b, "\t%v\n", g)
	}
	t.Error(b.String())
}

func TestRecordPosition(t *testing.T) {
	recs, _ := readAll(t, input.Open(nil, strings.NewReader("\n"+jqPretty), input.Options{BlockSize: 5}))
	if len(recs) != 3 {
		t.Fatalf("got %d records, want 3", len(recs))
	}
	r := &recs[0]
	if r.Line != 2 {
		t.Fatalf("Line = %d, want 2", r.Line)
	}
	for _, c := range []struct {
		offset    int
		line, col int
		loc       string
	}{
		{0, 2, 1, "<stdin>:2:1"},
		{strings.Index(string(r.Data), `"b"`), 4, 3, "<stdin>:4:3"},
		{strings.Index(string(r.Data), "2"), 6, 5, "<stdin>:6:5"},
		{len(r.Data) - 1, 8, 1, "<stdin>:8:1"},
		{len(r.Data), 8, 2, "<stdin>:8:2"},
		{len(r.Data) + 10, 8, 2, "<stdin>:8:2"}, // clamped to the end
	} {
		line, col := r.Position(c.offset)
		if line != c.line || col != c.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", c.offset, line, col, c.line, c.col)
		}
		if loc := r.Location(c.offset); loc != c.loc {
			t.Errorf("Location(%d) = %q, want %q", c.offset, loc, c.loc)
		}
	}
}

func TestRecordSyntaxError(t *testing.T) {
	recs, _ := readAll(t, input.Open(nil, strings.NewReader("[{\"a\":1},{\"b\":tru }]"), input.Options{}))
	if len(recs) < 2 {
		t.Fatalf("got %d records, want at least 2", len(recs))
	}
	se, isSyntax := recs[1].SyntaxError()
	if !isSyntax {
		t.Fatalf("record 2 Err = %v, want a syntax error", recs[1].Err)
	}
	var want *jsonscan.SyntaxError
	if !errors.As(recs[1].Err, &want) || want != se || se.Offset != 8 || !strings.Contains(se.Msg, "literal true") {
		t.Errorf("syntax error = %d %q, want offset 8 in literal true", se.Offset, se.Msg)
	}
	if loc := recs[1].Location(se.Offset); loc != "<stdin>:1:18" {
		t.Errorf("Location = %q, want <stdin>:1:18", loc)
	}
	if _, isSyntax := recs[0].SyntaxError(); isSyntax {
		t.Errorf("record 1 has a syntax error: %v", recs[0].Err)
	}
}

// TestLongLine reads an 8 MiB line with the default options: it is longer
// than a block, so it spans several, and must come out whole.
func TestLongLine(t *testing.T) {
	big := `{"big":"` + strings.Repeat("x", 8<<20) + `"}`
	in := "{\"a\":1}\n" + big + "\n{\"b\":2}\n"
	for _, v := range via {
		t.Run(v.name, func(t *testing.T) {
			recs, errs := readAll(t, v.open(t, in, input.Options{}))
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if len(recs) != 3 {
				t.Fatalf("got %d records, want 3", len(recs))
			}
			if recs[1].Line != 2 || string(recs[1].Data) != big || recs[1].Err != nil {
				t.Errorf("long record: line %d, %d bytes, err %v; want line 2, %d bytes", recs[1].Line, len(recs[1].Data), recs[1].Err, len(big))
			}
			if string(recs[2].Data) != `{"b":2}` || recs[2].Line != 3 {
				t.Errorf("record after the long one: %d %q", recs[2].Line, recs[2].Data)
			}
		})
	}
}

// TestTooLong checks that a record longer than MaxRecord is one ErrTooLong
// record and the ones around it are intact, wherever the block boundaries fall.
func TestTooLong(t *testing.T) {
	const max = 1000
	long := `{"big":"` + strings.Repeat("x", 5000) + `"}`
	prettyLong := "{\n  \"big\": \"" + strings.Repeat("x", 5000) + "\",\n  \"n\": [\n    1\n  ]\n}"
	indented := strings.ReplaceAll(prettyLong, "\n", "\n  ")
	// An over-long record shows only its first bytes.
	head := func(s string) string { return s[:256] }
	cases := []struct {
		name string
		in   string
		want []got
	}{
		{"line", "{\"a\":1}\n" + long + "\n{\"b\":2}\n",
			[]got{ok(1, `{"a":1}`), bad(2, head(long), "too long"), ok(3, `{"b":2}`)}},
		// Broken within the limit: cut after its error, as a longer line
		// (past 1 MiB) would be.
		{"broken line", "{\"a\":1}\n{\"x\":\x00" + long + "\n{\"b\":2}\n",
			[]got{ok(1, `{"a":1}`), ok(2, "{\"x\":\x00"), ok(3, `{"b":2}`)}},
		{"broken past the limit", "{\"a\":1}\n" + long[:len(long)-2] + "\x00\n{\"b\":2}\n",
			[]got{ok(1, `{"a":1}`), bad(2, head(long), "too long"), ok(3, `{"b":2}`)}},
		{"last line", "{\"a\":1}\n" + long,
			[]got{ok(1, `{"a":1}`), bad(2, head(long), "too long")}},
		{"crlf line", "{\"a\":1}\r\n" + long + "\r\n{\"b\":2}\r\n",
			[]got{ok(1, `{"a":1}`), bad(2, head(long), "too long"), ok(3, `{"b":2}`)}},
		{"array element", "[\n{\"a\":1},\n" + long + ",\n{\"b\":2}\n]\n{\"c\":3}\n",
			[]got{ok(2, `{"a":1}`), bad(3, head(long), "too long"), ok(4, `{"b":2}`), ok(6, `{"c":3}`)}},
		{"compact array element", "[{\"a\":1}," + long + ",{\"b\":2}]\n{\"c\":3}\n",
			[]got{ok(1, `{"a":1}`), bad(1, head(long), "too long"), ok(1, `{"b":2}`), ok(2, `{"c":3}`)}},
		{"array string element", "[\"" + strings.Repeat("y", 5000) + "\",2]\n",
			[]got{bad(1, head("\""+strings.Repeat("y", 5000)), "too long"), ok(1, `2`)}},
		{"array number element", "[" + strings.Repeat("9", 5000) + ",2]\n",
			[]got{bad(1, head(strings.Repeat("9", 5000)), "too long"), ok(1, `2`)}},
		{"pretty array element", "[\n  " + indented + ",\n  {\"b\":2}\n]\n",
			[]got{bad(2, head(indented), "too long"), ok(8, `{"b":2}`)}},
		{"multi-line value", "{\"a\":1}\n" + prettyLong + "\n{\"b\":2}\n",
			[]got{ok(1, `{"a":1}`), bad(2, head(prettyLong), "too long"), ok(8, `{"b":2}`)}},
		{"multi-line value at eof", "{\"a\":1}\n" + prettyLong,
			[]got{ok(1, `{"a":1}`), bad(2, head(prettyLong), "too long")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, bs := range []int{1, 7, 64, max - 1, max, max + 1, 4096, 0} {
				for _, v := range via {
					t.Run(fmt.Sprintf("%s/block=%d", v.name, bs), func(t *testing.T) {
						recs, errs := readAll(t, v.open(t, c.in, input.Options{MaxRecord: max, BlockSize: bs}))
						if len(errs) > 0 {
							t.Fatalf("input errors: %v", errs)
						}
						checkRecords(t, "(long input)", reduce(recs), c.want)
						checkPlace(t, []byte(c.in), recs)
						for _, r := range recs {
							if r.Err != nil && !strings.Contains(r.Err.Error(), "more than 1000 bytes") {
								t.Errorf("Err = %q, want it to name the limit", r.Err)
							}
						}
					})
				}
			}
		})
	}
}

// TestMaxRecordExact checks the limit is inclusive: MaxRecord bytes pass,
// one more does not.
func TestMaxRecordExact(t *testing.T) {
	line := `{"x":"` + strings.Repeat("x", 100) + `"}`
	in := line + "\n" + line + "x\n"
	for _, bs := range []int{1, 16, 0} {
		recs, _ := readAll(t, input.Open(nil, strings.NewReader(in), input.Options{MaxRecord: len(line), BlockSize: bs}))
		have := reduce(recs)
		if len(have) != 2 || have[0].Err != "" || have[1].Err != "too long" {
			t.Errorf("block=%d: a record of exactly MaxRecord bytes, then one byte more: got %v", bs, have)
		}
	}
}

// zeros is an endless run of NUL bytes: /dev/zero, or a gzip bomb of it.
type zeros struct{ left int }

func (z *zeros) Read(p []byte) (int, error) {
	if z.left == 0 {
		return 0, io.EOF
	}
	n := min(len(p), z.left)
	clear(p[:n])
	z.left -= n
	return n, nil
}

// TestLongBrokenLine checks that a line past 1 MiB that cannot be JSON is
// cut after its first error, however it falls into blocks, and that the
// rest of it is dropped without being buffered.
func TestLongBrokenLine(t *testing.T) {
	pad := strings.Repeat(" ", 1<<20)
	cases := []struct {
		name string
		in   string
		want []got
	}{
		{"nul", "{\"a\":1}\n" + strings.Repeat("\x00", 3<<20) + "\n{\"b\":2}\n",
			[]got{ok(1, `{"a":1}`), ok(2, "\x00"), ok(3, `{"b":2}`)}},
		{"error after values", "{\"a\":1} {\"b\":2}" + pad + "x" + pad + "\n{\"c\":3}\n",
			[]got{ok(1, `{"a":1} {"b":2}`+pad+"x"), ok(2, `{"c":3}`)}},
		{"bom", "\xef\xbb\xbf" + pad + "\x00\x00\n{\"c\":3}\n",
			[]got{ok(1, pad+"\x00"), ok(2, `{"c":3}`)}},
		{"crlf", pad + "\x01" + pad + "\r\n{\"c\":3}\r\n",
			[]got{ok(1, pad+"\x01"), ok(2, `{"c":3}`)}},
		{"last line", "{\"a\":1}\n" + pad + "]" + pad,
			[]got{ok(1, `{"a":1}`), ok(2, pad+"]")}},
		// An error at the end of a line's bytes is the consumers' to find.
		{"cut string", pad + "\"abc\n{\"c\":3}\n",
			[]got{ok(1, pad+"\"abc"), ok(2, `{"c":3}`)}},
		{"valid", "{\"a\":1}" + pad + "\"x\"\n",
			[]got{ok(1, `{"a":1}`+pad+`"x"`)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, bs := range []int{4096, 1<<20 - 1, 1<<20 + 1, 0} {
				for _, v := range via {
					if v.name == "trickle" {
						continue // a byte at a time through megabytes
					}
					t.Run(fmt.Sprintf("%s/block=%d", v.name, bs), func(t *testing.T) {
						recs, errs := readAll(t, v.open(t, c.in, input.Options{BlockSize: bs}))
						if len(errs) > 0 {
							t.Fatalf("input errors: %v", errs)
						}
						checkRecords(t, "(long input)", reduce(recs), c.want)
						checkPlace(t, []byte(c.in), recs)
					})
				}
			}
		})
	}
}

// TestLongBrokenLineMemory reads 300 MiB of NUL bytes with no newline, more
// than the default limit, then an event: the NUL line is reported at its
// first byte, the event is read, and what the reader allocates stays far
// below the line's length (it used to buffer the limit's worth, 256 MiB,
// several times over).
func TestLongBrokenLineMemory(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not the reader's under the race detector")
	}
	in := io.MultiReader(&zeros{left: 300 << 20}, strings.NewReader("\n{\"a\":1}\n"))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	recs, errs := readAll(t, input.Open(nil, in, input.Options{}))
	runtime.ReadMemStats(&after)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	checkRecords(t, "(300 MiB of NUL)", reduce(recs), []got{ok(1, "\x00"), ok(2, `{"a":1}`)})
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("reading allocated %d MiB, want at most 16", alloc>>20)
	}
	var v input.Value
	for v = range recs[0].Values() {
	}
	if v.Err == nil || v.Err.Error() != `<stdin>:1:1: invalid JSON: invalid character '\x00' looking for beginning of value` {
		t.Errorf("the NUL line reads as %v", v.Err)
	}
}

// TestTooLongMemory reads a line that is JSON as far as it goes and four
// times the limit long: it is buffered up to the limit, not more, and the
// blocks it takes on the way add up to less than twice the limit (doubling
// and a separate carry cost five times it).
func TestTooLongMemory(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not the reader's under the race detector")
	}
	const max = 16 << 20
	x := strings.NewReader(strings.Repeat("x", 4*max))
	in := io.MultiReader(strings.NewReader(`{"a":"`), x, strings.NewReader("\"}\n{\"b\":2}\n"))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	recs, errs := readAll(t, input.Open(nil, in, input.Options{MaxRecord: max}))
	runtime.ReadMemStats(&after)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	have := reduce(recs)
	if len(have) != 2 || have[0].Err != "too long" || have[1] != ok(2, `{"b":2}`) {
		t.Fatalf("records %v, want one too long and {\"b\":2}", have)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 2*max {
		t.Errorf("reading allocated %d MiB, want less than twice the limit, %d MiB", alloc>>20, 2*max>>20)
	}
}
